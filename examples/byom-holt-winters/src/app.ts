import Fastify, { type FastifyInstance } from 'fastify'
import { ByomRequest } from '@platform/contracts'
import { predict, PredictInputError } from './predict.js'

export interface AppOptions {
  logLevel?: string
  /** Largest request body; the default fits about 50,000 features. */
  bodyLimit?: number
}

/** `POST /predict` per the forecaster's BYOM contract, and `/healthz`. Errors are `{ error }`. */
export function buildApp ({ logLevel = 'info', bodyLimit = 4 * 1024 * 1024 }: AppOptions = {}): FastifyInstance {
  const app = Fastify({ logger: { level: logLevel }, bodyLimit })

  app.setErrorHandler((err: { statusCode?: number, message: string }, request, reply) => {
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status >= 500) request.log.error({ err }, 'predict failed')
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message })
  })
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url}` }))

  app.get('/healthz', async () => ({ status: 'ok' }))

  app.post('/predict', async (request, reply) => {
    const parsed = ByomRequest.safeParse(request.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return await reply.code(400).send({ error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` })
    }
    try {
      return predict(parsed.data)
    } catch (err) {
      if (err instanceof PredictInputError) return await reply.code(400).send({ error: err.message })
      throw err
    }
  })
  return app
}
