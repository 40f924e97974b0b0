import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '@platform/test-harness'
import { constantRate } from '@platform/bench-http-load'
import { serviceNames, startService, type RunningService, type ServiceName } from '../stack/service-process.js'

// A short CI version of the k6 scripts in infra/load/k6: same requests, same thresholds
// (infra/load/scenarios.json), the same constant arrival rate as their executor, against the
// services started from source.
interface Scenario { method: 'GET' | 'POST', path: string, body?: unknown, thresholds: { p95Ms: number, p99Ms: number, errorRate: number } }
const scenarios = JSON.parse(readFileSync(new URL('../../load/scenarios.json', import.meta.url), 'utf8')) as Record<ServiceName, Scenario>
const durationSeconds = Number(process.argv[2] ?? 10)
const rate = Number(process.argv[3] ?? 200)

/** Waits until the scenario's request answers 200 (models loaded, first forecast made). */
async function warm (service: RunningService, s: Scenario): Promise<void> {
  const init = { method: s.method, headers: { 'content-type': 'application/json' }, ...(s.body === undefined ? {} : { body: JSON.stringify(s.body) }) }
  for (let attempt = 0; attempt < 240; attempt++) {
    if ((await fetch(service.url + s.path, init).catch(() => undefined))?.status === 200) return
    await sleep(250)
  }
  throw new Error(`${service.name}: ${s.method} ${s.path} never answered 200`)
}

async function run (service: RunningService) {
  const s = scenarios[service.name]
  await warm(service, s)
  const options = { method: s.method, body: s.body, rate, connections: 10 }
  await constantRate(service.url + s.path, { ...options, seconds: 2 }) // warm-up (JIT, connection pools), not measured
  const result = await constantRate(service.url + s.path, { ...options, seconds: durationSeconds })
  const total = result.sent
  const errorRate = (result.non2xx + result.errors) / total
  const checks = [
    { name: 'p95 (ms)', value: result.p95Ms, limit: s.thresholds.p95Ms },
    { name: 'p99 (ms)', value: result.p99Ms, limit: s.thresholds.p99Ms },
    { name: 'error rate', value: errorRate, limit: s.thresholds.errorRate }
  ]
  return { service: service.name, rps: result.requestsPerSecond, total, checks }
}

const tally = { passed: 0, failed: 0 }
const adminToken = randomBytes(24).toString('hex')
// One service at a time, started for its own run and stopped after it: the machine is shared,
// and the forecaster's background fits must not sit in the router's or inference's tail latency.
for (const name of serviceNames) {
  const env: Record<string, string> = { ADMIN_TOKEN: adminToken, LOG_LEVEL: 'error' }
  if (name === 'forecaster') env.GRPC_PORT = String(await freePort())
  if (name === 'ml-inference') env.WORKERS = '1'
  const service = await startService(name, await freePort(), env)
  try {
    const r = await run(service)
    process.stdout.write(`\n${r.service}: ${r.total} requests in ${durationSeconds} s (${Math.round(r.rps)} req/s)\n`)
    for (const c of r.checks) {
      const ok = c.value <= c.limit
      tally[ok ? 'passed' : 'failed']++
      process.stdout.write(`  ${ok ? 'pass' : 'FAIL'}  ${c.name.padEnd(26)} ${c.value.toPrecision(3).padStart(8)}  limit ${c.limit}\n`)
    }
  } finally {
    await service.stop()
  }
}
process.stdout.write(`\nload: ${tally.passed} passed, ${tally.failed} failed\n`)
process.exitCode = tally.failed > 0 ? 1 : 0
