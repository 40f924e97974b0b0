import { getModel, prepareSeries } from '@platform/forecasting'
import { loadRealSeries } from './real-series-data.js'

/**
 * Speed of the models on the service's typical job: `auto` fitted on 10,080 points (7 days at
 * one minute, a real crane load series, different windows) and a 30-step forecast with three
 * quantiles from a fitted model. Goals: fit median <= 300 ms, forecast <= 2 ms.
 */
export interface SpeedResult {
  readonly fitMs: { readonly median: number, readonly max: number, readonly runs: number }
  readonly forecastMs: number
  readonly chosen: string
}

const WEEK = 10_080
const RUNS = 9

export function measureModelSpeed (seriesName = 'crane-input9'): SpeedResult {
  const raw = loadRealSeries().find((s) => s.name === seriesName)
  if (raw === undefined) throw new Error(`no real series named ${seriesName}`)
  const { series } = prepareSeries(raw.samples)
  const factory = getModel('auto')
  const times: number[] = []
  let model = factory.fit({ ...series, values: series.values.subarray(0, WEEK) }, { horizonSteps: 30 })
  for (let run = 0; run < RUNS; run++) {
    const from = Math.min(run * 720, series.values.length - WEEK)
    const window = { ...series, start: series.start + from * 60_000, values: series.values.subarray(from, from + WEEK) }
    const started = performance.now()
    model = factory.fit(window, { horizonSteps: 30 })
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const repeats = 1000
  const started = performance.now()
  for (let i = 0; i < repeats; i++) model.forecast(30, [0.5, 0.9, 0.95])
  return {
    fitMs: { median: times[Math.floor(RUNS / 2)] as number, max: times[RUNS - 1] as number, runs: RUNS },
    forecastMs: (performance.now() - started) / repeats,
    chosen: model.describe()
  }
}
