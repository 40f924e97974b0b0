import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RouteRequestInput } from '@platform/contracts'
import { defaultProviderCatalog, Simulation } from '@platform/router-core'
import { evaluateAgainstOracle, trainOnSimulation, type AccuracyOptions } from './accuracy.js'
import { measureHttpInChild } from './http.js'
import { measureLatency } from './latency.js'

// Usage: pnpm --filter @platform/bench-ml-router bench [trainRecords] [testRequests]
const options: AccuracyOptions = {
  trainRecords: Number(process.argv[2] ?? 50_000),
  testRequests: Number(process.argv[3] ?? 20_000),
  days: 14,
  trainSeed: 1,
  testSeed: 2,
  confidenceThreshold: 0.7
}
const storePath = await mkdtemp(join(tmpdir(), 'bench-ml-router-'))
const row = (name: string, value: string, goal: string, met: boolean | null) => `${name.padEnd(44)} ${value.padStart(12)}  ${goal.padEnd(14)} ${met === null ? '' : met ? 'met' : 'MISSED'}`
const pct = (v: number) => `${(v * 100).toFixed(1)}%`
const ms = (v: number) => `${v.toFixed(3)} ms`

try {
  console.log(`training on ${options.trainRecords} simulated records (seed ${options.trainSeed}), evaluating ${options.testRequests} requests of an unseen world (seed ${options.testSeed})`)
  const { bundle, seconds } = await trainOnSimulation(options, storePath)
  const test = new Simulation(defaultProviderCatalog, { requests: options.testRequests, days: options.days, seed: options.testSeed })
  const a = evaluateAgainstOracle(bundle, options, seconds, test)
  // The same world (its outages are drawn from the seed before any request) at the training
  // world's traffic: its requests include the evaluated ones, and its runs feed the statistics.
  const busyWorld = new Simulation(defaultProviderCatalog, { requests: options.trainRecords, days: options.days, seed: options.testSeed })
  const dense = evaluateAgainstOracle(bundle, options, seconds, test, [...busyWorld.records()])
  bundle.dispose()
  // Only requests some provider can run (the others are answered 422 by design).
  const requests: RouteRequestInput[] = test.requests.filter((r) => test.oracle.best(r.spec, r.submittedAt) !== undefined).map((r) => ({ spec: r.spec }))
  const l = await measureLatency(storePath, [...test.records()], requests)

  const http = await measureHttpInChild(storePath)

  const reduction = 1 - a.meanRegretShare / a.ruleMeanRegretShare
  const reductionModel = 1 - a.meanRegretShareModelOnly / a.ruleMeanRegretShare
  console.log([
    '',
    row('figure', 'measured', 'goal', null),
    row('training wall time (4 models)', `${a.trainSeconds.toFixed(0)} s`, '', null),
    row('oracle agreement (with fallback at 0.7)', pct(a.agreement), '>= 92%', a.agreement >= 0.92),
    row('oracle agreement (model only, no fallback)', pct(a.agreementModelOnly), '>= 92%', a.agreementModelOnly >= 0.92),
    row('cost MAPE vs oracle (every candidate)', pct(a.costMape), '<= 12%', a.costMape <= 0.12),
    row('latency MAPE vs oracle (every candidate)', pct(a.latencyMape), '<= 15%', a.latencyMape <= 0.15),
    row('cost / latency MAPE of the chosen provider', `${pct(a.chosenCostMape)} / ${pct(a.chosenLatencyMape)}`, '', null),
    row('mean regret share (with fallback)', pct(a.meanRegretShare), '<= 3%', a.meanRegretShare <= 0.03),
    row('mean regret share (model only)', pct(a.meanRegretShareModelOnly), '<= 3%', a.meanRegretShareModelOnly <= 0.03),
    row('rule-based mean regret share', pct(a.ruleMeanRegretShare), '', null),
    row('total regret / oracle total loss: fallback, model', `${pct(a.totalRegretShare.withFallback)} / ${pct(a.totalRegretShare.modelOnly)}`, '', null),
    row('  rule-based', pct(a.totalRegretShare.ruleBased), '', null),
    row('oracle told of outages 5 / 10 min late: regret', `${pct(a.lateOracleRegretShare.fiveMinutes)} / ${pct(a.lateOracleRegretShare.tenMinutes)}`, '', null),
    row('regret reduction vs rule-based (with fallback)', pct(reduction), '>= 50%', reduction >= 0.5),
    row('regret reduction vs rule-based (model only)', pct(reductionModel), '>= 50%', reductionModel >= 0.5),
    row('share of decisions that fell back', pct(a.fallbackShare), '', null),
    row(`statistics from ${options.trainRecords.toLocaleString('en-US')} runs: agreement, regret`, `${pct(dense.agreement)} / ${pct(dense.meanRegretShare)}`, '', null),
    row('  model only: agreement, regret; total regret', `${pct(dense.agreementModelOnly)} / ${pct(dense.meanRegretShareModelOnly)}; ${pct(dense.totalRegretShare.withFallback)}`, '', null),
    row('predict (9 providers) p50', ms(l.predictP50Ms), '', null),
    row('predict (9 providers) p99', ms(l.predictP99Ms), '<= 1 ms', l.predictP99Ms <= 1),
    row('predictBatch(1000) median / max', `${ms(l.batchP50Ms)} / ${ms(l.batchMaxMs)}`, '<= 25 ms', l.batchP50Ms <= 25),
    row('POST /v1/route at 2,000 req/s: p50 / p95 / p99', `${ms(http.routeAtRate.p50Ms)} / ${ms(http.routeAtRate.p95Ms)} / ${ms(http.routeAtRate.p99Ms)}`, 'p99 <= 5 ms', http.routeAtRate.p99Ms <= 5),
    row('  achieved req/s, errors + non-2xx', `${http.routeAtRate.requestsPerSecond.toFixed(0)}, ${http.routeAtRate.errors + http.routeAtRate.non2xx}`, '2,000', http.routeAtRate.requestsPerSecond >= 1900),
    row('bare Fastify echo at 2,000 req/s: p50 / p95 / p99', `${ms(http.echoAtRate.p50Ms)} / ${ms(http.echoAtRate.p95Ms)} / ${ms(http.echoAtRate.p99Ms)}`, '', null),
    row('max throughput: /v1/route vs echo (req/s)', `${http.routeMax.requestsPerSecond.toFixed(0)} vs ${http.echoMax.requestsPerSecond.toFixed(0)}`, '', null)
  ].join('\n'))
} finally {
  await rm(storePath, { recursive: true, force: true })
}
