import type { ForecastAccuracy, ForecastSnapshot, WorkloadConfig } from '@platform/contracts'
import { DEFAULT_PLANNER_POLICY, type Forecast, LiveShortfallLevel, type Plan, type PlannerPolicy, planReplicas, type Recommendation } from '@platform/forecasting'

/**
 * The planner policy a workload's config asks for (rate limits per minute of real time, as the
 * seed), at `quantile` when an adaptive level gives one.
 */
export function plannerPolicy (w: WorkloadConfig, quantile = w.quantileLevel): PlannerPolicy {
  return {
    ...DEFAULT_PLANNER_POLICY,
    targetPerPod: w.targetPerPod,
    headroom: w.headroom,
    ...(quantile === undefined ? {} : { quantile }),
    minReplicas: w.minReplicas,
    maxReplicas: w.maxReplicas,
    upMaxFactor: w.upMaxFactor,
    downMaxPercent: w.downMaxPercent,
    leadTimeSeconds: w.leadTime,
    scaleDownStabilizationSeconds: w.scaleDownStabilization
  }
}

/** Quantile levels every forecast is asked for: the planning one (configured or adaptive) and the accuracy one. */
export function quantileLevels (w: WorkloadConfig, planning = w.quantileLevel): number[] {
  return [...new Set([0.9, ...(planning === undefined ? [] : [planning])])].sort((a, b) => a - b)
}

/**
 * The workload's adaptive planning level (`adaptiveQuantile`), compared with a reactive HPA of
 * the same bounds whose pods, like the workload's, are ready `leadTime` after they are asked for.
 * It starts at `resumeAt`, the level of the latest stored plan, when there is one.
 */
export function adaptiveLevel (w: WorkloadConfig, resumeAt: number | undefined): LiveShortfallLevel | undefined {
  const a = w.adaptiveQuantile
  if (a === undefined) return undefined
  return new LiveShortfallLevel({
    level: { ...a, initial: resumeAt ?? a.initial },
    targetPerPod: w.targetPerPod,
    minReplicas: w.minReplicas,
    maxReplicas: w.maxReplicas,
    podStartupSeconds: w.leadTime,
    stepSeconds: w.step
  })
}

/** A flat forecast at the latest actual load: what reactive mode plans from. */
export function reactiveForecast (latest: number, steps: number, levels: readonly number[]): Forecast {
  const flat = new Float64Array(steps).fill(Math.max(0, latest))
  return { mean: flat, quantiles: Object.fromEntries(levels.map((l) => [String(l), flat])) }
}

export interface SnapshotInput {
  workload: WorkloadConfig
  forecast: Forecast
  /** Epoch ms of the forecast's first point. */
  start: number
  nowMs: number
  model: string
  mode: ForecastSnapshot['mode']
  /** Replicas counted now (`currentReplicasQuery`), shown in the snapshot; the stale answer never goes below them. */
  currentReplicas: number | undefined
  /** What the rate limits start from, as the count of the step before `start`: the counted replicas, else the last plan's. */
  startingReplicas: number | undefined
  /** What earlier plans started from, which the rate limits hold against too. */
  earlierReplicas?: readonly Recommendation[]
  recentRecommendations: readonly Recommendation[]
  accuracy: ForecastAccuracy
  owner: string
  /** The adaptive level to plan at, instead of the configured quantile. */
  planningQuantile?: number | undefined
  /** Each series' own forecast (`seriesMode: keep`), on the same grid as `forecast`. */
  series?: ReadonlyArray<{ labels: Readonly<Record<string, string>>, forecast: Forecast }>
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000
const rounded = (forecast: Forecast): { values: number[], quantiles: Record<string, number[]> } => ({
  values: Array.from(forecast.mean, round3),
  quantiles: Object.fromEntries(Object.entries(forecast.quantiles).map(([level, values]) => [level, Array.from(values, round3)]))
})

/** Plans replicas for a forecast and assembles the snapshot the API and the scaler serve. */
export function planSnapshot (input: SnapshotInput): { snapshot: ForecastSnapshot, plan: Plan } {
  const w = input.workload
  const plan = planReplicas({
    forecast: input.forecast,
    start: input.start,
    madeAt: input.nowMs,
    stepSeconds: w.step,
    ...(input.startingReplicas === undefined ? {} : { currentReplicas: input.startingReplicas }),
    ...(input.earlierReplicas === undefined ? {} : { earlierReplicas: input.earlierReplicas }),
    recentRecommendations: input.recentRecommendations
  }, plannerPolicy(w, input.planningQuantile))
  const snapshot: ForecastSnapshot = {
    workload: w.name,
    metric: w.metric,
    generatedAt: new Date(input.nowMs).toISOString(),
    startsAt: new Date(input.start).toISOString(),
    stepSeconds: w.step,
    horizonSeconds: input.forecast.mean.length * w.step,
    ...rounded(input.forecast),
    replicas: plan.replicas,
    desiredReplicas: plan.askNow,
    currentReplicas: input.currentReplicas ?? null,
    model: input.model,
    mode: input.mode,
    stale: false,
    accuracy: input.accuracy,
    owner: input.owner,
    ...(input.planningQuantile === undefined ? {} : { planningQuantile: input.planningQuantile }),
    ...(input.series === undefined ? {} : { series: input.series.map((one) => ({ labels: { ...one.labels }, ...rounded(one.forecast) })) })
  }
  return { snapshot, plan }
}
