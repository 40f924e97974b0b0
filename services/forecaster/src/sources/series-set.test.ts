import { describe, expect, it } from 'vitest'
import type { LabeledSamples, SeriesSource } from './metric-source.js'
import { SeriesSetHistory } from './series-set.js'

const minute = 60_000

/** Pods reporting value = pod number from the minute in `since` on (or always), recording every range asked for. */
function pods (since: Record<string, number>): SeriesSource & { calls: Array<[number, number]>, gone: Set<string> } {
  const calls: Array<[number, number]> = []
  const gone = new Set<string>()
  return {
    calls,
    gone,
    async fetchSeries (start, end, step): Promise<LabeledSamples[]> {
      calls.push([start, end])
      return Object.entries(since).filter(([pod]) => !gone.has(pod)).map(([pod, from]) => {
        const timestamps: number[] = []
        for (let t = Math.ceil(start / (step * 1000)) * step * 1000; t <= end; t += step * 1000) if (t >= from) timestamps.push(t)
        return { labels: { pod }, timestamps, values: timestamps.map(() => Number(pod)) }
      })
    }
  }
}

describe('SeriesSetHistory', () => {
  it('keeps each series apart, fetches incrementally and sums the new actuals', async () => {
    const source = pods({ 1: 0, 2: 0 })
    const set = new SeriesSetHistory(10 * 60, 60)
    const now = 1000 * minute
    await set.refresh(source, now)
    expect(set.series.map((m) => [m.labels, m.history.values.length])).toEqual([[{ pod: '1' }, 11], [{ pod: '2' }, 11]])
    await set.refresh(source, now + 2 * minute)
    expect(source.calls[1]).toEqual([now, now + 2 * minute])
    expect(set.totalSince(now)).toEqual({ timestamps: [now + minute, now + 2 * minute], values: [3, 3] })
    expect(set.lastTimestamp).toBe(now + 2 * minute)
  })

  it('fetches the whole window again when a new series appears, so it starts with its full history', async () => {
    const now = 1000 * minute
    const source = pods({ 1: 0, 7: now + minute })
    const set = new SeriesSetHistory(10 * 60, 60)
    await set.refresh(source, now)
    expect(set.series).toHaveLength(1)
    await set.refresh(source, now + 3 * minute)
    expect(source.calls.slice(1)).toEqual([[now, now + 3 * minute], [now - 7 * minute, now + 3 * minute]])
    expect(set.series.map((m) => m.history.values.length)).toEqual([11, 3])
  })

  it('does not count a series with no samples (all NaN, as 0/0 of an idle pod) as new on every refresh', async () => {
    const now = 1000 * minute
    const source = pods({ 1: 0, 9: Number.POSITIVE_INFINITY })
    const set = new SeriesSetHistory(10 * 60, 60)
    for (let k = 0; k < 4; k++) await set.refresh(source, now + k * minute)
    expect(source.calls).toEqual([[now - 10 * minute, now], [now, now + minute], [now + minute, now + 2 * minute], [now + 2 * minute, now + 3 * minute]])
    expect(set.series.map((m) => m.labels)).toEqual([{ pod: '1' }])
  })

  it('drops a series once all its samples have left the window', async () => {
    const source = pods({ 1: 0, 2: 0 })
    const set = new SeriesSetHistory(10 * 60, 60)
    const now = 1000 * minute
    await set.refresh(source, now)
    source.gone.add('2')
    await set.refresh(source, now + 5 * minute)
    expect(set.series).toHaveLength(2)
    await set.refresh(source, now + 11 * minute)
    expect(set.series.map((m) => m.labels)).toEqual([{ pod: '1' }])
  })
})
