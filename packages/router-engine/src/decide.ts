import { randomUUID } from 'node:crypto'
import { providerIds, type AbArm, type ProviderCatalog, type RouteDecision, type RouteRequest, type RoutingStrategy } from '@platform/contracts'
import { candidates, chooseByUtility, defaultWeights, NoEligibleProviderError, routeByRules, weightsFor, type ProviderHistory, type ScoredCandidate } from '@platform/router-core'
import type { CandidateInput, ModelBundle } from './models/model-bundle.js'

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

type Candidates = ReturnType<typeof candidates>
interface Prepared { all: Candidates, capable: CandidateInput[] }

function prepare (input: DecideInput, recorder: DecisionRecorder): Prepared {
  const started = performance.now()
  const all = candidates(input.catalog, input.request.spec, input.request.constraints)
  const capable = all.filter((c) => c.excludedReason === undefined).map((c) => ({
    id: c.provider.id,
    regions: c.provider.regions,
    history: input.histories.get(c.provider.id) ?? { recent: emptyWindow, short: emptyWindow, long: emptyWindow }
  }))
  recorder.featureSeconds?.((performance.now() - started) / 1000)
  return { all, capable }
}

/** The utility choice over scored candidates, the provider model's cross-check, then the confidence gate. */
function finish (input: DecideInput & { model: ServingModel }, prepared: Prepared, scored: ScoredCandidate[], providerProbabilities: () => ArrayLike<number>, decisionId: string): RouteDecision {
  const { request, model } = input
  const weights = weightsFor(input.catalog, request)
  const excluded = prepared.all.filter((c) => c.excludedReason !== undefined).map((c) => ({ provider: c.provider.id, eligible: false, excludedReason: c.excludedReason as string }))
  const choice = chooseByUtility(scored, excluded, request.constraints, weights, model.bundle.calibration.errorScales)
  if (choice === undefined) return ruleBased(input, 'no capable provider to score', decisionId)
  if (choice.unmetConstraint !== undefined) return ruleBased(input, choice.unmetConstraint, decisionId)
  if (weights === defaultWeights && (providerProbabilities()[providerIds.indexOf(choice.provider)] ?? 0) < providerModelVeto) {
    choice.confidence = Math.min(choice.confidence, 0.5)
  }
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

/**
 * One routing decision: the model's utility choice when a model is present, succeeds and is
 * confident enough, else the rule-based router, with the reason either way. The provider model
 * cross-checks the utility choice under default weights: when it gives the pick almost no chance
 * (a request unlike those it was trained on), confidence is capped at 0.5.
 */
export function decide (input: DecideInput, recorder: DecisionRecorder = {}): RouteDecision {
  const decisionId = randomUUID()
  const model = input.model
  if (model === undefined) return ruleBased(input, input.noModelReason, decisionId)
  return guarded(input, decisionId, () => {
    const prepared = prepare(input, recorder)
    const scored = model.bundle.scoreCandidates(input.request.spec, input.at, prepared.capable)
    return finish({ ...input, model }, prepared, scored, () => model.bundle.providerProbabilities(input.request.spec, input.at), decisionId)
  })
}

/** Any model failure answers rule-based with the error as the reason (no provider at all still throws). */
function guarded (input: DecideInput, decisionId: string, work: () => RouteDecision): RouteDecision {
  try {
    return work()
  } catch (err) {
    if (err instanceof NoEligibleProviderError) throw err
    return ruleBased(input, `model error: ${err instanceof Error ? err.message : String(err)}`, decisionId)
  }
}

/**
 * Many decisions that share one model (`inputs[i].model`), scored together: one multi-row call
 * per model for every candidate of every request, which costs far less than a call per candidate
 * once there are more than a few requests. Decisions equal `decide`'s for the same inputs.
 */
export function decideMany (inputs: readonly DecideInput[], recorder: DecisionRecorder = {}): RouteDecision[] {
  // One request keeps LightGBM's single-row fast path, cheaper than a multi-row call for nine rows.
  if (inputs.length <= 1) return inputs.map((input) => decide(input, recorder))
  const model = inputs[0]?.model
  if (inputs.some((input) => input.model !== model)) throw new Error('decideMany needs inputs that share one model')
  const ids = inputs.map(() => randomUUID())
  if (model === undefined) return inputs.map((input, i) => ruleBased(input, input.noModelReason, ids[i] as string))
  const prepared = inputs.map((input) => prepare(input, recorder))
  let scored: ScoredCandidate[][] = []
  let probabilities: Float64Array = new Float64Array(0)
  let failure: unknown
  try {
    scored = model.bundle.scoreMany(inputs.map((input, i) => ({ spec: input.request.spec, at: input.at, candidates: (prepared[i] as Prepared).capable })))
    probabilities = model.bundle.providerProbabilitiesMany(inputs.map((input) => ({ spec: input.request.spec, at: input.at })))
  } catch (err) {
    failure = err
  }
  const classes = providerIds.length
  return inputs.map((input, i) => guarded(input, ids[i] as string, () => {
    if (failure !== undefined) throw failure
    return finish({ ...input, model }, prepared[i] as Prepared, scored[i] as ScoredCandidate[], () => probabilities.subarray(i * classes, (i + 1) * classes), ids[i] as string)
  }))
}
