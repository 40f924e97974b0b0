import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'

export const serviceNames = ['forecaster', 'ml-router', 'ml-inference'] as const
export type ServiceName = typeof serviceNames[number]

export interface RunningService {
  name: ServiceName
  url: string
  port: number
  /** stdout and stderr so far, for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

const servicesDir = fileURLToPath(new URL('../../../services/', import.meta.url))
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli')

/**
 * Starts a service from source (tsx with the workspace source condition, so no build is needed)
 * in its own folder, and resolves once /healthz answers. Throws with its output if it exits or
 * stays silent.
 */
export async function startService (name: ServiceName, port: number, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningService> {
  const child: ChildProcess = spawn(process.execPath, [tsxCli, '--conditions', '@platform/source', 'src/main.ts'], {
    cwd: `${servicesDir}${name}`,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env }, // eslint-disable-line no-restricted-properties -- the child needs PATH and HOME, nothing else from here
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { name, url, port, output: () => output, stop }
    } catch {}
    await sleep(250)
  }
  await stop()
  throw new Error(`${name} did not answer /healthz within ${timeoutMs} ms:\n${output}`)
}

/** Metric families a service's /metrics declares (`# TYPE` lines), with their types. */
export async function exportedFamilies (url: string): Promise<Map<string, string>> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]))
}
