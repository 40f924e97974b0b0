import { describe, expect, it } from 'vitest'
import type { MetricSource, Samples } from './metric-source.js'
import { SeriesHistory } from './series-history.js'

const minute = 60_000

/** A source returning value = minute index, recording every range asked for. */
function countingSource (): MetricSource & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = []
  return {
    calls,
    async fetch (start, end, step): Promise<Samples> {
      calls.push([start, end])
      const timestamps: number[] = []
      for (let t = Math.ceil(start / (step * 1000)) * step * 1000; t <= end; t += step * 1000) timestamps.push(t)
      return { timestamps, values: timestamps.map((t) => t / minute) }
    }
  }
}

describe('SeriesHistory', () => {
  it('loads the window once, then fetches only new steps', async () => {
    const source = countingSource()
    const history = new SeriesHistory(10 * 60, 60)
    const now = 1000 * minute
    expect(await history.refresh(source, now + 30_000)).toBe(11)
    expect(history.timestamps[0]).toBe(990 * minute)
    expect(await history.refresh(source, now + 45_000)).toBe(0)
    expect(source.calls[1]).toEqual([now, now])
    expect(await history.refresh(source, now + 3 * minute)).toBe(3)
    expect(source.calls[2]).toEqual([1000 * minute, 1003 * minute])
    expect(history.timestamps).toHaveLength(11)
    expect(history.timestamps[0]).toBe(993 * minute)
    expect(history.values.at(-1)).toBe(1003)
  })

  it('reloads the whole window after a long outage', async () => {
    const source = countingSource()
    const history = new SeriesHistory(5 * 60, 60)
    await history.refresh(source, 100 * minute)
    await history.refresh(source, 200 * minute)
    expect(source.calls[1]).toEqual([195 * minute, 200 * minute])
    expect(history.timestamps).toEqual([195, 196, 197, 198, 199, 200].map((m) => m * minute))
  })

  it('replaces the last held step with its refetched value', async () => {
    let bump = 0
    const source: MetricSource = { fetch: async (start, end) => ({ timestamps: start === end ? [end] : [start, end], values: start === end ? [99 + bump++] : [1, 2] }) }
    const history = new SeriesHistory(60, 60)
    await history.refresh(source, 10 * minute)
    await history.refresh(source, 10 * minute + 1000)
    expect(history.values).toEqual([1, 99])
  })

  it('keeps what it held when a fetch fails', async () => {
    const history = new SeriesHistory(5 * 60, 60)
    await history.refresh(countingSource(), 100 * minute)
    const failing: MetricSource = { fetch: async () => { throw new Error('down') } }
    await expect(history.refresh(failing, 103 * minute)).rejects.toThrow('down')
    expect(history.timestamps.at(-1)).toBe(100 * minute)
    expect(history.since(98 * minute).values).toEqual([99, 100])
  })
})
