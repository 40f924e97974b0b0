import { fileURLToPath } from 'node:url'
import { measureBatchPath } from './batch-path.js'
import { fastifyEchoScript, load, startServer, stopServer, type LoadResult, type Server } from '@platform/bench-http-load'
import { freePort } from '@platform/test-harness'
import { hasFastApi, systemPython } from './fastapi-peer.js'

// Side by side in one run, same machine, same client settings, one server process each
// (plus ml-inference with two cluster workers). Figures go to docs/ml-inference.md.
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
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
  const result = await load(`${server.url}${path}`, body, { connections: clients, seconds })
  await stopServer(server)
  return result
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 })

// In process first: the batch path stage by stage, with no network and no load generator.
const stages = await measureBatchPath(Number(process.env.BENCH_STAGE_SECONDS ?? 3))
process.stdout.write(`\n/predict/fraud/batch in one process, 1,000 rows per call; ${new Date().toISOString()}\n\n`)
process.stdout.write('| stage | ms per 1,000 rows | CPU ms per 1,000 rows | rows/s |\n|---|---|---|---|\n')
for (const { stage, msPer1000, cpuMsPer1000, rowsPerSecond } of stages) process.stdout.write(`| ${stage} | ${msPer1000.toFixed(2)} | ${cpuMsPer1000.toFixed(2)} | ${fmt(rowsPerSecond)} |\n`)
if (process.argv.includes('--in-process')) process.exit(0)

const rows: Array<[string, LoadResult]> = []
const echoPort = await freePort()
const echoServer = await startServer('fastify echo', 'pnpm', ['exec', 'tsx', fastifyEchoScript, String(echoPort)], { port: echoPort, readyPath: '/healthz', cwd: `${here}..`, env: process.env })
rows.push(['fastify echo (bare, 1 process)', await measure(echoServer, '/echo', fraud)])
if (hasFastApi()) {
  const port = await freePort()
  const server = await startServer('fastapi echo', systemPython, ['-m', 'uvicorn', 'fastapi_echo:app', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning', '--no-access-log'], { port, readyPath: '/docs', cwd: here, env: process.env })
  rows.push(['fastapi + uvicorn echo (1 process)', await measure(server, '/echo', fraud)])
}
rows.push(['ml-inference /predict/fraud (1 process)', await measure(await inference(1), '/predict/fraud', fraud)])
rows.push(['ml-inference /predict/fraud (WORKERS=2)', await measure(await inference(2), '/predict/fraud', fraud)])
// With every client waiting on an answer, a 1 ms micro-batch window can only idle; 0 batches what
// arrived in the same I/O turn. Measured side by side so the default can follow the figures.
rows.push(['ml-inference /predict/fraud (1 process, BATCH_MAX_WAIT_MS=0)', await measure(await inference(1, { BATCH_MAX_WAIT_MS: '0' }), '/predict/fraud', fraud)])
const batchResult = await measure(await inference(1), '/predict/fraud/batch', batch, 4)
rows.push(['ml-inference /predict/fraud/batch x1000 (1 process, 4 clients)', batchResult])
const batchWorkersResult = await measure(await inference(2), '/predict/fraud/batch', batch, 4)
rows.push(['ml-inference /predict/fraud/batch x1000 (WORKERS=2, 4 clients)', batchWorkersResult])

process.stdout.write(`\n${connections} connections, ${seconds} s per row, after a 2 s warm-up; ${new Date().toISOString()}\n\n`)
process.stdout.write('| server | req/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|\n')
for (const [name, r] of rows) process.stdout.write(`| ${name} | ${fmt(r.requestsPerSecond)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.errors} | ${r.non2xx} |\n`)

const get = (prefix: string) => rows.find(([name]) => name.startsWith(prefix))?.[1]
const echo = get('fastify echo')
const fastapi = get('fastapi')
const single = get('ml-inference /predict/fraud (1')
const verdict = (ok: boolean) => ok ? 'MET' : 'MISSED'
process.stdout.write('\n| goal | measured | verdict |\n|---|---|---|\n')
if (echo !== undefined && single !== undefined) {
  const share = single.requestsPerSecond / echo.requestsPerSecond
  process.stdout.write(`| /predict/fraud >= 50% of bare Fastify echo | ${fmt(share * 100)}% | ${verdict(share >= 0.5)} |\n`)
  process.stdout.write(`| /predict/fraud p99 <= 5 ms at 50 connections | ${fmt(single.p99Ms)} ms | ${verdict(single.p99Ms <= 5)} |\n`)
}
if (fastapi !== undefined && single !== undefined) {
  const ratio = single.requestsPerSecond / fastapi.requestsPerSecond
  process.stdout.write(`| >= 5x FastAPI + uvicorn echo | ${fmt(ratio)}x | ${verdict(ratio >= 5)} |\n`)
} else {
  process.stdout.write('| >= 5x FastAPI + uvicorn echo | not run: /usr/bin/python3 lacks fastapi/uvicorn (apt-get install python3-fastapi python3-uvicorn) | - |\n')
}
for (const [label, result] of [['1 process', batchResult], ['WORKERS=2', batchWorkersResult]] as const) {
  const rowsPerSecond = result.requestsPerSecond * 1000
  process.stdout.write(`| batch >= 200,000 rows/s (fraud, ${label}) | ${fmt(rowsPerSecond)} rows/s | ${verdict(rowsPerSecond >= 200_000)} |\n`)
}
