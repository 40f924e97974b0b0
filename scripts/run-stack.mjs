// `pnpm stack`: runs the three services locally on embedded defaults (no Redis, no Prometheus
// needed), prefixes their logs, waits until each answers /healthz, and stops them all on Ctrl-C.
// When the `prometheus` binary is installed it also starts Prometheus scraping them with the real
// alert and recording rules (infra/prometheus).
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

const services = [
  { name: 'forecaster', port: 8081 },
  { name: 'ml-router', port: 8080 },
  { name: 'ml-inference', port: 8000 }
]
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(24).toString('hex')

function hasPrometheus () {
  try {
    execFileSync('prometheus', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const processes = [
  // Each service runs from its own folder, as `pnpm start` would, so relative defaults (MODEL_DIR) resolve.
  ...services.map(({ name }) => ({ name, cwd: `services/${name}/`, command: process.execPath, args: ['dist/main.js'] })),
  ...(hasPrometheus() ? [{ name: 'prometheus', cwd: './', command: 'pnpm', args: ['--silent', '--filter', '@platform/infra', 'stack:prometheus'] }] : [])
]

const children = processes.map(({ name, cwd, command, args }) => {
  const port = services.find((s) => s.name === name)?.port
  const child = spawn(command, args, {
    cwd: new URL(`../${cwd}`, import.meta.url),
    env: { ...process.env, ...(port === undefined ? {} : { PORT: String(port) }), ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  for (const stream of [child.stdout, child.stderr]) {
    let partial = ''
    stream.on('data', (chunk) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) process.stdout.write(`${name.padEnd(12)} | ${line}\n`)
    })
  }
  child.on('exit', (code, signal) => {
    process.stdout.write(`${name.padEnd(12)} | exited (${signal ?? code})\n`)
    if (!stopping) stop(1)
  })
  return child
})

let stopping = false
function stop (code) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  Promise.all(children.map((c) => c.exitCode !== null ? null : new Promise((resolve) => c.once('exit', resolve))))
    .then(() => process.exit(code), () => process.exit(1))
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

async function healthy (port) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return true
    } catch {}
    await sleep(200)
  }
  return false
}

const results = await Promise.all(services.map(async (s) => ({ ...s, ok: await healthy(s.port) })))
process.stdout.write('\n')
for (const { name, port, ok } of results) {
  process.stdout.write(`  ${ok ? 'up  ' : 'DOWN'} ${name.padEnd(12)} http://localhost:${port}  (docs: /docs, metrics: /metrics)\n`)
}
if (processes.length === services.length) process.stdout.write('  prometheus not installed: scripts/install-system-deps.sh adds it (alerts and rules on the stack)\n')
process.stdout.write(`  admin token: ${adminToken}\n  try: curl 'localhost:8081/forecast/current?workload=demo'\n  Ctrl-C stops everything.\n\n`)
if (results.some((r) => !r.ok)) stop(1)
