import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { AbTestConfig, AbTestRequest, AbTestResults, ErrorEnvelope } from '@platform/contracts'
import { ModelLoadError } from '@platform/router-engine'
import { z } from 'zod'
import { abResults } from '../ab-results.js'
import { ModelNotFoundError, ModelRejectedError, NoAbTestError, StateUnavailableError } from '../errors.js'
import { retryAfterSeconds, StoreUnavailableError } from '../state/router-store.js'

/** A/B tests between two model versions; the configuration is shared through the store. */
export const abTestRoutes: FastifyPluginAsyncZod = async (app) => {
  const shared = async <T>(work: () => Promise<T>, reply: { header: (k: string, v: string) => unknown }): Promise<T> => {
    try {
      return await work()
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err
      reply.header('retry-after', String(retryAfterSeconds))
      throw new StateUnavailableError({ cause: err })
    }
  }

  app.post('/v1/ab-tests', {
    preHandler: app.adminOnly(),
    schema: { tags: ['ab-tests', 'admin'], summary: 'Start an A/B test (replaces the current one)', body: AbTestRequest, response: { 201: AbTestConfig, 400: ErrorEnvelope, 401: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 503: ErrorEnvelope } }
  }, async (request, reply) => {
    const body = request.body
    const config: AbTestConfig = {
      id: randomUUID(),
      enabled: body.enabled,
      controlModelVersion: body.controlModelVersion,
      treatmentModelVersion: body.treatmentModelVersion,
      trafficSplit: body.trafficSplit,
      startTime: body.startTime ?? null,
      endTime: body.endTime ?? null,
      shadow: body.shadow,
      createdAt: new Date().toISOString()
    }
    const versions = await app.mlRouter.store.versions()
    for (const v of [config.controlModelVersion, config.treatmentModelVersion]) if (!versions.includes(v)) throw new ModelNotFoundError(v)
    // Arms loaded, then Redis and the manifest, then the swap: a refusal or a 503 leaves this replica on the old test.
    try {
      await app.mlRouter.configureABTest(config, { persist: async (c) => { await shared(async () => await app.routerStore.saveAbTest(c), reply) } })
    } catch (err) {
      if (err instanceof ModelLoadError) throw new ModelRejectedError(err.version, err.reason, { cause: err })
      throw err
    }
    request.log.info({ abTest: config.id }, 'A/B test started')
    return await reply.code(201).send(config)
  })

  app.delete('/v1/ab-tests/current', {
    preHandler: app.adminOnly(),
    schema: { tags: ['ab-tests', 'admin'], summary: 'End the current A/B test', response: { 204: z.null(), 401: ErrorEnvelope, 404: ErrorEnvelope, 503: ErrorEnvelope } }
  }, async (request, reply) => {
    if (app.mlRouter.currentAbTest === null) throw new NoAbTestError()
    await app.mlRouter.configureABTest(null, { persist: async () => { await shared(async () => await app.routerStore.saveAbTest(null), reply) } })
    request.log.info('A/B test ended')
    return await reply.code(204).send(null)
  })

  app.get('/v1/ab-tests/current/results', {
    schema: { tags: ['ab-tests'], summary: 'Per-arm outcomes and significance of the current test', response: { 200: AbTestResults, 404: ErrorEnvelope, 503: ErrorEnvelope } }
  }, async (request, reply) => {
    const test = app.mlRouter.currentAbTest
    if (test === null) throw new NoAbTestError()
    return abResults(test, await shared(async () => await app.routerStore.abSamples(test.id), reply), new Date())
  })
}
