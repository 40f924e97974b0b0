import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@platform/test-harness'
import { repoRoot, runTs, waitFor } from './processes.js'

export interface ForecasterProcess {
  child: ChildProcess
  port: number
  grpcPort: number
  names: string[]
  /** When the process was spawned (ms). */
  spawnedAt: number
}

const bundled = join(repoRoot, 'services/forecaster/data/nasa-http-requests-7d.csv')

export interface ForecasterSetup {
  /** Extra workload fields in YAML flow style, e.g. `model: arima, refitEvery: 5s`. */
  fields?: string
  /** Extra environment, e.g. `{ FIT_WORKERS: '0' }`. */
  env?: Record<string, string>
}

/** Starts the forecaster with `count` workloads replaying the bundled series (file source, memory store). */
export async function startForecaster (count: number, interval: string, window: string, setup: ForecasterSetup = {}): Promise<ForecasterProcess> {
  const names = Array.from({ length: count }, (_, i) => `w${i}`)
  const config = join(mkdtempSync(join(tmpdir(), 'bench-forecaster-')), 'workloads.yaml')
  const fields = setup.fields === undefined ? '' : `, ${setup.fields}`
  writeFileSync(config, `workloads:\n${names.map((n) => `  - { name: ${n}, file: ${bundled}, interval: ${interval}, window: ${window}${fields} }`).join('\n')}\n`)
  const port = await freePort()
  const grpcPort = await freePort()
  const spawnedAt = Date.now()
  const child = runTs(join(repoRoot, 'services/forecaster'), 'src/main.ts', { CONFIG: config, PORT: String(port), GRPC_PORT: String(grpcPort), HOST: '127.0.0.1', LOG_LEVEL: 'error', ...setup.env })
  await waitFor('forecaster /healthz', 60_000, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok)
  return { child, port, grpcPort, names, spawnedAt }
}

/** Waits until every workload has a forecast; returns the seconds since the process was spawned. */
export async function waitForAllForecasts (f: ForecasterProcess, timeoutMs: number): Promise<number> {
  await waitFor('a forecast for every workload', timeoutMs, async () => {
    const body = await (await fetch(`http://127.0.0.1:${f.port}/workloads`)).json() as { workloads: Array<{ lastGeneratedAt: string | null }> }
    return body.workloads.length === f.names.length && body.workloads.every((w) => w.lastGeneratedAt !== null)
  })
  return (Date.now() - f.spawnedAt) / 1000
}
