import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { ErrorEnvelope, ModelReloadResponse } from '@platform/contracts'

/** `POST /admin/models/reload`: rescan MODEL_DIR now (bearer ADMIN_TOKEN). */
export const adminModelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/admin/models/reload', {
    preHandler: app.adminOnly(),
    schema: { tags: ['admin'], summary: 'Reload the model repository', response: { 200: ModelReloadResponse, 401: ErrorEnvelope } }
  }, async () => app.modelRepository.reload())
}
