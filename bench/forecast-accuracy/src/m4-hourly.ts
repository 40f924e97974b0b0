import { getModel, seasonalNaiveMae, smapeTerm } from '@platform/forecasting'
import type { M4Series } from './m4-data.js'

/** The M4 hourly protocol: horizon 48, MASE scaled with season 24; we also model the weekly 168. */
export const M4_HORIZON = 48
const M4_SEASON = 24
const SEASON_PERIODS = [24, 168]
/** Central intervals whose empirical coverage is reported (nominal 50%, 80%, 90%). */
const INTERVALS = [0.5, 0.8, 0.9]

/** Published M4 hourly figures to compare with (sMAPE, MASE). */
export const M4_REFERENCES = [
  { name: 'seasonal naive (M4 benchmark)', smape: 13.912, mase: 1.193 },
  { name: 'statsforecast AutoARIMA', smape: Number.NaN, mase: 0.92 },
  { name: 'best M4 hourly entry', smape: 8.913, mase: 0.801 }
] as const

export interface M4Result {
  readonly model: string
  readonly series: number
  readonly smape: number
  readonly mase: number
  /** Series where the model's MASE beats the official seasonal naive's. */
  readonly beatsSnaive: number
  /** Nominal central-interval level -> empirical coverage over all series and steps. */
  readonly coverage: Record<string, number>
  readonly seconds: number
  /** CPU time of this process over the run: stable when other work shares the machine. */
  readonly cpuSeconds: number
  /** How often each fitted specification was chosen (the first few words of `describe()`). */
  readonly chosen: Record<string, number>
}

/** Fits `modelName` on every training split, forecasts 48 steps and scores by the M4 definitions. */
export function runM4Hourly (data: readonly M4Series[], modelName: string, onProgress?: (done: number) => void): M4Result {
  const factory = getModel(modelName)
  const levels = INTERVALS.flatMap((c) => [(1 - c) / 2, (1 + c) / 2])
  const inside = new Float64Array(INTERVALS.length)
  let smape = 0
  let mase = 0
  let beats = 0
  let steps = 0
  const chosen: Record<string, number> = {}
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  data.forEach((s, index) => {
    const model = factory.fit({ start: 0, stepSeconds: 3600, values: s.train }, { seasonPeriods: SEASON_PERIODS, horizonSteps: M4_HORIZON })
    const forecast = model.forecast(M4_HORIZON, levels)
    const scale = seasonalNaiveMae(s.train, M4_SEASON)
    let seriesSmape = 0
    let seriesAbs = 0
    for (let h = 0; h < M4_HORIZON; h++) {
      const actual = s.test[h] as number
      const point = forecast.mean[h] as number
      seriesSmape += smapeTerm(actual, point) / M4_HORIZON
      seriesAbs += Math.abs(actual - point) / M4_HORIZON
      INTERVALS.forEach((_, i) => {
        const lo = forecast.quantiles[String(levels[2 * i])]?.[h] ?? Number.NaN
        const hi = forecast.quantiles[String(levels[2 * i + 1])]?.[h] ?? Number.NaN
        if (actual >= lo && actual <= hi) inside[i] = (inside[i] as number) + 1
      })
      steps++
    }
    const seriesMase = seriesAbs / scale
    smape += seriesSmape
    mase += seriesMase
    if (seriesMase < s.snaive.mase) beats++
    const kind = model.describe().replace(/\(\d[^)]*\)/g, '').replace(/\[[\d,]+\]/g, '').trim()
    chosen[kind] = (chosen[kind] ?? 0) + 1
    onProgress?.(index + 1)
  })
  const coverage: Record<string, number> = {}
  INTERVALS.forEach((c, i) => { coverage[String(c)] = (inside[i] as number) / steps })
  return {
    model: modelName,
    series: data.length,
    smape: smape / data.length,
    mase: mase / data.length,
    beatsSnaive: beats,
    coverage,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuTotal(process.cpuUsage(cpuStart)) / 1e6,
    chosen
  }
}

function cpuTotal (usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system
}
