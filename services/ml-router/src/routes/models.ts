import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { ErrorEnvelope, ModelListResponse, ModelMetricsResponse, SetActiveModelRequest, VersionParams } from '@platform/contracts'
import { ModelLoadError } from '@platform/router-engine'
import { ModelNotFoundError, ModelRejectedError } from '../errors.js'

/** Model versions in the store, their validation metrics, and activation (hot swap). */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.mlRouter.store

  app.get('/v1/models', {
    schema: { tags: ['models'], summary: 'List model versions, oldest first', response: { 200: ModelListResponse } }
  }, async () => {
    const inUse = new Set([app.mlRouter.activeVersion, app.mlRouter.currentAbTest?.controlModelVersion, app.mlRouter.currentAbTest?.treatmentModelVersion])
    const versions = []
    for (const version of await store.versionsByAge()) {
      const metadata = await store.metadata(version).catch(() => undefined)
      if (metadata === undefined) continue
      versions.push({
        version,
        createdAt: metadata.createdAt,
        featureSchemaHash: metadata.featureSchemaHash,
        active: version === app.mlRouter.activeVersion,
        inUse: inUse.has(version),
        trainingRecords: metadata.counts.training,
        validationRecords: metadata.counts.validation
      })
    }
    return { active: app.mlRouter.activeVersion, versions }
  })

  app.get('/v1/models/:version/metrics', {
    schema: { tags: ['models'], summary: 'Validation metrics of one version', params: VersionParams, response: { 200: ModelMetricsResponse, 404: ErrorEnvelope, 409: ErrorEnvelope } }
  }, async (request) => {
    const { version } = request.params
    if (!(await store.versions()).includes(version)) throw new ModelNotFoundError(version)
    try {
      return { version, metrics: (await store.metadata(version)).metrics }
    } catch (err) {
      // The folder exists, so an unreadable metadata.json is a refusal, not an absence.
      if (err instanceof ModelLoadError) throw new ModelRejectedError(version, err.reason, { cause: err })
      throw err
    }
  })

  app.put('/v1/models/active', {
    preHandler: app.adminOnly(),
    schema: { tags: ['models', 'admin'], summary: 'Activate a version (verified before the swap)', body: SetActiveModelRequest, response: { 200: ModelListResponse.pick({ active: true }), 401: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope } }
  }, async (request) => {
    const { version } = request.body
    if (!(await store.versions()).includes(version)) throw new ModelNotFoundError(version)
    try {
      await app.mlRouter.setActiveModel(version)
    } catch (err) {
      if (err instanceof ModelLoadError) throw new ModelRejectedError(version, err.reason, { cause: err })
      throw err
    }
    request.log.info({ version }, 'model activated')
    return { active: version }
  })
}
