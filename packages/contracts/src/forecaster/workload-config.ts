import { z } from 'zod'
import { AdaptiveQuantile } from './adaptive-quantile.js'
import { Duration, OptionalDuration } from './duration.js'

/** Names are used in URLs, metric labels and Redis keys: DNS-label-like, 1..63 characters. */
export const WorkloadName = z.string().regex(/^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/, 'must be 1-63 lower-case letters, digits, ".", "_" or "-", starting and ending with a letter or digit')

/** Models a workload can use; `byom` calls the user's HTTP model. */
export const ModelName = z.enum(['baseline', 'arima', 'holt-winters', 'mstl', 'ensemble', 'auto', 'byom'])
export type ModelName = z.infer<typeof ModelName>

/** A built-in model used when BYOM fails. */
export const FallbackModelName = ModelName.exclude(['byom'])

const positive = z.number().positive()
const replicas = z.number().int().min(0)

/**
 * One workload as written in the multi-workload YAML file (the seed's field names). The flag/env
 * form is turned into the same object, so both forms get the same validation and messages.
 */
export const WorkloadConfig = z.object({
  name: WorkloadName,
  metric: z.string().min(1).default('load'),
  model: ModelName.default('baseline'),
  byomURL: z.url().optional(),
  byomTimeout: Duration.default(30),
  fallbackModel: FallbackModelName.default('baseline'),
  prometheusURL: z.url().optional(),
  prometheusQuery: z.string().min(1).optional(),
  /**
   * `sum` adds every series the query returns; `single` refuses more than one; `keep` forecasts
   * each series on its own and plans from the sum of their forecasts.
   */
  seriesMode: z.enum(['sum', 'single', 'keep']).default('sum'),
  currentReplicasQuery: z.string().min(1).optional(),
  /** CSV `timestamp,value` replayed against the clock, instead of Prometheus. */
  file: z.string().min(1).optional(),
  horizon: Duration.default(1800),
  step: Duration.default(60),
  // A timer cannot wait longer than about 24.8 days (it would fire at once); a day is plenty.
  interval: Duration.refine((seconds) => seconds <= 86_400, 'must be at most 1d').default(30),
  // Three days: season detection needs two whole days of history for the daily cycle.
  window: Duration.default(259_200),
  /** Full refit at most this often; between refits the model absorbs new points with update(). */
  refitEvery: Duration.default(3600),
  targetPerPod: positive.default(100),
  headroom: z.number().min(1).default(1.2),
  quantileLevel: z.number().gt(0).lt(1).optional(),
  /** Plan at a quantile that follows the planner's shortfall against a simulated reactive HPA's. */
  adaptiveQuantile: AdaptiveQuantile.optional(),
  minReplicas: replicas.default(1),
  maxReplicas: z.number().int().min(1).default(100),
  upMaxFactor: z.number().min(1).default(2),
  downMaxPercent: z.number().min(0).max(100).default(50),
  leadTime: OptionalDuration.default(0),
  scaleDownStabilization: OptionalDuration.default(0),
  /** Rolling weighted absolute percentage error above which the workload plans reactively. */
  accuracyThreshold: positive.default(0.5)
}).strict().superRefine((w, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
  if (w.model === 'byom' && w.byomURL === undefined) issue('byomURL', 'is required when model is byom')
  if (w.prometheusQuery !== undefined && w.file !== undefined) issue('file', 'cannot be combined with prometheusQuery: pick one source')
  if (w.prometheusQuery === undefined && w.file === undefined) issue('prometheusQuery', 'is required (or give file for a CSV source)')
  if (w.seriesMode === 'keep' && w.prometheusQuery === undefined) issue('seriesMode', 'keep needs a prometheusQuery (a file holds one series)')
  if (w.prometheusQuery !== undefined && w.prometheusURL === undefined) issue('prometheusURL', 'is required with prometheusQuery')
  if (w.currentReplicasQuery !== undefined && w.prometheusURL === undefined) issue('prometheusURL', 'is required with currentReplicasQuery')
  // The level changes every tick: only a built-in model is asked for it; quantileLevel would be a second, fixed one.
  if (w.adaptiveQuantile !== undefined && w.model === 'byom') issue('adaptiveQuantile', 'needs a built-in model (a BYOM model returns fixed quantile levels)')
  if (w.adaptiveQuantile !== undefined && w.quantileLevel !== undefined) issue('quantileLevel', 'cannot be combined with adaptiveQuantile: set adaptiveQuantile.initial')
  if (w.maxReplicas < w.minReplicas) issue('maxReplicas', `must be >= minReplicas (${w.minReplicas})`)
  if (w.horizon < w.step) issue('horizon', `must be at least one step (${w.step}s)`)
  if (w.window < 2 * w.step) issue('window', `must hold at least two steps (${2 * w.step}s)`)
})
export type WorkloadConfig = z.infer<typeof WorkloadConfig>
export type WorkloadConfigInput = z.input<typeof WorkloadConfig>

/** The multi-workload YAML file. */
export const WorkloadsFile = z.object({
  workloads: z.array(z.unknown()).min(1, 'must list at least one workload')
}).strict()
