import { fileURLToPath } from 'node:url'
import { measureBatchPath } from './batch-path.js'
import { fastifyEchoScript, load, startServer, stopServer, type LoadResult, type Server } from '@platform/bench-http-load'
import { freePort } from '@platform/test-harness'
import { hasFastApi, systemPython } from './fastapi-peer.js'

// Side by side in one run, same machine, same client settings, one server process each
// (plus ml-inference with two cluster workers). Figures go to docs/ml-inference.md.
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
// The ratio goals compare servers measured seconds apart on a shared machine, whose load drifts
// between rows: so the three peers take turns, round after round, and each ratio is read per round.
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))
const connections = 50
const here = fileURLToPath(new URL('.', import.meta.url))
const service = fileURLToPath(new URL('../../../services/ml-inference/', import.meta.url))
const fraud = { user_id: 'u-42', ip_address: '86.12.33.4', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X)', impressions_24h: 40, clicks_24h: 1, app_id: 'app-017', device_info: { os: 'ios', emulator: false } }
const batch = { instances: Array.from({ length: 1000 }, (_, i) => ({ ...fraud, user_id: `u-${i}`, impressions_24h: 10 + (i % 500), clicks_24h: i % 10 })) }

async function inference (workers: number, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  return startServer(`ml-inference (WORKERS=${workers})`, 'pnpm', ['exec', 'tsx', '--conditions', '@platform/source', 'src/main.ts'], {
    port,
    readyPath: '/health/ready',
    cwd: service,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WORKERS: String(workers), LOG_LEVEL: 'warn', MODEL_WATCH: 'false', ...env }
  })
}

async function measure (server: Server, path: string, body: unknown, clients = connections): Promise<LoadResult> {
  await load(`${server.url}${path}`, body, { connections: clients, seconds: 2 }) // warm-up
  return load(`${server.url}${path}`, body, { connections: clients, seconds })
}

async function measureOnce (server: Server, path: string, body: unknown, clients = connections): Promise<LoadResult> {
  const result = await measure(server, path, body, clients)
  await stopServer(server)
  return result
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 })
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] ?? NaN : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

// In process first: the batch path stage by stage, with no network and no load generator.
const stages = await measureBatchPath(Number(process.env.BENCH_STAGE_SECONDS ?? 3))
process.stdout.write(`\n/predict/fraud/batch in one process, 1,000 rows per call; ${new Date().toISOString()}\n\n`)
process.stdout.write('| stage | ms per 1,000 rows | CPU ms per 1,000 rows | rows/s |\n|---|---|---|---|\n')
for (const { stage, msPer1000, cpuMsPer1000, rowsPerSecond } of stages) process.stdout.write(`| ${stage} | ${msPer1000.toFixed(2)} | ${cpuMsPer1000.toFixed(2)} | ${fmt(rowsPerSecond)} |\n`)
if (process.argv.includes('--in-process')) process.exit(0)

