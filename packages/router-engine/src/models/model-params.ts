import type { Params } from '@platform/lightgbm'
import { featureNames, successFeatureNames } from '@platform/router-core'

const common: Params = {
  learning_rate: 0.05,
  num_leaves: 63,
  min_data_in_leaf: 10,
  feature_fraction: 0.9,
  lambda_l2: 1,
  max_cat_to_onehot: 16,
  num_threads: 2,
  seed: 7,
  deterministic: true
}

/** LightGBM parameters of the four models; stored in each version's metadata. */
export const modelParams = {
  cost: { ...common, objective: 'regression', metric: 'l2', learning_rate: 0.3, num_leaves: 63 },
  latency: { ...common, objective: 'regression', metric: 'l2', learning_rate: 0.3, num_leaves: 63 },
  success: { ...common, objective: 'binary', metric: 'binary_logloss', num_leaves: 31, min_data_in_leaf: 50 },
  provider: { ...common, objective: 'multiclass', metric: 'multi_logloss', learning_rate: 0.15, num_leaves: 15 }
} satisfies Record<string, Params>

export type ModelKind = keyof typeof modelParams
export const modelKinds: readonly ModelKind[] = ['cost', 'latency', 'success', 'provider']

/** Each model's input columns, in order: the success model reads one more than the shared rows. */
export const modelFeatureNames: Record<ModelKind, readonly string[]> = {
  cost: featureNames, latency: featureNames, success: successFeatureNames, provider: featureNames
}

export interface TrainingBudget {
  numBoostRound: number
  earlyStoppingRounds: number
}

export const defaultBudget: TrainingBudget = { numBoostRound: 2000, earlyStoppingRounds: 100 }
