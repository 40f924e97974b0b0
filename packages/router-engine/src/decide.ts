import { randomUUID } from 'node:crypto'
import { providerIds, type AbArm, type ProviderCatalog, type RouteAlternative, type RouteDecision, type RouteRequest, type RoutingStrategy } from '@platform/contracts'
import { candidates, chooseByUtility, defaultWeights, NoEligibleProviderError, routeByRules, weightsFor, type Candidate, type ProviderHistory, type ScoredCandidate, type UtilityChoice } from '@platform/router-core'
import type { CandidateInput, ModelBundle, RowScores } from './models/model-bundle.js'

export interface ServingModel { version: string, bundle: ModelBundle }

/** Everything a decision reads besides the request itself; one batch shares it. */
export interface DecideContext {
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

export interface DecideInput extends DecideContext {
  request: RouteRequest
}

/** Hooks for metrics; the service passes Prometheus recorders, tests pass nothing. */
export interface DecisionRecorder {
  /** Time to write one request's candidate feature rows (a batch's time is shared out over its requests). */
  featureSeconds?: (seconds: number) => void
  /** The model's confidence in its pick whenever it scored one, before the threshold can hand the decision to the rules. */
  modelConfidence?: (confidence: number) => void
}

function ruleBased (context: DecideContext, request: RouteRequest, reason: string, decisionId: string, eligibility?: Candidate[]): RouteDecision {
  const result = routeByRules(context.catalog, request.spec, request.constraints, { weights: weightsFor(context.catalog, request), eligibility, histories: context.histories })
  return { decisionId, ...result, strategy: 'rule-based', reason, modelVersion: null, arm: context.arm }
}

const emptyWindow = { count: 0, latencyP50: Number.NaN, latencyP95: Number.NaN, meanCost: Number.NaN, failureRate: Number.NaN }
const emptyHistory: ProviderHistory = { recent: emptyWindow, short: emptyWindow, long: emptyWindow }

/** Below this provider-model probability the utility's pick looks out of distribution, and its confidence is capped. */
const providerModelVeto = 0.02
const vetoedConfidence = 0.5

interface Prepared { eligibility: Candidate[], capable: CandidateInput[] }

function prepare (context: DecideContext, request: RouteRequest): Prepared {
  const eligibility = candidates(context.catalog, request.spec, request.constraints)
  const capable: CandidateInput[] = []
  for (const { provider, excludedReason } of eligibility) {
    if (excludedReason === undefined) capable.push({ id: provider.id, regions: provider.regions, history: context.histories.get(provider.id) ?? emptyHistory })
  }
  return { eligibility, capable }
}

/** The utility choice over scored candidates, or why the rules answer instead. */
function choose (context: DecideContext & { model: ServingModel }, request: RouteRequest, prepared: Prepared, scored: ScoredCandidate[]): UtilityChoice | string {
  const excluded: RouteAlternative[] = []
  for (const c of prepared.eligibility) if (c.excludedReason !== undefined) excluded.push({ provider: c.provider.id, eligible: false, excludedReason: c.excludedReason })
  const choice = chooseByUtility(scored, excluded, request.constraints, weightsFor(context.catalog, request), context.model.bundle.calibration.errorScales)
  if (choice === undefined) return 'no capable provider to score'
  return choice.unmetConstraint ?? choice
}

/** The provider model was trained on default-weight labels, so it cross-checks only default-weight choices. */
function needsCrossCheck (context: DecideContext, request: RouteRequest): boolean {
  return weightsFor(context.catalog, request) === defaultWeights
}

/** The provider model's cross-check (given its probabilities when it was needed), then the confidence gate. */
function finish (context: DecideContext & { model: ServingModel }, request: RouteRequest, prepared: Prepared, choice: UtilityChoice | string, probabilities: ArrayLike<number> | undefined, decisionId: string, recorder: DecisionRecorder): RouteDecision {
  if (typeof choice === 'string') return ruleBased(context, request, choice, decisionId, prepared.eligibility)
  const version = context.model.version
  if (probabilities !== undefined && (probabilities[providerIds.indexOf(choice.provider)] ?? 0) < providerModelVeto) {
    choice.confidence = Math.min(choice.confidence, vetoedConfidence)
  }
  // Before the gate: a fallback replaces this with the rules' confidence, and the threshold is tuned on this one.
  recorder.modelConfidence?.(choice.confidence)
  const belowThreshold = choice.confidence < context.confidenceThreshold
  if (belowThreshold && context.fallbackToRuleBased) {
    return ruleBased(context, request, `model ${version} confidence ${choice.confidence.toFixed(2)} < threshold ${context.confidenceThreshold}`, decisionId, prepared.eligibility)
  }
  const strategy: RoutingStrategy = 'ml'
  return {
    decisionId,
    provider: choice.provider,
    predictedCost: choice.predictedCost,
    predictedLatency: choice.predictedLatency,
    confidence: choice.confidence,
    strategy,
    reason: belowThreshold ? `model ${version} below confidence threshold, fallback disabled` : `model ${version} confident (${choice.confidence.toFixed(2)} >= ${context.confidenceThreshold})`,
    modelVersion: version,
    arm: context.arm,
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
  const { model, request } = input
  if (model === undefined) return ruleBased(input, request, input.noModelReason, decisionId)
  const context = { ...input, model }
  return guarded(input, request, decisionId, () => {
    const prepared = prepare(input, request)
    const choice = choose(context, request, prepared, model.bundle.scoreCandidates(request.spec, input.at, prepared.capable, recorder.featureSeconds))
    const check = typeof choice !== 'string' && needsCrossCheck(input, request)
    return finish(context, request, prepared, choice, check ? model.bundle.providerProbabilities(request.spec, input.at) : undefined, decisionId, recorder)
  })
}

/** Any model failure answers rule-based with the error as the reason (no provider at all still throws). */
function guarded (context: DecideContext, request: RouteRequest, decisionId: string, work: () => RouteDecision): RouteDecision {
  try {
    return work()
  } catch (err) {
    if (err instanceof NoEligibleProviderError) throw err
    return ruleBased(context, request, `model error: ${err instanceof Error ? err.message : String(err)}`, decisionId)
  }
}

/** Request i's candidates as the utility reads them, from rows `first`.. of the batch's scores. */
function scoredFrom (scores: RowScores, first: number, capable: readonly CandidateInput[]): ScoredCandidate[] {
  const out = new Array<ScoredCandidate>(capable.length)
  for (let k = 0; k < capable.length; k++) {
    const c = capable[k] as CandidateInput
    out[k] = { costUsd: scores.costUsd[first + k] as number, latencyMs: scores.latencyMs[first + k] as number, successProbability: scores.successProbability[first + k] as number, id: c.id, regions: c.regions }
  }
  return out
}

/**
 * Many decisions with one context, scored together: one multi-row call per model for every
 * candidate of every request, then one provider-model call for the requests whose choice it can
 * still change. That costs far less than calls per request once there are more than a few.
 * Decisions equal `decide`'s for the same inputs.
 */
export function decideMany (context: DecideContext, requests: readonly RouteRequest[], recorder: DecisionRecorder = {}): RouteDecision[] {
  // One request keeps LightGBM's single-row fast path, cheaper than a multi-row call for nine rows.
  if (requests.length <= 1) return requests.map((request) => decide({ ...context, request }, recorder))
  const ids = requests.map(() => randomUUID())
  const model = context.model
  if (model === undefined) return requests.map((request, i) => ruleBased(context, request, context.noModelReason, ids[i] as string))
  const withModel = { ...context, model }
  const prepared = requests.map((request) => prepare(context, request))
  const recordFeatures = recorder.featureSeconds
  // One pass writes every request's rows; each request with rows is charged an equal share, as `decide` records one time per request it scores.
  const featureShare = recordFeatures === undefined
    ? undefined
    : (seconds: number) => {
        const scored = prepared.reduce((n, p) => p.capable.length > 0 ? n + 1 : n, 0)
        for (let i = 0; i < scored; i++) recordFeatures(seconds / scored)
      }
  // A model failure answers rule-based for the requests it touched, as `decide` does one by one.
  const failures = new Map<number, unknown>()
  const choices = new Array<UtilityChoice | string>(requests.length)
  const checked: number[] = []
  try {
    const scores = model.bundle.scoreMany(requests.map((request, i) => ({ spec: request.spec, at: context.at, candidates: (prepared[i] as Prepared).capable })), featureShare)
    let first = 0
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i] as RouteRequest
      const capable = (prepared[i] as Prepared).capable
      try {
        const choice = choices[i] = choose(withModel, request, prepared[i] as Prepared, scoredFrom(scores, first, capable))
        if (typeof choice !== 'string' && needsCrossCheck(context, request)) checked.push(i)
      } catch (err) {
        failures.set(i, err)
      }
      first += capable.length
    }
  } catch (err) {
    for (let i = 0; i < requests.length; i++) failures.set(i, err)
  }
  const classes = providerIds.length
  const checkRows = new Map<number, Float64Array>()
  try {
    if (checked.length > 0) {
      const probabilities = model.bundle.providerProbabilitiesMany(checked.map((i) => ({ spec: (requests[i] as RouteRequest).spec, at: context.at })))
      checked.forEach((i, k) => checkRows.set(i, probabilities.subarray(k * classes, (k + 1) * classes)))
    }
  } catch (err) {
    for (const i of checked) failures.set(i, err)
  }
  return requests.map((request, i) => guarded(context, request, ids[i] as string, () => {
    if (failures.has(i)) throw failures.get(i)
    return finish(withModel, request, prepared[i] as Prepared, choices[i] as UtilityChoice | string, checkRows.get(i), ids[i] as string, recorder)
  }))
}
