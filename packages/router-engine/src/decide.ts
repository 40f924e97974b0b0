import { randomUUID } from 'node:crypto'
import { providerIds, type AbArm, type ProviderCatalog, type RouteDecision, type RouteRequest, type RoutingStrategy } from '@platform/contracts'
import { candidates, chooseByUtility, defaultWeights, routeByRules, weightsFor, type ProviderHistory } from '@platform/router-core'
import type { ModelBundle } from './models/model-bundle.js'

export interface ServingModel { version: string, bundle: ModelBundle }

export interface DecideInput {
  request: RouteRequest
  catalog: ProviderCatalog
  model: ServingModel | undefined
  /** Why no model is offered, when `model` is undefined (e.g. `no model loaded`). */
  noModelReason: string
  histories: Map<string, ProviderHistory>
  at: Date
  confidenceThreshold: number
  fallbackToRuleBased: boolean
  arm: AbArm | null
}

/** Hooks for metrics; the service passes Prometheus recorders, tests pass nothing. */
export interface DecisionRecorder {
  featureSeconds?: (seconds: number) => void
}

function ruleBased (input: DecideInput, reason: string, decisionId: string): RouteDecision {
  const spec = input.request.spec
  const result = routeByRules(input.catalog, spec, input.request.constraints, weightsFor(input.catalog, input.request))
  return { decisionId, ...result, strategy: 'rule-based', reason, modelVersion: null, arm: input.arm }
}

const emptyWindow = { count: 0, latencyP50: Number.NaN, latencyP95: Number.NaN, meanCost: Number.NaN, failureRate: Number.NaN }

/** Below this provider-model probability the utility's pick looks out of distribution. */
const providerModelVeto = 0.02

/**
 * One routing decision: the model's utility choice when a model is present, succeeds and is
 * confident enough, else the rule-based router, with the reason either way. The provider model
 * cross-checks the utility choice under default weights: when it gives the pick almost no chance
 * (a request unlike those it was trained on), confidence is capped at 0.5.
 */
export function decide (input: DecideInput, recorder: DecisionRecorder = {}): RouteDecision {
  const decisionId = randomUUID()
  const { request, model } = input
  if (model === undefined) return ruleBased(input, input.noModelReason, decisionId)
  const weights = weightsFor(input.catalog, request)
  let choice
  try {
    const started = performance.now()
    const all = candidates(input.catalog, request.spec, request.constraints)
    const capable = all.filter((c) => c.excludedReason === undefined).map((c) => ({
      id: c.provider.id,
      regions: c.provider.regions,
      history: input.histories.get(c.provider.id) ?? { recent: emptyWindow, short: emptyWindow, long: emptyWindow }
    }))
    recorder.featureSeconds?.((performance.now() - started) / 1000)
    const scored = model.bundle.scoreCandidates(request.spec, input.at, capable)
    const excluded = all.filter((c) => c.excludedReason !== undefined).map((c) => ({ provider: c.provider.id, eligible: false, excludedReason: c.excludedReason as string }))
    choice = chooseByUtility(scored, excluded, request.constraints, weights, model.bundle.calibration.errorScales)
    if (choice !== undefined && choice.unmetConstraint === undefined && weights === defaultWeights) {
      const probabilities = model.bundle.providerProbabilities(request.spec, input.at)
      if ((probabilities[providerIds.indexOf(choice.provider)] ?? 0) < providerModelVeto) choice.confidence = Math.min(choice.confidence, 0.5)
    }
  } catch (err) {
    return ruleBased(input, `model error: ${err instanceof Error ? err.message : String(err)}`, decisionId)
  }
  if (choice === undefined) return ruleBased(input, 'no capable provider to score', decisionId)
  if (choice.unmetConstraint !== undefined) return ruleBased(input, choice.unmetConstraint, decisionId)
  const belowThreshold = choice.confidence < input.confidenceThreshold
  if (belowThreshold && input.fallbackToRuleBased) {
    return ruleBased(input, `model ${model.version} confidence ${choice.confidence.toFixed(2)} < threshold ${input.confidenceThreshold}`, decisionId)
  }
  const strategy: RoutingStrategy = 'ml'
  return {
    decisionId,
    provider: choice.provider,
    predictedCost: choice.predictedCost,
    predictedLatency: choice.predictedLatency,
    confidence: choice.confidence,
    strategy,
    reason: belowThreshold ? `model ${model.version} below confidence threshold, fallback disabled` : `model ${model.version} confident (${choice.confidence.toFixed(2)} >= ${input.confidenceThreshold})`,
    modelVersion: model.version,
    arm: input.arm,
    alternatives: choice.alternatives
  }
}
