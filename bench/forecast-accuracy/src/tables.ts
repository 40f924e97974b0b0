import { formatNumber, formatTable, type ModelBacktest } from '@platform/forecasting'
import type { SweepCell } from './policy-sweep.js'
import type { PeerResult } from './statsmodels-peer.js'
import { BASELINES, REPLAY_MODEL, type TimedBacktest } from './run-series.js'

export interface SeriesOutcome {
  readonly name: string
  readonly points: number
  readonly stepSeconds: number
  readonly targetPerPod: number
  readonly models: readonly TimedBacktest[]
  /** Replays of other planner policies on the same forecasts. */
  readonly sweep: readonly SweepCell[]
  /** The statsmodels peer's result, or why it did not run. */
  readonly peer: PeerResult | string
}

export interface Table {
  readonly title: string
  readonly header: readonly string[]
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>
}

const PEER = 'statsmodels HW'
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
const verdict = (met: boolean): string => (met ? 'met' : 'MISSED')
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

function model (outcome: SeriesOutcome, name: string): ModelBacktest {
  const found = outcome.models.find((m) => m.model === name)
  if (found === undefined) throw new Error(`${outcome.name}: no result for ${name}`)
  return found
}

function bestBaseline (outcome: SeriesOutcome): { name: string, mase: number } {
  return BASELINES.map((name) => ({ name, mase: model(outcome, name).accuracy.mase }))
    .reduce((a, b) => (b.mase < a.mase ? b : a))
}

function metricTable (title: string, outcomes: readonly SeriesOutcome[], pick: (m: ModelBacktest['accuracy']) => number, peerPick: (p: PeerResult) => number): Table {
  const names = outcomes[0]?.models.map((m) => m.model) ?? []
  return {
    title,
    header: ['series', ...names, PEER],
    rows: outcomes.map((o) => [o.name, ...names.map((n) => pick(model(o, n).accuracy)), typeof o.peer === 'string' ? 'n/a' : peerPick(o.peer)])
  }
}

/** Every table of the real-series and replay protocols, in the order they are printed. */
export function benchTables (outcomes: readonly SeriesOutcome[]): Table[] {
  const accuracyGoal = outcomes.map((o) => {
    const best = bestBaseline(o)
    const auto = model(o, REPLAY_MODEL).accuracy
    return { o, best, auto, improvement: 1 - auto.mase / best.mase }
  })
  const meanImprovement = 1 - mean(accuracyGoal.map((g) => g.auto.mase)) / mean(accuracyGoal.map((g) => g.best.mase))
  return [
    metricTable('MASE (lower is better)', outcomes, (a) => a.mase, (p) => p.accuracy.mase),
    metricTable('sMAPE, 0-200 (lower is better)', outcomes, (a) => a.smape, (p) => p.accuracy.smape),
    coverageTable(outcomes),
    {
      title: `Goal: ${REPLAY_MODEL} beats the best baseline on MASE on every series, by >= 15% on the mean`,
      header: ['series', 'best baseline', 'baseline MASE', `${REPLAY_MODEL} MASE`, 'improvement', 'beats', `${REPLAY_MODEL} chose (last origin)`],
      rows: [
        ...accuracyGoal.map((g) => [g.o.name, g.best.name, g.best.mase, g.auto.mase, pct(g.improvement), verdict(g.improvement > 0), model(g.o, REPLAY_MODEL).lastFit]),
        ['mean', '', mean(accuracyGoal.map((g) => g.best.mase)), mean(accuracyGoal.map((g) => g.auto.mase)), pct(meanImprovement), verdict(meanImprovement >= 0.15), '']
      ]
    },
    replayTable(outcomes),
    sweepTable(outcomes),
    {
      title: 'Wall time of each walk-forward, seconds (all origins; auto includes the per-step replay forecasts)',
      header: ['series', 'points', 'step s', ...(outcomes[0]?.models.map((m) => m.model) ?? []), PEER],
      rows: outcomes.map((o) => [o.name, o.points, o.stepSeconds, ...o.models.map((m) => m.seconds), typeof o.peer === 'string' ? 'n/a' : o.peer.seconds])
    }
  ]
}

