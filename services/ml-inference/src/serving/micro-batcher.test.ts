import { describe, expect, it } from 'vitest'
import { MicroBatcher } from './micro-batcher.js'

// A runner that scores each row as the sum of its features, recording every call's row count.
function summingRunner (width: number, calls: number[]) {
  return async (features: Float32Array, rows: number) => {
    calls.push(rows)
    return Float32Array.from({ length: rows }, (_, r) => features.subarray(r * width, (r + 1) * width).reduce((a, b) => a + b, 0))
  }
}

describe('MicroBatcher', () => {
  it('coalesces concurrent requests into one run and hands each caller its own rows', async () => {
    const calls: number[] = []
    const batcher = new MicroBatcher(summingRunner(2, calls), 2, { maxBatchRows: 64, maxWaitMs: 1 })
    const results = await Promise.all([1, 2, 3].map(async (k) => batcher.submit(Float32Array.from([k, k, k, 10 * k]), 2)))
    expect(calls).toEqual([6])
    expect(results.map((r) => [...r])).toEqual([[2, 11], [4, 22], [6, 33]])
  })

  it('flushes as soon as the batch is full and runs oversized requests alone', async () => {
    const calls: number[] = []
    const batcher = new MicroBatcher(summingRunner(1, calls), 1, { maxBatchRows: 4, maxWaitMs: 1000 })
    await Promise.all([batcher.submit(new Float32Array(2), 2), batcher.submit(new Float32Array(2), 2), batcher.submit(new Float32Array(9), 9)])
    expect(calls.sort()).toEqual([4, 9])
  })

  it('rejects every caller of a failed run', async () => {
    const batcher = new MicroBatcher(async () => { throw new Error('boom') }, 1, { maxBatchRows: 8, maxWaitMs: 0 })
    const results = await Promise.allSettled([batcher.submit(new Float32Array(1), 1), batcher.submit(new Float32Array(1), 1)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
  })
})
