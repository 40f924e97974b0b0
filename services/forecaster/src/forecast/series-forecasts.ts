import { type Forecast, prepareSeries, type Series, SeriesError } from '@platform/forecasting'
import type { SeriesMember } from '../sources/series-set.js'
import type { WorkloadForecaster, WorkloadForecastRun } from './workload-forecaster.js'

/** A series ready for its model: prepared by the engine's rules, with its labels. */
export interface PreparedMember {
  readonly key: string
  readonly labels: Readonly<Record<string, string>>
  readonly series: Series
}

/** Series whose last sample is more than this many steps behind the newest have stopped reporting. */
const MAX_LAG_STEPS = 5

/**
 * Prepares every held series; series that stopped reporting (a deleted pod still in the window)
 * are left out, so they add no load to the plan.
 */
export function prepareMembers (members: readonly SeriesMember[], stepSeconds: number): PreparedMember[] {
  if (members.length === 0) throw new SeriesError('EMPTY_SERIES', 'the source returned no samples in the window')
  const prepared = members.map((m) => ({
    key: m.key,
    labels: m.labels,
    series: prepareSeries({ timestamps: m.history.timestamps, values: m.history.values }, { stepSeconds }).series
  }))
  const stepMs = stepSeconds * 1000
  const lastOf = (s: Series): number => s.start + (s.values.length - 1) * stepMs
  const newest = Math.max(...prepared.map((m) => lastOf(m.series)))
  return prepared.filter((m) => newest - lastOf(m.series) <= MAX_LAG_STEPS * stepMs)
}

/** The combined run: the per-step sum of the series' forecasts, and each series' own (keep mode). */
export type CombinedRun = WorkloadForecastRun & { series: Array<{ labels: Readonly<Record<string, string>>, forecast: Forecast }> }

/**
 * One forecaster per series (`seriesMode: keep`), or one for the single summed series. Series are
 * forecast side by side and their forecasts summed step by step, aligned on the newest start.
 */
export class SeriesForecasters {
  private readonly forecasters = new Map<string, WorkloadForecaster>()

  constructor (private readonly create: (key: string) => WorkloadForecaster) {}

  async run (members: readonly PreparedMember[], nowMs: number, levels?: readonly number[]): Promise<CombinedRun> {
    for (const [key, forecaster] of this.forecasters) {
      if (!members.some((m) => m.key === key)) {
        forecaster.dispose()
        this.forecasters.delete(key)
      }
    }
    const runs = await Promise.all(members.map(async (m) => {
      let forecaster = this.forecasters.get(m.key)
      if (forecaster === undefined) {
        forecaster = this.create(m.key)
        this.forecasters.set(m.key, forecaster)
      }
      return { labels: m.labels, run: await forecaster.run(m.series, nowMs, levels) }
    }))
    return combine(runs, (members[0]?.series.stepSeconds ?? 60) * 1000)
  }

  dispose (): void {
    for (const forecaster of this.forecasters.values()) forecaster.dispose()
    this.forecasters.clear()
  }
}

/** Sums forecasts step by step; a series that starts earlier is read `offset` steps further in (its last value past its end). */
export function combine (runs: ReadonlyArray<{ labels: Readonly<Record<string, string>>, run: WorkloadForecastRun }>, stepMs: number): CombinedRun {
  const first = runs[0]
  if (first === undefined) throw new SeriesError('EMPTY_SERIES', 'no series to forecast')
  const start = Math.max(...runs.map((r) => r.run.start))
  const steps = first.run.forecast.mean.length
  const shift = (values: Float64Array, runStart: number): Float64Array => {
    const offset = Math.round((start - runStart) / stepMs)
    return offset === 0 ? values : Float64Array.from({ length: steps }, (_, k) => values[Math.min(k + offset, values.length - 1)] as number)
  }
  const series = runs.map(({ labels, run }) => ({
    labels,
    forecast: {
      mean: shift(run.forecast.mean, run.start),
      quantiles: Object.fromEntries(Object.entries(run.forecast.quantiles).map(([level, values]) => [level, shift(values, run.start)]))
    }
  }))
  const sum = (pick: (f: Forecast) => Float64Array | undefined): Float64Array => {
    const total = new Float64Array(steps)
    for (const { forecast } of series) {
      const values = pick(forecast) ?? forecast.mean
      for (let k = 0; k < steps; k++) total[k] = (total[k] as number) + (values[k] as number)
    }
    return total
  }
  const levels = Object.keys(first.run.forecast.quantiles)
  const fellBack = runs.find((r) => r.run.fallback !== undefined)?.run
  return {
    forecast: { mean: sum((f) => f.mean), quantiles: Object.fromEntries(levels.map((level) => [level, sum((f) => f.quantiles[level])])) },
    start,
    model: (fellBack ?? first.run).model,
    fitSeconds: runs.reduce((total, r) => total + r.run.fitSeconds, 0),
    predictSeconds: runs.reduce((total, r) => total + r.run.predictSeconds, 0),
    refitted: runs.some((r) => r.run.refitted),
    ...(fellBack?.fallback === undefined ? {} : { fallback: fellBack.fallback }),
    series
  }
}