/** The tables a `--replay-only` run measures (they need no baseline). */
export function replayTables (outcomes: readonly SeriesOutcome[]): Table[] {
  return [coverageTable(outcomes), replayTable(outcomes), sweepTable(outcomes)]
}

function coverageTable (outcomes: readonly SeriesOutcome[]): Table {
  return {
    title: `${REPLAY_MODEL}: quantile coverage (share of actuals <= forecast quantile) and scaled pinball loss`,
    header: ['series', 'cover p50', 'cover p90', 'cover p95', 'pinball p50', 'pinball p90', 'pinball p95', 'p90 in 85-95%'],
    rows: outcomes.map((o) => {
      const a = model(o, REPLAY_MODEL).accuracy
      const c90 = a.coverage['0.9'] ?? Number.NaN
      return [o.name, a.coverage['0.5'] ?? Number.NaN, c90, a.coverage['0.95'] ?? Number.NaN,
        a.pinball['0.5'] ?? Number.NaN, a.pinball['0.9'] ?? Number.NaN, a.pinball['0.95'] ?? Number.NaN, verdict(c90 >= 0.85 && c90 <= 0.95)]
    })
  }
}

function replayTable (outcomes: readonly SeriesOutcome[]): Table {
  const replays = outcomes.map((o) => {
    const r = model(o, REPLAY_MODEL).replay
    if (r === undefined) throw new Error(`${o.name}: ${REPLAY_MODEL} has no replay`)
    const reduction = r.hpa.under > 0 ? 1 - r.planner.under / r.hpa.under : (r.planner.under === 0 ? 1 : 0)
    const ratio = r.planner.total / r.hpa.total
    return { o, r, reduction, ratio, met: reduction >= 0.5 && ratio <= 1.05 }
  })
  return {
    title: `Autoscaling replay (${REPLAY_MODEL} + planner vs reactive HPA), replica-minutes; goal: >= 50% less under-provisioning, total <= 105%`,
    header: ['series', 'target/pod', 'planner under', 'HPA under', 'reduction', 'planner total', 'HPA total', 'total ratio', 'planner over', 'HPA over', 'planner changes', 'HPA changes', 'goal'],
    rows: replays.map(({ o, r, reduction, ratio, met }) => [o.name, o.targetPerPod, r.planner.under, r.hpa.under, pct(reduction), r.planner.total, r.hpa.total,
      pct(ratio), r.planner.over, r.hpa.over, r.planner.scalingChanges, r.hpa.scalingChanges, verdict(met)])
  }
}

function sweepTable (outcomes: readonly SeriesOutcome[]): Table {
  const policies = outcomes[0]?.sweep.map((c) => c.policy) ?? []
  return {
    title: 'Planner policy sensitivity: under-provisioning reduction / total vs the HPA, replayed on the same auto forecasts (* = both replay goals met)',
    header: ['planner policy', ...outcomes.map((o) => o.name), 'series meeting both'],
    rows: policies.map((policy, i) => {
      const cells = outcomes.map((o) => o.sweep[i])
      const met = (c: SweepCell | undefined): boolean => c !== undefined && c.reduction >= 0.5 && c.totalRatio <= 1.05
      return [policy, ...cells.map((c) => (c === undefined ? 'n/a' : `${pct(c.reduction)} / ${pct(c.totalRatio)}${met(c) ? ' *' : ''}`)),
        `${cells.filter(met).length} of ${outcomes.length}`]
    })
  }
}

export function textTable (table: Table): string {
  return `${table.title}\n${formatTable(table.header, table.rows)}`
}

export function markdownTable (table: Table): string {
  const cell = (c: string | number): string => (typeof c === 'number' ? formatNumber(c) : c)
  const align = table.header.map((_, i) => (table.rows.every((r) => typeof r[i] === 'number') ? '---:' : '---'))
  return [
    `**${table.title}**`,
    '',
    `| ${table.header.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
  ].join('\n')
}
