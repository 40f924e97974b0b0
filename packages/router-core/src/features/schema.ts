import { createHash } from 'node:crypto'
import { providerIds } from '@platform/contracts'
import { knownLanguages } from './languages.js'

export interface FeatureSpec {
  name: string
  kind: 'numeric' | 'categorical'
  /** For categorical features: the category list, whose order is part of the schema. */
  categories?: readonly string[]
}

/**
 * The feature schema shared by training and serving. Any change to names, order, categories or
 * the way a value is computed must bump `featureSchemaVersion`: the hash of both is stored with
 * every model and checked at load, so a model never reads features laid out for another schema.
 */
export const featureSchemaVersion = 2

export const featureSchema: readonly FeatureSpec[] = [
  { name: 'log_code_length', kind: 'numeric' },
  { name: 'language', kind: 'categorical', categories: [...knownLanguages, 'other'] },
  { name: 'cpu', kind: 'numeric' },
  { name: 'memory_mb', kind: 'numeric' },
  { name: 'log_timeout_ms', kind: 'numeric' },
  { name: 'gpu', kind: 'numeric' },
  { name: 'requirements', kind: 'numeric' },
  { name: 'environment_vars', kind: 'numeric' },
  { name: 'files', kind: 'numeric' },
  { name: 'stateful', kind: 'numeric' },
  { name: 'hour_of_day', kind: 'numeric' },
  { name: 'day_of_week', kind: 'numeric' },
  { name: 'weekend', kind: 'numeric' },
  { name: 'provider', kind: 'categorical', categories: providerIds },
  { name: 'hist_15m_count', kind: 'numeric' },
  { name: 'hist_15m_latency_p50', kind: 'numeric' },
  { name: 'hist_15m_failure_rate', kind: 'numeric' },
  { name: 'hist_1h_count', kind: 'numeric' },
  { name: 'hist_1h_latency_p50', kind: 'numeric' },
  { name: 'hist_1h_latency_p95', kind: 'numeric' },
  { name: 'hist_1h_mean_cost', kind: 'numeric' },
  { name: 'hist_1h_failure_rate', kind: 'numeric' },
  { name: 'hist_24h_latency_p50', kind: 'numeric' },
  { name: 'hist_24h_latency_p95', kind: 'numeric' },
  { name: 'hist_24h_mean_cost', kind: 'numeric' },
  { name: 'hist_24h_failure_rate', kind: 'numeric' }
]

export const featureNames: readonly string[] = featureSchema.map((f) => f.name)
export const featureCount = featureSchema.length
export const categoricalFeatureIndices: readonly number[] = featureSchema.flatMap((f, i) => f.kind === 'categorical' ? [i] : [])
/**
 * The success model reads one more column after the shared ones: log(expected latency / timeout)
 * from the latency model, because runs fail more often as they near their timeout and a tree
 * cannot form that ratio from two columns with few splits.
 */
export const successFeatureNames: readonly string[] = [...featureNames, 'log_expected_latency_over_timeout']
export const successFeatureCount = featureCount + 1
export const timeoutFeatureIndex = featureNames.indexOf('log_timeout_ms')

/** The provider column, which the provider model (one row per request, not per provider) leaves out. */
export const providerFeatureIndex = featureNames.indexOf('provider')

export const featureSchemaHash: string = createHash('sha256')
  .update(JSON.stringify({ version: featureSchemaVersion, features: featureSchema, success: successFeatureNames }))
  .digest('hex')
