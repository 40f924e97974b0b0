import { describe, expect, it } from 'vitest'
import { progressView } from './train-progress.js'

function capture (isTTY: boolean) {
  const chunks: string[] = []
  return { chunks, stream: { isTTY, write: (s: string) => { chunks.push(s); return true } } as unknown as NodeJS.WritableStream & { isTTY: boolean } }
}

describe('progressView off a terminal', () => {
  it('writes plain lines with the model, its iteration and its own budget', () => {
    let clock = 0
    const { chunks, stream } = capture(false)
    const view = progressView(stream, { intervalMs: 1000, now: () => clock })
    view.fetched(10_000)
    for (let i = 1; i <= 119; i++) {
      clock += 20
      view.update({ model: 'cost', iteration: i, total: 2000 })
    }
    view.update({ model: 'success', iteration: 1, total: 2000 })
    view.stop()
    const out = chunks.join('')
    expect(out).not.toMatch(/\r|\{model\}|\/100 /)
    expect(out).not.toContain(String.fromCharCode(27))
    expect(out.split('\n').filter((l) => l !== '')).toEqual([
      'fetched 10000 records',
      'cost: training (at most 2000 iterations)',
      'cost: iteration 51/2000',
      'cost: iteration 101/2000',
      'cost: done after 119 of at most 2000 iterations',
      'success: training (at most 2000 iterations)',
      'success: done after 1 of at most 2000 iterations'
    ])
  })

  it('writes nothing when nothing was trained', () => {
    const { chunks, stream } = capture(false)
    progressView(stream).stop()
    expect(chunks).toEqual([])
  })
})