// The peers of the ratio goals stay up (idle while another is measured) and take turns.
const echoPort = await freePort()
const peers: Array<{ name: string, server: Server, path: string }> = [
  { name: 'fastify echo (bare, 1 process)', server: await startServer('fastify echo', 'pnpm', ['exec', 'tsx', fastifyEchoScript, String(echoPort)], { port: echoPort, readyPath: '/healthz', cwd: `${here}..`, env: process.env }), path: '/echo' }
]
if (hasFastApi()) {
  const port = await freePort()
  const server = await startServer('fastapi echo', systemPython, ['-m', 'uvicorn', 'fastapi_echo:app', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning', '--no-access-log'], { port, readyPath: '/docs', cwd: here, env: process.env })
  peers.push({ name: 'fastapi + uvicorn echo (1 process)', server, path: '/echo' })
}
const single = 'ml-inference /predict/fraud (1 process)'
peers.push({ name: single, server: await inference(1), path: '/predict/fraud' })
// The default batches what arrived in the same I/O turn; a 1 ms window waits for company. It takes
// its turns too, so the default can follow the figures.
peers.push({ name: 'ml-inference /predict/fraud (1 process, BATCH_MAX_WAIT_MS=1)', server: await inference(1, { BATCH_MAX_WAIT_MS: '1' }), path: '/predict/fraud' })
const turns: Array<Map<string, LoadResult>> = []
for (let round = 0; round < rounds; round++) {
  const results = new Map<string, LoadResult>()
  for (const peer of peers) results.set(peer.name, await measure(peer.server, peer.path, fraud))
  turns.push(results)
}
for (const peer of peers) await stopServer(peer.server)

const rows: Array<[string, LoadResult]> = []
rows.push(['ml-inference /predict/fraud (WORKERS=2)', await measureOnce(await inference(2), '/predict/fraud', fraud)])
const batchResult = await measureOnce(await inference(1), '/predict/fraud/batch', batch, 4)
rows.push(['ml-inference /predict/fraud/batch x1000 (1 process, 4 clients)', batchResult])
const batchWorkersResult = await measureOnce(await inference(2), '/predict/fraud/batch', batch, 4)
rows.push(['ml-inference /predict/fraud/batch x1000 (WORKERS=2, 4 clients)', batchWorkersResult])

process.stdout.write(`\n${connections} connections, ${seconds} s per row, after a 2 s warm-up; ${new Date().toISOString()}\n\n`)
process.stdout.write('| server | req/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|\n')
const row = (name: string, r: LoadResult) => process.stdout.write(`| ${name} | ${fmt(r.requestsPerSecond)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.errors} | ${r.non2xx} |\n`)
turns.forEach((results, round) => { for (const [name, r] of results) row(`${name}, round ${round + 1}`, r) })
for (const [name, r] of rows) row(name, r)

// Each ratio is taken within a round; the verdict reads the median round and says how many met.
const verdict = (ok: boolean) => ok ? 'MET' : 'MISSED'
const perRound = (value: (results: Map<string, LoadResult>) => number | undefined) => turns.map(value).filter((v): v is number => v !== undefined)
const reqs = (results: Map<string, LoadResult>, prefix: string) => [...results].find(([name]) => name.startsWith(prefix))?.[1]
const goalRow = (goal: string, values: readonly number[], ok: (v: number) => boolean, show: (v: number) => string) =>
  process.stdout.write(`| ${goal} | ${show(median(values))} (rounds: ${values.map(show).join(', ')}) | ${verdict(ok(median(values)))}, ${values.filter(ok).length} of ${values.length} rounds |\n`)
process.stdout.write('\n| goal | measured, median round | verdict |\n|---|---|---|\n')
const ratioTo = (prefix: string) => perRound((r) => {
  const base = reqs(r, prefix); const route = r.get(single)
  return base === undefined || route === undefined ? undefined : route.requestsPerSecond / base.requestsPerSecond
})
goalRow('/predict/fraud >= 50% of bare Fastify echo', ratioTo('fastify echo'), (v) => v >= 0.5, (v) => `${fmt(v * 100)}%`)
goalRow('/predict/fraud p99 <= 5 ms at 50 connections', perRound((r) => r.get(single)?.p99Ms), (v) => v <= 5, (v) => `${fmt(v)} ms`)
if (peers.some((p) => p.name.startsWith('fastapi'))) {
  goalRow('>= 5x FastAPI + uvicorn echo', ratioTo('fastapi'), (v) => v >= 5, (v) => `${fmt(v)}x`)
} else {
  process.stdout.write('| >= 5x FastAPI + uvicorn echo | not run: /usr/bin/python3 lacks fastapi/uvicorn (apt-get install python3-fastapi python3-uvicorn) | - |\n')
}
for (const [label, result] of [['1 process', batchResult], ['WORKERS=2', batchWorkersResult]] as const) {
  const rowsPerSecond = result.requestsPerSecond * 1000
  process.stdout.write(`| batch >= 200,000 rows/s (fraud, ${label}) | ${fmt(rowsPerSecond)} rows/s | ${verdict(rowsPerSecond >= 200_000)} |\n`)
}
