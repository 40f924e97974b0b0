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

async function measure (service: RunningService, s: Scenario, seconds: number) {
  const result = await constantRate(service.url + s.path, { method: s.method, body: s.body, rate, connections: 10, seconds })
  const errorRate = (result.non2xx + result.errors) / result.sent
  const checks = [
    { name: 'p95 (ms)', value: result.p95Ms, limit: s.thresholds.p95Ms },
    { name: 'p99 (ms)', value: result.p99Ms, limit: s.thresholds.p99Ms },
    { name: 'error rate', value: errorRate, limit: s.thresholds.errorRate }
  ]
  const ok = checks.every((c) => c.value <= c.limit)
  return { rps: result.requestsPerSecond, total: result.sent, checks, ok, onlySlow: !ok && errorRate <= s.thresholds.errorRate }
}

// The CI machine is shared: another tenant's burst can lift a 10-second tail several-fold (a run
// measured 6x this machine's usual p95 on all three services at once). A run that failed on
// latency alone is repeated, up to `attempts` in all, and every run is printed; a real regression
// fails all of them. Errors are never noise: an error-rate failure is final.
const attempts = 3
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
    const s = scenarios[name]
    await warm(service, s)
    await measure(service, s, 2) // warm-up (JIT, connection pools), not counted
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const r = await measure(service, s, durationSeconds)
      const label = attempt === 1 ? '' : `, attempt ${attempt} of ${attempts}`
      process.stdout.write(`\n${name}: ${r.total} requests in ${durationSeconds} s (${Math.round(r.rps)} req/s${label})\n`)
      for (const c of r.checks) {
        process.stdout.write(`  ${c.value <= c.limit ? 'pass' : 'FAIL'}  ${c.name.padEnd(26)} ${c.value.toPrecision(3).padStart(8)}  limit ${c.limit}\n`)
      }
      if (!r.onlySlow || attempt === attempts) {
        tally[r.ok ? 'passed' : 'failed']++
        break
      }
    }
  } finally {
    await service.stop()
  }
}
process.stdout.write(`\nload: ${tally.passed} of ${serviceNames.length} services within their thresholds\n`)
process.exitCode = tally.failed > 0 ? 1 : 0
