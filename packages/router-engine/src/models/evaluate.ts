import { providerIds, type ModelMetrics, type ProviderCatalog } from '@platform/contracts'
import { auc, featureCount, mape, mse, utilityScales, expectedLoss, type ErrorScales, type TrainingSet } from '@platform/router-core'
import { estimateErrorScales } from './calibrate.js'
import { toRequestRows, type ModelBundle } from './model-bundle.js'
import { modelFeatureNames, modelKinds } from './model-params.js'
import { utilityLabels } from './provider-labels.js'

interface Predictions { cost: Float64Array, latency: Float64Array, logLatency: Float64Array, success: Float64Array }

function predictAll (bundle: ModelBundle, set: TrainingSet): Predictions {
  const logLatency = bundle.boosters.latency.predict(set.features, set.rows, featureCount)
  const estimates = bundle.scoreRows(set.features, set.rows)
  return {
    cost: Float64Array.from(estimates, (e) => e.costUsd),
    latency: Float64Array.from(estimates, (e) => e.latencyMs),
    logLatency,
    success: Float64Array.from(estimates, (e) => e.successProbability)
  }
}

/** NaN (no rows, one class) becomes null, which JSON and the contract can carry. */
function figure (value: number): number | null {
  return Number.isFinite(value) ? value : null
}

/** Error scales for confidence, measured on the validation rows (see `estimateErrorScales`). */
export function errorScalesOn (bundle: ModelBundle, set: TrainingSet): ErrorScales {
  const p = predictAll(bundle, set)
  const logCost = bundle.boosters.cost.predict(set.features, set.rows, featureCount)
  return estimateErrorScales(set.records.map((r, i) => ({
    group: [r.provider, r.spec.language, r.spec.requirements.length, r.spec.cpu, r.spec.memory, r.spec.gpu, r.spec.stateful,
      Math.round(Math.log2(r.spec.codeLength + 1)), Math.floor(Date.parse(r.submittedAt) / 3_600_000)].join('|'),
    logCostResidual: (set.logCost[i] as number) - (logCost[i] as number),
    logLatencyResidual: (set.logLatency[i] as number) - (p.logLatency[i] as number),
    failed: r.outcome.success ? 0 : 1,
    predictedFailure: 1 - (p.success[i] as number)
  })))
}

function realisedLoss (cost: number, latencyMs: number, success: boolean): number {
  return cost + (latencyMs / 1000) * utilityScales.usdPerSecond + (success ? 0 : utilityScales.usdPerFailure)
}

/** Features by gain, highest first; a gain the booster did not report counts as 0. */
function rankFeatures (names: readonly string[], gains: ArrayLike<number>): Array<{ feature: string, gain: number }> {
  return names.map((feature, i) => ({ feature, gain: gains[i] ?? 0 })).sort((a, b) => b.gain - a.gain)
}

/** The training report's figures for one bundle on one validation window. */
export function evaluateBundle (bundle: ModelBundle, set: TrainingSet, catalog: ProviderCatalog): ModelMetrics {
  const p = predictAll(bundle, set)
  const cost = Float64Array.from(set.records, (r) => r.outcome.costUsd)
  const latency = Float64Array.from(set.records, (r) => r.outcome.latencyMs)
  const labels = utilityLabels(bundle, set, catalog)
  const probabilities = bundle.boosters.provider.predict(toRequestRows(set.features, set.rows), set.rows, featureCount)
  let correct = 0
  let utilityError = 0
  for (let i = 0; i < set.rows; i++) {
    let top = 0
    for (let k = 1; k < providerIds.length; k++) if ((probabilities[i * providerIds.length + k] as number) > (probabilities[i * providerIds.length + top] as number)) top = k
    if (top === labels[i]) correct++
    const r = set.records[i]
    if (r === undefined) continue
    const predicted = expectedLoss({ costUsd: p.cost[i] as number, latencyMs: p.latency[i] as number, successProbability: p.success[i] as number })
    utilityError += Math.abs(predicted - realisedLoss(r.outcome.costUsd, r.outcome.latencyMs, r.outcome.success))
  }
  const perProvider = providerIds.map((provider) => {
    const idx = set.records.flatMap((r, i) => r.provider === provider ? [i] : [])
    const pick = (values: ArrayLike<number>) => idx.map((i) => values[i] as number)
    return {
      provider,
      records: idx.length,
      costMape: figure(mape(pick(cost), pick(p.cost))),
      latencyMape: figure(mape(pick(latency), pick(p.latency))),
      successRate: figure(idx.filter((i) => set.records[i]?.outcome.success === true).length / idx.length)
    }
  })
  const featureImportance = Object.fromEntries(modelKinds.map((kind) => [kind, rankFeatures(modelFeatureNames[kind], bundle.boosters[kind].featureImportance('gain'))]))
  return {
    costMape: figure(mape(cost, p.cost)),
    costMse: figure(mse(cost, p.cost)),
    latencyMape: figure(mape(latency, p.latency)),
    logLatencyMse: figure(mse(set.logLatency, p.logLatency)),
    successAuc: figure(auc(set.success, p.success)),
    providerAccuracy: figure(correct / set.rows),
    utilityMae: figure(utilityError / set.rows),
    validationRecords: set.rows,
    perProvider,
    featureImportance
  }
}
