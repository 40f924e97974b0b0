import type { Series } from '../model.js'
import type { PreparationReport } from '../series/prepare.js'
import type { AccuracySummary } from './accuracy.js'
import type { ReplayOutcome } from './replay.js'
import type { ReplayChartData } from './svg-chart.js'
import { formatTable } from './text-table.js'
import type { ModelBacktest } from './walk-forward.js'

/** The backtest's result as the CLI prints it with `--json`; every number is finite or null. */
export interface BacktestReport {
  readonly series: {
    readonly points: number
    readonly stepSeconds: number
    readonly start: string
    readonly end: string
    /** What `prepareSeries` did to the input: sorted, merged, gap-filled, clipped. */
    readonly preparation: PreparationReport
  }
  readonly protocol: {
    readonly horizonSteps: number
    readonly originEverySteps: number
    readonly firstOrigin: number
    readonly maxHistorySteps: number
    readonly quantiles: readonly number[]
    /** MASE denominator: in-sample MAE of the daily seasonal naive before the first origin. */
    readonly scale: number
  }
  readonly models: ReadonlyArray<ModelAccuracyRow>
  readonly replay: ReplaySummary | null
}

export interface ModelAccuracyRow extends AccuracySummary {
  readonly model: string
  readonly role: 'chosen' | 'baseline'
  readonly lastFit: string
}

export interface ReplaySummary {
  readonly model: string
  readonly targetPerPod: number
  readonly podStartupSeconds: number
  readonly planner: ReplayTotals
  readonly hpa: ReplayTotals
  /** 1 - planner under / HPA under; null when the HPA was never under-provisioned. */
  readonly underReduction: number | null
  /** Planner total replica-minutes / HPA total replica-minutes. */
  readonly totalRatio: number | null
}

export type ReplayTotals = Omit<ReplayOutcome, 'requested'>

export interface ReportContext {
  readonly series: Series
  readonly preparation: PreparationReport
  readonly protocol: BacktestReport['protocol']
  readonly targetPerPod: number
  readonly podStartupSeconds: number
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null)
const totals = ({ under, over, total, scalingChanges }: ReplayOutcome): ReplayTotals => ({ under, over, total, scalingChanges })

/** Puts the chosen model (whose replay is reported) first, then the baselines. */
export function buildBacktestReport (context: ReportContext, chosen: ModelBacktest, baselines: readonly ModelBacktest[]): BacktestReport {
  const { series } = context
  const row = (m: ModelBacktest, role: ModelAccuracyRow['role']): ModelAccuracyRow =>
    ({ model: m.model, role, lastFit: m.lastFit, ...m.accuracy })
  const replay = chosen.replay
  const endMs = series.start + (series.values.length - 1) * series.stepSeconds * 1000
  return {
    series: { points: series.values.length, stepSeconds: series.stepSeconds, start: new Date(series.start).toISOString(), end: new Date(endMs).toISOString(), preparation: context.preparation },
    protocol: context.protocol,
    models: [row(chosen, 'chosen'), ...baselines.map((b) => row(b, 'baseline'))],
    replay: replay === undefined
      ? null
      : {
          model: chosen.model,
          targetPerPod: context.targetPerPod,
          podStartupSeconds: context.podStartupSeconds,
          planner: totals(replay.planner),
          hpa: totals(replay.hpa),
          underReduction: replay.hpa.under > 0 ? 1 - replay.planner.under / replay.hpa.under : null,
          totalRatio: ratio(replay.planner.total, replay.hpa.total)
        }
  }
}

/** The report as readable text tables. */
export function formatBacktestReport (report: BacktestReport): string {
  const levels = report.protocol.quantiles.map(String)
  const accuracy = formatTable(
    ['model', 'role', 'MASE', 'sMAPE', ...levels.flatMap((l) => [`pinball@${l}`, `cover@${l}`]), 'last fit'],
    report.models.map((m) => [m.model, m.role, m.mase, m.smape, ...levels.flatMap((l) => [m.pinball[l] ?? Number.NaN, m.coverage[l] ?? Number.NaN]), m.lastFit])
  )
  const s = report.series
  const prep = s.preparation
  const p = report.protocol
  const lines = [
    `series: ${s.points} points every ${s.stepSeconds} s, ${s.start} .. ${s.end}`,
    `prepared from ${prep.samples} samples: ${prep.filled} slots filled (longest gap ${prep.longestGapSteps} steps), ` +
      `${prep.merged} merged into a shared slot, ${prep.clipped} clipped${prep.reordered ? ', timestamps sorted' : ''}`,
    `walk-forward: ${report.models[0]?.origins ?? 0} origins every ${p.originEverySteps} steps from step ${p.firstOrigin}, horizon ${p.horizonSteps} steps, history <= ${p.maxHistorySteps} steps, MASE scale ${p.scale.toPrecision(4)}`,
    '',
    accuracy
  ]
  const r = report.replay
  if (r !== null) {
    const replayRow = (name: string, t: ReplayTotals): Array<string | number> => [name, t.under, t.over, t.total, t.scalingChanges]
    lines.push(
      '',
      `autoscaling replay (${r.model}): targetPerPod ${r.targetPerPod.toPrecision(4)}, pod start-up ${r.podStartupSeconds} s`,
      formatTable(['autoscaler', 'under rep-min', 'over rep-min', 'total rep-min', 'scaling changes'],
        [replayRow('planner', r.planner), replayRow('reactive HPA', r.hpa)]),
      `under-provisioned: ${r.underReduction === null ? 'HPA never under-provisioned' : `${(100 * r.underReduction).toFixed(1)}% fewer than the HPA`}; ` +
        `total: ${r.totalRatio === null ? 'n/a' : `${(100 * r.totalRatio).toFixed(1)}% of the HPA's`}`
    )
  }
  return lines.join('\n')
}

// 0.55 -> p55, not p55.00000000000001.
const percentile = (level: string | undefined): string => `p${Math.round(Number(level) * 10_000) / 100}`

/** Chart data for the chosen model's replay (band = lowest to highest requested quantile). */
export function replayChartData (series: Series, chosen: ModelBacktest, targetPerPod: number, title: string): ReplayChartData | undefined {
  const replay = chosen.replay
  if (replay === undefined) return undefined
  const steps = replay.needed.length
  const stepMs = series.stepSeconds * 1000
  const levels = Object.keys(replay.forecast.quantiles).sort((a, b) => Number(a) - Number(b))
  const band = (level: string | undefined): number[] => (level === undefined ? [] : replay.forecast.quantiles[level] ?? [])
  return {
    title,
    times: Array.from({ length: steps }, (_, i) => series.start + (replay.firstStep + i) * stepMs),
    actual: Array.from(series.values.subarray(replay.firstStep, replay.firstStep + steps)),
    forecast: replay.forecast.mean,
    bandLow: band(levels[0]),
    bandHigh: band(levels.at(-1)),
    bandLabel: levels.length === 0 ? 'none' : `${percentile(levels[0])}-${percentile(levels.at(-1))}`,
    planned: replay.planner.requested,
    reactive: replay.hpa.requested,
    targetPerPod
  }
}
