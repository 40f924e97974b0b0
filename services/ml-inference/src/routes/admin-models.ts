import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { ErrorEnvelope, ModelReloadResponse } from '@platform/contracts'

/**
 * `POST /admin/models/reload`: rescan MODEL_DIR now (bearer ADMIN_TOKEN). With WORKERS>1 every
 * other worker rescans too, asked through the primary; the answer is this worker's report.
 */
export const adminModelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/admin/models/reload', {
    preHandler: app.adminOnly(),
    schema: { tags: ['admin'], summary: 'Reload the model repository', response: { 200: ModelReloadResponse, 401: ErrorEnvelope } }
  }, async () => app.reloadModels())
}
