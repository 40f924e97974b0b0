import { defaultTargetPerPod, evaluationPlan, replayConfig, type EvaluationPlan, type ReplayConfig, type Series } from '@platform/forecasting'

/** Quantile levels scored on every series; the p90 coverage goal is 85-95%. */
export const QUANTILES = [0.5, 0.9, 0.95] as const

export interface SeriesProtocol {
  readonly walk: EvaluationPlan
  readonly replay: ReplayConfig
  /** Steps per day: the daily seasonal naive's period and the peer's season. */
  readonly daySteps: number
}

/**
 * The real-series protocol of issue 4 for one prepared series: origins every 60 minutes over the
 * last 25%, at most the last 14 days of history, horizon max(30 minutes, 2 steps), MASE scaled
 * by the daily seasonal naive on the first 75%; the replay with targetPerPod = p95 / 20.
 */
export function realSeriesProtocol (series: Series): SeriesProtocol {
  const step = series.stepSeconds
  return {
    daySteps: Math.round(86_400 / step),
    walk: evaluationPlan(series, { horizonSteps: Math.max(Math.ceil(1800 / step), 2), maxHistorySteps: Math.round(14 * 86_400 / step), quantiles: QUANTILES }),
    replay: replayConfig(defaultTargetPerPod(series.values))
  }
}
