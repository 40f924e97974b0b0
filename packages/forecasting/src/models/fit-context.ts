import type { ModelFitOptions, Series } from '../model.js'
import { detectSeasonPeriods } from '../series/season.js'
import type { FitContext } from './point-model.js'

/** Validation horizon when the caller gives none (two days hourly, M4's hourly horizon). */
const DEFAULT_HORIZON = 48

/**
 * The periods a model may use: the caller's (or, when none are given, the detected daily and
 * weekly ones), integers >= 2 that fit twice in the history, ascending, without duplicates.
 */
export function fitContext (series: Series, options: ModelFitOptions = {}): FitContext {
  const requested = options.seasonPeriods ?? detectSeasonPeriods(series)
  const n = series.values.length
  const seasonPeriods = [...new Set(requested.map((p) => Math.round(p)))]
    .filter((p) => p >= 2 && n >= 2 * p)
    .sort((a, b) => a - b)
  const asked = options.horizonSteps ?? DEFAULT_HORIZON
  if (!Number.isFinite(asked)) throw new RangeError(`horizonSteps must be a finite number of steps (got ${asked})`)
  const horizon = Math.max(1, Math.round(asked))
  return { seasonPeriods, horizon, stepSeconds: series.stepSeconds }
}
