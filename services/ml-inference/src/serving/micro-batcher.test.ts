import { describe, expect, it, vi } from 'vitest'
import { MicroBatcher } from './micro-batcher.js'

type Row = Readonly<Record<string, unknown>>

// A runner that scores each row as its `x`, recording every call's row count.
function echoRunner (calls: number[]) {
  return async (rows: readonly Row[]) => {
    calls.push(rows.length)
    return Float32Array.from(rows, (row) => Number(row.x))
  }
}
const rowsOf = (...xs: number[]) => xs.map((x) => ({ x }))

describe('MicroBatcher', () => {
  it('coalesces concurrent requests into one run and hands each caller its own rows', async () => {
    const calls: number[] = []
    const batcher = new MicroBatcher(echoRunner(calls), { maxBatchRows: 64, maxWaitMs: 1 })
    const results = await Promise.all([1, 2, 3].map(async (k) => batcher.submit(rowsOf(k, 10 * k))))
    expect(calls).toEqual([6])
    expect(results.map((r) => [...r])).toEqual([[1, 10], [2, 20], [3, 30]])
  })

  it('flushes as soon as the batch is full and runs oversized requests alone', async () => {
    const calls: number[] = []
    const batcher = new MicroBatcher(echoRunner(calls), { maxBatchRows: 4, maxWaitMs: 1000 })
    await Promise.all([batcher.submit(rowsOf(1, 2)), batcher.submit(rowsOf(3, 4)), batcher.submit(rowsOf(...Array.from({ length: 9 }, (_, i) => i)))])
    expect(calls.sort()).toEqual([4, 9])
  })

  it('never runs more than maxBatchRows coalesced rows: a request that would overfill the batch starts the next one', async () => {
    const calls: number[] = []
    const batcher = new MicroBatcher(echoRunner(calls), { maxBatchRows: 4, maxWaitMs: 1 })
    const results = await Promise.all([batcher.submit(rowsOf(1, 2, 3)), batcher.submit(rowsOf(4, 5, 6)), batcher.submit(rowsOf(7))])
    expect(calls).toEqual([3, 4])
    expect(results.map((r) => [...r])).toEqual([[1, 2, 3], [4, 5, 6], [7]])
  })

  it('gives a batch started after an early flush its whole wait: the flushed batch\'s timer is cleared', async () => {
    vi.useFakeTimers()
    try {
      const calls: number[] = []
      const batcher = new MicroBatcher(echoRunner(calls), { maxBatchRows: 4, maxWaitMs: 100 })
      const full = Promise.all([batcher.submit(rowsOf(1, 2)), batcher.submit(rowsOf(3, 4))])
      await vi.advanceTimersByTimeAsync(60)
      await full
      const late = batcher.submit(rowsOf(5))
      await vi.advanceTimersByTimeAsync(60)
      expect(calls).toEqual([4])
      await vi.advanceTimersByTimeAsync(40)
      await late
      expect(calls).toEqual([4, 1])
    } finally {
      vi.useRealTimers()
    }
  })

  it('rejects every caller of a failed run', async () => {
    const batcher = new MicroBatcher(async () => { throw new Error('boom') }, { maxBatchRows: 8, maxWaitMs: 0 })
    const results = await Promise.allSettled([batcher.submit(rowsOf(1)), batcher.submit(rowsOf(2))])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
  })
})
