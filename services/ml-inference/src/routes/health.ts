import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { InferenceHealthResponse, InferenceReadyResponse, LivenessResponse } from '@platform/contracts'

/** The seed's probes: `/health` (summary), `/health/live`, `/health/ready` (503 until every required model is loaded and warmed up). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const startedAt = performance.now()
  const tags = ['health']

  app.get('/health', { logLevel: 'silent', schema: { tags, summary: 'Process and model summary', response: { 200: InferenceHealthResponse } } }, async () => ({
    status: 'ok' as const,
    models_loaded: [...app.modelRepository.models.values()].reduce((n, entry) => n + entry.versions.size, 0),
    uptime_seconds: (performance.now() - startedAt) / 1000
  }))

  app.get('/health/live', { logLevel: 'silent', schema: { tags, summary: 'Liveness', response: { 200: LivenessResponse } } }, async () => ({ status: 'ok' as const }))

  app.get('/health/ready', { logLevel: 'silent', schema: { tags, summary: 'Readiness', response: { 200: InferenceReadyResponse, 503: InferenceReadyResponse } } }, async (_request, reply) => {
    const missing = app.missingModels()
    const models = [...app.modelRepository.models.values()].map((entry) => ({
      name: entry.name,
      versions: [...entry.versions.keys()],
      default_version: entry.defaultVersion,
      // A version is only in the repository after its warm-up inference answered.
      warmed_up: true
    }))
    return reply.status(missing.length === 0 ? 200 : 503).send({ ready: missing.length === 0, models, missing })
  })
}
