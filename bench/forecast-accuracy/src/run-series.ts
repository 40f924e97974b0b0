import { performance } from 'node:perf_hooks'
import { modelRegistry, walkForward, type ModelBacktest, type Series } from '@platform/forecasting'
import type { SeriesProtocol } from './protocol.js'

/** The model whose forecasts drive the planner in the autoscaling replay. */
export const REPLAY_MODEL = 'auto'
export const BASELINES = ['persistence', 'seasonal-naive-day', 'seasonal-naive-week'] as const

export interface TimedBacktest extends ModelBacktest {
  /** Wall time of the whole walk-forward (every origin's fit and forecast), in seconds. */
  readonly seconds: number
}

/** Every registered model through the walk-forward on one series; `auto` also drives the replay. */
export function runSeries (series: Series, protocol: SeriesProtocol, log: (line: string) => void): TimedBacktest[] {
  const results: TimedBacktest[] = []
  for (const [name, factory] of modelRegistry) {
    const started = performance.now()
    const result = walkForward(series, factory, {
      ...protocol.walk,
      ...(name === REPLAY_MODEL ? { replay: protocol.replay } : {})
    })
    const seconds = (performance.now() - started) / 1000
    log(`  ${name.padEnd(20)} MASE ${result.accuracy.mase.toFixed(3)}  p90 cover ${(result.accuracy.coverage['0.9'] ?? Number.NaN).toFixed(3)}  ${seconds.toFixed(1)} s  (${result.lastFit})`)
    results.push({ ...result, seconds })
  }
  return results
}
