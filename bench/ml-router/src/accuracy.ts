import { SandboxConstraints, type ExecutionRecord, type ProviderId, type RouteRequest } from '@platform/contracts'
import { decide, ModelStore, runTraining, type ModelBundle } from '@platform/router-engine'
import { arrivalFeed, defaultProviderCatalog, routeByRules, RollingProviderStats, Simulation } from '@platform/router-core'

export interface AccuracyOptions {
  trainRecords: number
  testRequests: number
  days: number
  trainSeed: number
  testSeed: number
  confidenceThreshold: number
}

export interface AccuracyReport {
  trainSeconds: number
  agreement: number
  agreementModelOnly: number
  costMape: number
  latencyMape: number
  chosenCostMape: number
  chosenLatencyMape: number
  meanRegretShare: number
  meanRegretShareModelOnly: number
  ruleMeanRegretShare: number
  /** Total regret over the oracle's total loss (dollars lost per dollar the oracle spends): with fallback, model only, rule-based. */
  totalRegretShare: { withFallback: number, modelOnly: number, ruleBased: number }
  /** Mean regret share of oracles that learn of each outage 5 and 10 minutes late. */
  lateOracleRegretShare: { fiveMinutes: number, tenMinutes: number }
  fallbackShare: number
  evaluated: number
}

const noConstraints = SandboxConstraints.parse({})

/** Trains through the real pipeline (time split, early stopping) into `storePath` as version `bench`, activated. */
export async function trainOnSimulation (options: AccuracyOptions, storePath: string): Promise<{ bundle: ModelBundle, seconds: number }> {
  const sim = new Simulation(defaultProviderCatalog, { requests: options.trainRecords, days: options.days, seed: options.trainSeed })
  const store = new ModelStore(storePath)
  const started = performance.now()
  await runTraining({ records: [...sim.records()], days: options.days, minDataPoints: 100, catalog: defaultProviderCatalog, store, version: 'bench', activate: true, keepVersions: 1 })
  const seconds = (performance.now() - started) / 1000
  return { bundle: (await store.load('bench')).bundle, seconds }
}

/**
 * Scores the model router against the oracle of a world drawn with an unseen seed. Provider
 * statistics come from that world's telemetry (by default the runs of the evaluated requests
 * themselves), replayed up to each request's moment.
 */
export function evaluateAgainstOracle (bundle: ModelBundle, options: AccuracyOptions, trainSeconds: number, test: Simulation, telemetry: readonly ExecutionRecord[] = [...test.records()]): AccuracyReport {
  // A run's record reaches the statistics when the run has finished, as in the service.
  const stats = new RollingProviderStats()
  const feed = arrivalFeed(telemetry, stats)
  let agree = 0; let agreeModel = 0; let fallbacks = 0; let n = 0
  let regret = 0; let regretModel = 0; let ruleRegret = 0
  const total = { oracle: 0, withFallback: 0, modelOnly: 0, ruleBased: 0 }
  let costErr = 0; let latErr = 0; let cands = 0; let chosenCost = 0; let chosenLat = 0
  const model = { version: 'bench', bundle }
  const late = { fiveMinutes: test.oracle.noticingOutagesLate(300_000), tenMinutes: test.oracle.noticingOutagesLate(600_000) }
  const lateRegret = { fiveMinutes: 0, tenMinutes: 0 }
  for (const req of test.requests) {
    const at = req.submittedAt
    feed(at.getTime() - 1)
    const best = test.oracle.best(req.spec, at)
    if (best === undefined) continue
    const request: RouteRequest = { spec: req.spec, constraints: noConstraints }
    const input = { request, catalog: defaultProviderCatalog, model, noModelReason: '', histories: stats.histories(at.getTime()), at, fallbackToRuleBased: true, arm: null }
    const decision = decide({ ...input, confidenceThreshold: options.confidenceThreshold })
    const modelOnly = decide({ ...input, confidenceThreshold: 0 })
    const rules = routeByRules(defaultProviderCatalog, req.spec, noConstraints, { histories: input.histories })
    const lossOf = (p: ProviderId) => test.oracle.loss(best.outcomes.get(p) ?? { expectedCostUsd: Infinity, expectedLatencyMs: Infinity, successProbability: 0, medianLatencyMs: 0, latencySigma: 0 })
    n++
    if (decision.provider === best.provider) agree++
    if (modelOnly.provider === best.provider) agreeModel++
    if (decision.strategy === 'rule-based') fallbacks++
    const regrets = { withFallback: lossOf(decision.provider) - best.loss, modelOnly: lossOf(modelOnly.provider) - best.loss, ruleBased: lossOf(rules.provider) - best.loss }
    regret += regrets.withFallback / best.loss
    regretModel += regrets.modelOnly / best.loss
    ruleRegret += regrets.ruleBased / best.loss
    total.oracle += best.loss
    total.withFallback += regrets.withFallback
    total.modelOnly += regrets.modelOnly
    total.ruleBased += regrets.ruleBased
    for (const delay of ['fiveMinutes', 'tenMinutes'] as const) {
      const guess = late[delay].best(req.spec, at)
      if (guess !== undefined) lateRegret[delay] += (lossOf(guess.provider) - best.loss) / best.loss
    }
    for (const alt of modelOnly.alternatives) {
      const truth = best.outcomes.get(alt.provider)
      if (truth === undefined || alt.predictedCost === undefined || alt.predictedLatency === undefined) continue
      costErr += Math.abs(alt.predictedCost - truth.expectedCostUsd) / truth.expectedCostUsd
      latErr += Math.abs(alt.predictedLatency - truth.expectedLatencyMs) / truth.expectedLatencyMs
      cands++
      if (alt.provider === modelOnly.provider) {
        chosenCost += Math.abs(alt.predictedCost - truth.expectedCostUsd) / truth.expectedCostUsd
        chosenLat += Math.abs(alt.predictedLatency - truth.expectedLatencyMs) / truth.expectedLatencyMs
      }
    }
  }
  return {
    trainSeconds,
    agreement: agree / n,
    agreementModelOnly: agreeModel / n,
    costMape: costErr / cands,
    latencyMape: latErr / cands,
    chosenCostMape: chosenCost / n,
    chosenLatencyMape: chosenLat / n,
    meanRegretShare: regret / n,
    meanRegretShareModelOnly: regretModel / n,
    ruleMeanRegretShare: ruleRegret / n,
    totalRegretShare: { withFallback: total.withFallback / total.oracle, modelOnly: total.modelOnly / total.oracle, ruleBased: total.ruleBased / total.oracle },
    lateOracleRegretShare: { fiveMinutes: lateRegret.fiveMinutes / n, tenMinutes: lateRegret.tenMinutes / n },
    fallbackShare: fallbacks / n,
    evaluated: n
  }
}
