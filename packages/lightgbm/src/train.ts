import { Booster, type Evaluations } from './booster.js'
import { nativeDataset, type Dataset } from './dataset.js'
import { addon } from './native.js'
import { serializeParams, type Params } from './params.js'

export interface IterationReport {
  /** 1-based iteration just completed. */
  iteration: number
  /** This iteration's score per evaluated set and metric. */
  scores: Record<string, Record<string, number>>
}

export interface TrainOptions {
  /** Boosting iterations; 100 by default, as in LightGBM. */
  numBoostRound?: number
  /**
   * Sets evaluated after every iteration, named `valid_0`, `valid_1`, ... in evaluations, or
   * `training` for the training set itself.
   */
  validSets?: readonly Dataset[]
  /**
   * Stop when a metric on a validation set has not improved for this many iterations; the model
   * is then cut at its best iteration (LightGBM's Python rules). Defaults, as in Python, to
   * `params.early_stopping_round` (or an alias), which also reads `first_metric_only` and
   * `early_stopping_min_delta`.
   */
  earlyStoppingRounds?: number
  /** Called on the JavaScript thread after each iteration; throwing stops training with that error. */
  onIteration?: (report: IterationReport) => void
}

// LightGBM's names for the early-stopping parameters, the canonical one first.
const roundsAliases = ['early_stopping_round', 'early_stopping_rounds', 'early_stopping', 'n_iter_no_change'] as const

function earlyStopping (params: Params, rounds: number | undefined): { rounds: number, firstMetricOnly: boolean, minDelta: number } {
  const fromParams = roundsAliases.map((name) => params[name]).find((v) => v !== undefined)
  return {
    rounds: rounds ?? Number(fromParams ?? 0),
    firstMetricOnly: params.first_metric_only === true || params.first_metric_only === 'true',
    minDelta: Number(params.early_stopping_min_delta ?? 0)
  }
}

function setNames (trainSet: Dataset, validSets: readonly Dataset[]): string[] {
  return validSets.map((set, index) => set === trainSet ? 'training' : `valid_${index}`)
}

function scoresOf (names: readonly string[], metrics: readonly string[], row: Float64Array): Record<string, Record<string, number>> {
  return Object.fromEntries(names.map((name, set) =>
    [name, Object.fromEntries(metrics.map((metric, m) => [metric, row[set * metrics.length + m] ?? Number.NaN]))]
  ))
}

function evaluationsOf (names: readonly string[], metrics: readonly string[], history: readonly Float64Array[]): Evaluations {
  return Object.fromEntries(names.map((name, set) =>
    [name, Object.fromEntries(metrics.map((metric, m) =>
      [metric, history.map((row) => row[set * metrics.length + m] ?? Number.NaN)]
    ))]
  ))
}

/**
 * Trains a model. Dataset construction and boosting run on a libuv worker thread, so the event
 * loop keeps serving while it trains; the returned Booster no longer depends on the datasets.
 */
export async function train (params: Params, trainSet: Dataset, options: TrainOptions = {}): Promise<Booster> {
  const validSets = options.validSets ?? []
  for (const set of validSets) {
    if (set !== trainSet && set.reference !== undefined && set.reference !== trainSet) {
      throw new Error('LightGBM: a validation set\'s reference must be the training set it is evaluated against')
    }
  }
  const names = setNames(trainSet, validSets)
  const onIteration = options.onIteration
  const stopping = earlyStopping(params, options.earlyStoppingRounds)
  const result = await addon.train(
    nativeDataset(trainSet), validSets.map(nativeDataset), serializeParams(params),
    options.numBoostRound ?? 100, stopping.rounds, stopping.firstMetricOnly, stopping.minDelta,
    onIteration === undefined
      ? undefined
      : (iteration, row, metrics) => onIteration({ iteration, scores: scoresOf(names, metrics, row) })
  )
  return new Booster(result.booster, result.bestIteration, evaluationsOf(names, result.metricNames, result.history))
}
