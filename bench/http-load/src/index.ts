import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export interface Server { name: string, url: string, process: ChildProcess }

/** The bare Fastify echo peer (`POST /echo`, `GET /healthz`); run it with tsx and the port as argument. */
export const fastifyEchoScript = fileURLToPath(new URL('./fastify-echo.ts', import.meta.url))

/** Starts a server process and resolves when `readyPath` answers 200 (90 s at most: the machine may be busy). */
export async function startServer (name: string, command: string, args: string[], options: { port: number, readyPath: string, env: NodeJS.ProcessEnv, cwd?: string }): Promise<Server> {
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${options.port}`
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
    if (await fetch(`${url}${options.readyPath}`).then((r) => r.ok, () => false)) return { name, url, process: child }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill('SIGTERM')
  throw new Error(`${name} did not become ready in 90 s`)
}

export async function stopServer (server: Server): Promise<void> {
  if (server.process.exitCode !== null) return
  await new Promise<void>((resolve) => {
    server.process.once('exit', () => resolve())
    server.process.kill('SIGTERM')
  })
}

export interface LoadResult { requestsPerSecond: number, p50Ms: number, p99Ms: number, errors: number, non2xx: number }

/**
 * autocannon against one POST route: `connections` keep-alive clients for `seconds`, each sending
 * its next request as soon as the last is answered (closed loop: for maximum throughput). For
 * latency at a given rate use `constantRate`.
 */
export async function load (url: string, body: unknown, { connections, seconds }: { connections: number, seconds: number }): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections,
    duration: seconds
  })
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx }
}

export { constantRate, percentile, type ConstantRateOptions, type ConstantRateResult } from './constant-rate.js'
