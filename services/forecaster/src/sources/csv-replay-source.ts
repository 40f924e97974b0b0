import { parseSeriesCsv, prepareSeries, type Series } from '@platform/forecasting'
import type { MetricSource, Samples } from './metric-source.js'

const DAY_MS = 86_400_000

/**
 * Replays a CSV series against the wall clock, looping over a whole number of days so the time of
 * day is kept (and the weekday too when the file covers whole weeks). The series goes through the
 * engine's preparation once, so gaps and disorder in the file follow the engine's rules.
 */
export class CsvReplaySource implements MetricSource {
  private readonly series: Series
  private readonly spanMs: number

  constructor (csvText: string) {
    const raw = parseSeriesCsv(csvText)
    this.series = prepareSeries(raw).series
    const stepMs = this.series.stepSeconds * 1000
    const covered = this.series.values.length * stepMs
    // Whole days when the file holds at least one; otherwise the file's own length.
    this.spanMs = covered >= DAY_MS ? Math.floor(covered / DAY_MS) * DAY_MS : covered
  }

  /** The replayed value at wall time `t` (ms). */
  valueAt (t: number): number {
    const stepMs = this.series.stepSeconds * 1000
    const offset = ((t - this.series.start) % this.spanMs + this.spanMs) % this.spanMs
    const index = Math.min(this.series.values.length - 1, Math.floor(offset / stepMs))
    return this.series.values[index] as number
  }

  async fetch (startMs: number, endMs: number, stepSeconds: number): Promise<Samples> {
    const stepMs = stepSeconds * 1000
    const timestamps: number[] = []
    const values: number[] = []
    for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) {
      timestamps.push(t)
      values.push(this.valueAt(t))
    }
    return { timestamps, values }
  }
}
