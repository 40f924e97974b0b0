import { labelKey, type MetricSource, type SeriesSource } from './metric-source.js'
import { SeriesHistory } from './series-history.js'

export interface SeriesMember {
  readonly key: string
  readonly labels: Readonly<Record<string, string>>
  readonly history: SeriesHistory
}

/** A single-series source seen as a set of one series with no labels (`sum` and `single` modes). */
export function asSeriesSource (source: MetricSource): SeriesSource {
  return { fetchSeries: async (start, end, step, signal) => [{ labels: {}, ...await source.fetch(start, end, step, signal) }] }
}

/**
 * The histories of every series a workload's query returns, fetched incrementally together. A
 * series that appears in an incremental fetch makes the whole window be fetched again (in the
 * same refresh), so a new series starts with its full history; a series whose samples all left the
 * window is dropped.
 */
export class SeriesSetHistory {
  private readonly members = new Map<string, SeriesMember>()

  constructor (private readonly windowSeconds: number, private readonly stepSeconds: number) {}

  get series (): SeriesMember[] {
    return [...this.members.values()]
  }

  async refresh (source: SeriesSource, nowMs: number, signal?: AbortSignal): Promise<void> {
    const probe = new SeriesHistory(this.windowSeconds, this.stepSeconds).range(nowMs)
    // Every held series shares the grid; fetch from the earliest point any of them needs.
    const start = this.members.size === 0 ? probe.windowStart : Math.min(...this.series.map((m) => m.history.range(nowMs).start))
    // A series without samples in range (all NaN, say) is neither new nor a member.
    let fetched = (await source.fetchSeries(start, probe.end, this.stepSeconds, signal)).filter((s) => s.timestamps.length > 0)
    const known = this.members.size > 0 && start > probe.windowStart
    if (known && fetched.some((s) => !this.members.has(labelKey(s.labels)))) {
      this.members.clear()
      fetched = (await source.fetchSeries(probe.windowStart, probe.end, this.stepSeconds, signal)).filter((s) => s.timestamps.length > 0)
    }
    for (const samples of fetched) {
      const key = labelKey(samples.labels)
      let member = this.members.get(key)
      if (member === undefined) {
        member = { key, labels: samples.labels, history: new SeriesHistory(this.windowSeconds, this.stepSeconds) }
        this.members.set(key, member)
      }
      member.history.absorb(samples, probe.windowStart)
    }
    for (const member of this.series) {
      if (!fetched.some((s) => labelKey(s.labels) === member.key)) member.history.absorb({ timestamps: [], values: [] }, probe.windowStart)
      if (member.history.timestamps.length === 0) this.members.delete(member.key)
    }
  }

  /** The latest sample time of any series. */
  get lastTimestamp (): number | undefined {
    const lasts = this.series.flatMap((m) => m.history.timestamps.slice(-1))
    return lasts.length === 0 ? undefined : Math.max(...lasts)
  }

  /** The per-timestamp sum of every series' samples strictly after `afterMs` (the actuals to score). */
  totalSince (afterMs: number): { timestamps: number[], values: number[] } {
    const sums = new Map<number, number>()
    for (const { history } of this.series) {
      const fresh = history.since(afterMs)
      fresh.timestamps.forEach((t, i) => sums.set(t, (sums.get(t) ?? 0) + (fresh.values[i] as number)))
    }
    const timestamps = [...sums.keys()].sort((a, b) => a - b)
    return { timestamps, values: timestamps.map((t) => sums.get(t) as number) }
  }
}
