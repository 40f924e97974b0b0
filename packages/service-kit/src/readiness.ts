import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { LivenessResponse, ReadinessResponse, type ReadinessCheckResult } from '@platform/contracts'

/** A readiness check resolves when the dependency is usable and throws (or rejects) when it is not. */
export type ReadinessCheck = () => void | Promise<void>

export interface Readiness {
  register(name: string, check: ReadinessCheck): void
  run(): Promise<ReadinessCheckResult[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness
  }
}

const checkTimeoutMs = 2000

async function runCheck (name: string, check: ReadinessCheck): Promise<ReadinessCheckResult> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      check(),
      new Promise((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${checkTimeoutMs} ms`)), checkTimeoutMs) })
    ])
    return { name, ok: true }
  } catch (err) {
    return { name, ok: false, error: err instanceof Error ? err.message : String(err) }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `/healthz` says the process is alive and nothing more, so a slow dependency never causes a
 * restart loop; `/readyz` runs every registered check and answers 503 naming the failing ones.
 */
const readinessPlugin: FastifyPluginAsync = async (app) => {
  const checks = new Map<string, ReadinessCheck>()
  app.decorate('readiness', {
    register (name, check) {
      if (checks.has(name)) throw new Error(`readiness check "${name}" is already registered`)
      checks.set(name, check)
    },
    run: async () => Promise.all([...checks].map(async ([name, check]) => runCheck(name, check)))
  } satisfies Readiness)

  app.get('/healthz', {
    logLevel: 'silent',
    schema: { tags: ['health'], summary: 'Liveness', response: { 200: LivenessResponse } }
  }, async () => ({ status: 'ok' as const }))

  app.get('/readyz', {
    logLevel: 'silent',
    schema: { tags: ['health'], summary: 'Readiness', response: { 200: ReadinessResponse, 503: ReadinessResponse } }
  }, async (_request, reply) => {
    const results = await app.readiness.run()
    const failing = results.filter((r) => !r.ok).map((r) => r.name)
    return reply.status(failing.length === 0 ? 200 : 503).send({ status: failing.length === 0 ? 'ready' : 'not_ready', checks: results, failing })
  })
}

export const readiness = fp(readinessPlugin, { name: 'readiness', fastify: '5.x' })
