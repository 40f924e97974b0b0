import { providerIds, type ProviderCatalog } from '@platform/contracts'
import { Dataset, train, type Booster, type Params } from '@platform/lightgbm'
import { categoricalFeatureIndices, featureCount, type TrainingSet } from '@platform/router-core'
import { smearingFactors } from './calibrate.js'
import { errorScalesOn } from './evaluate.js'
import { expectedValues, ModelBundle, rowProvider, successRows } from './model-bundle.js'
import { defaultBudget, modelFeatureNames, modelParams, type ModelKind, type TrainingBudget } from './model-params.js'
import { toRequestRows } from './model-bundle.js'
import { utilityLabels } from './provider-labels.js'

export interface TrainProgress { model: ModelKind, iteration: number, total: number }

export interface TrainBundleOptions {
  catalog: ProviderCatalog
  budget?: TrainingBudget
  onProgress?: (progress: TrainProgress) => void
}

async function fit (kind: ModelKind, params: Params, trainX: Float64Array, trainRows: number, trainY: Float64Array, validX: Float64Array, validRows: number, validY: Float64Array, options: TrainBundleOptions): Promise<Booster> {
  const names = modelFeatureNames[kind]
  const budget = options.budget ?? defaultBudget
  const shape = { featureNames: [...names], categoricalFeatures: categoricalFeatureIndices }
  const trainSet = new Dataset(trainX, trainRows, names.length, { ...shape, label: trainY })
  const validSet = new Dataset(validX, validRows, names.length, { ...shape, label: validY, reference: trainSet })
  try {
    return await train(params, trainSet, {
      numBoostRound: budget.numBoostRound,
      validSets: [validSet],
      earlyStoppingRounds: budget.earlyStoppingRounds,
      onIteration: ({ iteration }) => options.onProgress?.({ model: kind, iteration, total: budget.numBoostRound })
    })
  } finally {
    validSet.dispose()
    trainSet.dispose()
  }
}

/**
 * Trains the four models on the older rows, stopping early on the newer ones: cost and latency
 * as regressions on log values (smearing turns them back into expected values), success as a
 * binary classifier, then the provider model on utility labels made by the first three.
 */
export async function trainBundle (trainSet: TrainingSet, validSet: TrainingSet, options: TrainBundleOptions): Promise<ModelBundle> {
  const args = [trainSet.features, trainSet.rows] as const
  const cost = await fit('cost', modelParams.cost, ...args, trainSet.logCost, validSet.features, validSet.rows, validSet.logCost, options)
  const latency = await fit('latency', modelParams.latency, ...args, trainSet.logLatency, validSet.features, validSet.rows, validSet.logLatency, options)
  const factors = (logActual: Float64Array, logPredicted: Float64Array) => smearingFactors(logActual, logPredicted, (i) => rowProvider(trainSet.features, i), providerIds.length)
  const trainLogLatency = latency.predict(trainSet.features, trainSet.rows, featureCount)
  const latencySmearing = factors(trainSet.logLatency, trainLogLatency)
  const expectedLatency = (set: TrainingSet, logPredicted: Float64Array) => expectedValues(logPredicted, set.rows, set.features, latencySmearing)
  const success = await fit('success', modelParams.success,
    successRows(trainSet.features, trainSet.rows, expectedLatency(trainSet, trainLogLatency.slice())), trainSet.rows, trainSet.success,
    successRows(validSet.features, validSet.rows, expectedLatency(validSet, latency.predict(validSet.features, validSet.rows, featureCount))), validSet.rows, validSet.success,
    options)
  const calibration = {
    costSmearing: factors(trainSet.logCost, cost.predict(trainSet.features, trainSet.rows, featureCount)),
    latencySmearing,
    errorScales: { cost: 0.1, latency: 0.1, failure: 0.5 }
  }
  // The provider model needs a bundle to label with; it is trained last and swapped in.
  const scoring = new ModelBundle({ cost, latency, success, provider: cost }, calibration)
  const trainLabels = utilityLabels(scoring, trainSet, options.catalog)
  const validLabels = utilityLabels(scoring, validSet, options.catalog)
  const provider = await fit('provider', { ...modelParams.provider, num_class: providerIds.length },
    toRequestRows(trainSet.features, trainSet.rows), trainSet.rows, trainLabels,
    toRequestRows(validSet.features, validSet.rows), validSet.rows, validLabels, options)
  const bundle = new ModelBundle({ cost, latency, success, provider }, calibration)
  calibration.errorScales = errorScalesOn(bundle, validSet)
  return bundle
}
