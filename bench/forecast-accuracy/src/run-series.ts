import { performance } from 'node:perf_hooks'
import { modelRegistry, walkForward, type Forecast, type ModelBacktest, type Series } from '@platform/forecasting'
import { recordingFactory } from './forecast-recorder.js'
import { SWEEP_LEVELS } from './policy-sweep.js'
import type { SeriesProtocol } from './protocol.js'

/** The model whose forecasts drive the planner in the autoscaling replay. */
export const REPLAY_MODEL = 'auto'
export const BASELINES = ['persistence', 'seasonal-naive-day', 'seasonal-naive-week'] as const

export interface TimedBacktest extends ModelBacktest {
  /** Wall time of the whole walk-forward (every origin's fit and forecast), in seconds. */
  readonly seconds: number
}

export interface SeriesRun {
  readonly models: TimedBacktest[]
  /** The replay model's forecast at each replayed step, with the sweep's extra quantiles. */
  readonly replayForecasts: Forecast[]
}

/**
 * Every registered model through the walk-forward on one series (or only `REPLAY_MODEL` when
 * `replayOnly`); `auto` also drives the replay.
 */
export function runSeries (series: Series, protocol: SeriesProtocol, log: (line: string) => void, replayOnly = false): SeriesRun {
  const models: TimedBacktest[] = []
  const replayForecasts: Forecast[] = []
  for (const [name, factory] of modelRegistry) {
    if (replayOnly && name !== REPLAY_MODEL) continue
    const started = performance.now()
    const result = name === REPLAY_MODEL
      ? walkForward(series, recordingFactory(factory, SWEEP_LEVELS, replayForecasts), { ...protocol.walk, replay: protocol.replay })
      : walkForward(series, factory, protocol.walk)
    const seconds = (performance.now() - started) / 1000
    log(`  ${name.padEnd(20)} MASE ${result.accuracy.mase.toFixed(3)}  p90 cover ${(result.accuracy.coverage['0.9'] ?? Number.NaN).toFixed(3)}  ${seconds.toFixed(1)} s  (${result.lastFit})`)
    models.push({ ...result, seconds })
  }
  return { models, replayForecasts }
}
