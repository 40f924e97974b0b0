import { describe, expect, it } from 'vitest'
import { CsvReplaySource } from './csv-replay-source.js'

const minute = 60_000
const day = 86_400_000

function csv (n: number, value: (i: number) => number): string {
  const rows = Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2020, 0, 1) + i * minute).toISOString()},${value(i)}`)
  return ['timestamp,value', ...rows].join('\n')
}

describe('CsvReplaySource', () => {
  it('keeps the time of day when replaying whole days', async () => {
    const source = new CsvReplaySource(csv(1440 * 2, (i) => i % 1440))
    const t = Date.UTC(2026, 5, 10, 13, 7)
    expect(source.valueAt(t)).toBe(13 * 60 + 7)
    const { timestamps, values } = await source.fetch(t, t + 3 * minute, 60)
    expect(timestamps).toEqual([t, t + minute, t + 2 * minute, t + 3 * minute])
    expect(values).toEqual([787, 788, 789, 790])
  })

  it('loops over whole days and drops the partial last day', () => {
    const source = new CsvReplaySource(csv(1440 + 100, (i) => (i < 1440 ? 1 : 99)))
    expect(source.valueAt(Date.UTC(2026, 0, 1) + 50 * minute)).toBe(1)
    expect(source.valueAt(Date.UTC(2026, 0, 1) + day + 50 * minute)).toBe(1)
  })

  it('aligns fetches to the step grid', async () => {
    const source = new CsvReplaySource(csv(1440, () => 5))
    const { timestamps } = await source.fetch(Date.UTC(2026, 0, 1, 0, 0, 30), Date.UTC(2026, 0, 1, 0, 5), 120)
    expect(timestamps.map((t) => new Date(t).toISOString())).toEqual(['2026-01-01T00:02:00.000Z', '2026-01-01T00:04:00.000Z'])
  })

  it('fills gaps in the file by the engine rules and refuses a bad file', () => {
    const withGap = csv(1440, (i) => i).split('\n').filter((_, row) => row !== 11).join('\n')
    expect(new CsvReplaySource(withGap).valueAt(Date.UTC(2026, 0, 1, 0, 10))).toBe(10)
    expect(() => new CsvReplaySource('timestamp,value\nnot-a-time,1\n')).toThrow(/line 2/)
  })
})
