export type ParamValue = string | number | boolean | readonly (string | number)[]

export type Objective =
  | 'regression' | 'regression_l1' | 'huber' | 'fair' | 'poisson' | 'quantile' | 'mape' | 'gamma' | 'tweedie'
  | 'binary' | 'multiclass' | 'multiclassova' | 'cross_entropy' | 'lambdarank' | 'rank_xendcg'

/**
 * LightGBM parameters, passed through as LightGBM's `key=value` string
 * (https://lightgbm.readthedocs.io/en/v4.1.0/Parameters.html). The common ones are typed; any other
 * LightGBM parameter or alias is accepted as is. `verbosity` defaults to -1 (silent) here.
 */
export interface Params {
  objective?: Objective
  /** Quantile to predict with `objective: 'quantile'` (and the Huber/quantile loss parameter). */
  alpha?: number
  num_class?: number
  metric?: string | readonly string[]
  learning_rate?: number
  num_leaves?: number
  max_depth?: number
  min_data_in_leaf?: number
  feature_fraction?: number
  bagging_fraction?: number
  bagging_freq?: number
  lambda_l1?: number
  lambda_l2?: number
  max_bin?: number
  num_threads?: number
  seed?: number
  deterministic?: boolean
  verbosity?: number
  [key: string]: ParamValue | undefined
}

const KEY = /^[A-Za-z][A-Za-z0-9_]*$/
// LightGBM splits its parameter string on whitespace and '=', so a value may contain neither.
const VALUE = /^[^\s=]+$/

function formatValue (key: string, value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`LightGBM: parameter ${key} must be a finite number, got ${value}`)
  }
  const text = String(value)
  if (!VALUE.test(text)) {
    throw new TypeError(`LightGBM: parameter ${key} has a value LightGBM cannot parse: ${JSON.stringify(text)}`)
  }
  return text
}

function isList (value: ParamValue): value is readonly (string | number)[] {
  return Array.isArray(value)
}

/** Serialises parameters to LightGBM's `key=value key=value` form, silent unless a verbosity is given. */
export function serializeParams (params: Params): string {
  const entries = Object.entries(params).filter((entry): entry is [string, ParamValue] => entry[1] !== undefined)
  const parts = entries.map(([key, value]) => {
    if (!KEY.test(key)) throw new TypeError(`LightGBM: invalid parameter name ${JSON.stringify(key)}`)
    const text = isList(value) ? value.map((item) => formatValue(key, item)).join(',') : formatValue(key, value)
    return `${key}=${text}`
  })
  const verbosityAliases = ['verbosity', 'verbose']
  if (!entries.some(([key]) => verbosityAliases.includes(key))) parts.push('verbosity=-1')
  return parts.join(' ')
}
