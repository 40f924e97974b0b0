import { fork } from 'node:child_process'
import { resolve as resolvePath } from 'node:path'
import { constantRate, fastifyEchoScript, load, startServer, stopServer, type ConstantRateResult, type LoadResult } from '@platform/bench-http-load'
import { freePort } from '@platform/test-harness'

export interface HttpReport { routeAtRate: ConstantRateResult, echoAtRate: ConstantRateResult, routeMax: LoadResult, echoMax: LoadResult }

const body = { spec: { language: 'python', code: 'import numpy\nprint(1)', requirements: ['numpy'], tenant: 'bench' } }

/** The service with `storePath`'s active model beside a bare Fastify echo: 2,000 req/s for latency, closed loop for throughput. */
export async function measureHttp (storePath: string, env: NodeJS.ProcessEnv): Promise<HttpReport> {
  const servicePort = await freePort()
  const echoPort = await freePort()
  const service = await startServer('ml-router', process.execPath, ['--import', 'tsx', '--conditions', '@platform/source', resolvePath(import.meta.dirname, '../../../services/ml-router/src/main.ts')], {
    port: servicePort,
    readyPath: '/healthz',
    env: { ...env, PORT: String(servicePort), HOST: '127.0.0.1', MODEL_STORE_PATH: storePath, LOG_LEVEL: 'warn', ADMIN_TOKEN: 'bench-admin-token-0123456789' }
  })
  const echo = await startServer('fastify echo', process.execPath, ['--import', 'tsx', fastifyEchoScript, String(echoPort)], { port: echoPort, readyPath: '/healthz', env })
  try {
    // Latency at a constant arrival rate (after a 2 s warm-up), throughput closed-loop.
    const atRate = async (url: string) => {
      await constantRate(url, { method: 'POST', body, rate: 2000, seconds: 2, connections: 32 })
      return constantRate(url, { method: 'POST', body, rate: 2000, seconds: 10, connections: 32 })
    }
    return {
      routeAtRate: await atRate(`${service.url}/v1/route`),
      echoAtRate: await atRate(`${echo.url}/echo`),
      routeMax: await load(`${service.url}/v1/route`, body, { seconds: 10, connections: 32 }),
      echoMax: await load(`${echo.url}/echo`, body, { seconds: 10, connections: 32 })
    }
  } finally {
    await stopServer(service)
    await stopServer(echo)
  }
}

/**
 * Runs `measureHttp` in a fresh process (`http-child/main.ts`). A load generator in the accuracy
 * run's process would carry its simulated worlds, and its garbage-collection pauses would count
 * as the service's latency: holding 5 M small objects there moved the p99 from 2.5 to 4.2 ms.
 */
export async function measureHttpInChild (storePath: string): Promise<HttpReport> {
  const child = fork(resolvePath(import.meta.dirname, 'http-child/main.ts'), [storePath], { execArgv: ['--import', 'tsx', '--conditions', '@platform/source'], serialization: 'advanced' })
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as HttpReport))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`HTTP benchmark process exited with ${code} before reporting`)))
  })
}
