import {
  BacktestInputError, buildBacktestReport, defaultTargetPerPod, evaluationPlan, getModel, parseSeriesCsv, prepareSeries, renderReplayChart,
  replayChartData, replayConfig, type BacktestReport, type ModelBacktest, walkForward
} from '@platform/forecasting'

/** The three baselines reported beside the chosen model. */
const BASELINES = ['persistence', 'seasonal-naive-day', 'seasonal-naive-week'] as const

export interface BacktestOptions {
  readonly model: string
  readonly horizonSeconds: number
  /** The grid's step; default: inferred from the timestamps (median spacing). */
  readonly stepSeconds?: number
  readonly windowSeconds: number
  readonly quantiles: readonly number[]
  /** Load one replica serves; default: the series' 95th percentile / 20, as in the benchmark protocol. */
  readonly targetPerPod?: number
  readonly podStartupSeconds: number
  /** Whether to render the SVG chart. */
  readonly chart: boolean
}

export interface BacktestOutcome {
  readonly report: BacktestReport
  readonly svg?: string
}

/** Progress across every model's origins: `start(total)` once, then `advance()` per origin. */
export interface Progress {
  start (total: number): void
  advance (): void
}

/**
 * The backtest behind `forecaster backtest`: prepare the CSV series on the step grid, walk the
 * chosen model and the three baselines forward over the last 25% (origins every hour), replay
 * the chosen model's plans against the reactive HPA, and report.
 */
export function runBacktest (csv: string, o: BacktestOptions, progress?: Progress): BacktestOutcome {
  const chosenFactory = getModel(o.model)
  const baselines = BASELINES.filter((name) => name !== o.model).map(getModel)
  const { series, report: preparation } = prepareSeries(parseSeriesCsv(csv), o.stepSeconds === undefined ? {} : { stepSeconds: o.stepSeconds })
  const steps = (seconds: number): number => Math.max(1, Math.round(seconds / series.stepSeconds))
  const plan = evaluationPlan(series, { horizonSteps: steps(o.horizonSeconds), maxHistorySteps: Math.max(2, steps(o.windowSeconds)), quantiles: o.quantiles })
  const targetPerPod = o.targetPerPod ?? defaultTargetPerPod(series.values)
  if (!(targetPerPod > 0)) throw new BacktestInputError('ZERO_LOAD', 'the series is zero at its 95th percentile: give --target-per-pod')

  let started = false
  const onOrigin = (done: number, total: number): void => {
    if (!started) progress?.start(total * (baselines.length + 1))
    started = true
    progress?.advance()
  }
  const chosen = walkForward(series, chosenFactory, { ...plan, replay: replayConfig(targetPerPod, o.podStartupSeconds), onOrigin })
  const others: ModelBacktest[] = baselines.map((factory) => walkForward(series, factory, { ...plan, onOrigin }))

  const report = buildBacktestReport({ series, preparation, protocol: plan, targetPerPod, podStartupSeconds: o.podStartupSeconds }, chosen, others)
  const chart = o.chart ? replayChartData(series, chosen, targetPerPod, `forecaster backtest: ${chosen.model}`) : undefined
  return chart === undefined ? { report } : { report, svg: renderReplayChart(chart) }
}
