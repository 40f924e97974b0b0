import type { ForecastAccuracy, ForecastSnapshot, WorkloadConfig } from '@platform/contracts'
import { DEFAULT_PLANNER_POLICY, type Forecast, type Plan, type PlannerPolicy, planReplicas, type Recommendation } from '@platform/forecasting'

/** The planner policy a workload's config asks for (rate limits per minute of real time, as the seed). */
export function plannerPolicy (w: WorkloadConfig): PlannerPolicy {
  return {
    ...DEFAULT_PLANNER_POLICY,
    targetPerPod: w.targetPerPod,
    headroom: w.headroom,
    ...(w.quantileLevel === undefined ? {} : { quantile: w.quantileLevel }),
    minReplicas: w.minReplicas,
    maxReplicas: w.maxReplicas,
    upMaxFactor: w.upMaxFactor,
    downMaxPercent: w.downMaxPercent,
    leadTimeSeconds: w.leadTime,
    scaleDownStabilizationSeconds: w.scaleDownStabilization
  }
}

/** Quantile levels every forecast is asked for: the planning one and the accuracy one. */
export function quantileLevels (w: WorkloadConfig): number[] {
  return [...new Set([0.9, ...(w.quantileLevel === undefined ? [] : [w.quantileLevel])])].sort((a, b) => a - b)
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
  currentReplicas: number | undefined
  recentRecommendations: readonly Recommendation[]
  accuracy: ForecastAccuracy
  owner: string
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
    stepSeconds: w.step,
    ...(input.currentReplicas === undefined ? {} : { currentReplicas: input.currentReplicas }),
    recentRecommendations: input.recentRecommendations
  }, plannerPolicy(w))
  const snapshot: ForecastSnapshot = {
    workload: w.name,
    metric: w.metric,
    generatedAt: new Date(input.nowMs).toISOString(),
    startsAt: new Date(input.start).toISOString(),
    stepSeconds: w.step,
    horizonSeconds: input.forecast.mean.length * w.step,
    ...rounded(input.forecast),
    replicas: plan.replicas,
    desiredReplicas: plan.replicas[0] ?? w.minReplicas,
    currentReplicas: input.currentReplicas ?? null,
    model: input.model,
    mode: input.mode,
    stale: false,
    accuracy: input.accuracy,
    owner: input.owner,
    ...(input.series === undefined ? {} : { series: input.series.map((one) => ({ labels: { ...one.labels }, ...rounded(one.forecast) })) })
  }
  return { snapshot, plan }
}
