import { z } from 'zod'
import { WorkloadName } from './workload-config.js'

const Values = z.array(z.number().min(0))

/** Online accuracy of past forecasts against the actuals that arrived since. */
export const ForecastAccuracy = z.object({
  /** Weighted absolute percentage error over the rolling window: sum|actual - forecast| / sum(actual). */
  wape: z.number().min(0).nullable(),
  /** Share of actuals at or under the planning quantile (or the p90 when none is configured). */
  coverage: z.number().min(0).max(1).nullable(),
  quantileLevel: z.number().gt(0).lt(1),
  /** Forecast points compared so far in the window. */
  samples: z.number().int().min(0)
})
export type ForecastAccuracy = z.infer<typeof ForecastAccuracy>

/** One series' own forecast in `seriesMode: keep`, on the snapshot's time grid. */
export const SeriesForecast = z.object({
  /** The series' Prometheus labels. */
  labels: z.record(z.string(), z.string()),
  values: Values,
  quantiles: z.record(z.string(), Values)
})
export type SeriesForecast = z.infer<typeof SeriesForecast>

/**
 * `GET /forecast/current?workload=` and what the store keeps per workload. `values` start at
 * `startsAt`, one every `stepSeconds`; `replicas` is the plan for those steps (each covering the
 * load over its pod start-up lead window) and `desiredReplicas` the count to ask for from
 * `generatedAt` until `startsAt`: the first step's, within the rate limits over the time since
 * the count the plan started from.
 */
export const ForecastSnapshot = z.object({
  workload: WorkloadName,
  metric: z.string(),
  generatedAt: z.iso.datetime(),
  /** Time of `values[0]` (and `replicas[0]`): one step after the last observed sample. */
  startsAt: z.iso.datetime(),
  stepSeconds: z.number().positive(),
  horizonSeconds: z.number().positive(),
  values: Values,
  quantiles: z.record(z.string(), Values),
  replicas: z.array(z.number().int().min(0)),
  desiredReplicas: z.number().int().min(0),
  currentReplicas: z.number().int().min(0).nullable(),
  /** The model that produced `values` (the fallback's name when BYOM failed). */
  model: z.string(),
  /** `reactive` when online error is over the threshold: replicas follow the latest actual load. */
  mode: z.enum(['predictive', 'reactive']),
  /** Older than two intervals: the scaler answers its safe value instead. */
  stale: z.boolean(),
  accuracy: ForecastAccuracy,
  /**
   * `adaptiveQuantile` only: the quantile this plan was made from. Stored with the snapshot, so
   * the replica that takes a workload over goes on from it.
   */
  planningQuantile: z.number().gt(0).lt(1).optional(),
  /** The replica that computed it (high availability with Redis). */
  owner: z.string(),
  /**
   * `seriesMode: keep` only: each series' forecast. `values` and `quantiles` above are their
   * per-step sums, which the plan is made from.
   */
  series: z.array(SeriesForecast).optional()
})
export type ForecastSnapshot = z.infer<typeof ForecastSnapshot>

export const ForecastQuery = z.object({ workload: WorkloadName })
export type ForecastQuery = z.infer<typeof ForecastQuery>

/** One row of `GET /workloads`. */
export const WorkloadStatus = z.object({
  name: WorkloadName,
  metric: z.string(),
  model: z.string(),
  source: z.enum(['prometheus', 'file']),
  intervalSeconds: z.number().positive(),
  /** This replica holds the workload's lease and computes it. */
  owned: z.boolean(),
  lastGeneratedAt: z.iso.datetime().nullable(),
  stale: z.boolean(),
  mode: z.enum(['predictive', 'reactive']).nullable(),
  /** The last failure of this replica's loop for the workload, cleared by the next success. */
  lastError: z.object({ stage: z.string(), message: z.string(), at: z.iso.datetime() }).nullable()
})
export type WorkloadStatus = z.infer<typeof WorkloadStatus>

export const WorkloadList = z.object({ workloads: z.array(WorkloadStatus) })
export type WorkloadList = z.infer<typeof WorkloadList>
