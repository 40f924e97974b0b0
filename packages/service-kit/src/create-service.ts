import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify'
import { ResponseSerializationError, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { type ClusterExposition, createRegistry, httpMetricsPlugin, metricsRoutePlugin, type Registry } from '@platform/metrics'
import { adminGuard } from './admin-guard.js'
import { installErrorHandlers, toEnvelope } from './error-handler.js'
import { lazyRequestLogger } from './lazy-request-logger.js'
import { loggerOptions } from './logger.js'
import { openApi } from './openapi.js'
import { readiness } from './readiness.js'

export type ServiceInstance = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>

/** The config slice the kit reads; `serviceEnv()` produces it. */
export interface KitConfig {
  LOG_LEVEL: string
  BODY_LIMIT_BYTES: number
  ADMIN_TOKEN?: string | undefined
  ALLOW_UNAUTHENTICATED_ADMIN: boolean
}

export interface ServiceOptions {
  name: string
  version: string
  description?: string
  config: KitConfig
  /** Pretty logs for a person at a terminal (main.ts passes `process.stdout.isTTY`). */
  prettyLogs?: boolean
  redact?: readonly string[]
  /** Cluster workers pass the aggregated exposition for `/metrics`. */
  collectMetrics?: () => Promise<ClusterExposition>
  registry?: Registry
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This service's Prometheus registry: pass it as `registers: [app.metricsRegistry]`. */
    metricsRegistry: Registry
  }
}

const requestIdHeader = 'x-request-id'

/**
 * Builds a Fastify instance with the house's cross-cutting concerns, in the order that makes
 * them apply everywhere: error handlers and the closing hook on the root first, then metrics,
 * health, OpenAPI and the admin guard. Service plugins and routes are registered by the caller.
 */
export async function createService (options: ServiceOptions): Promise<ServiceInstance> {
  const { name, version, config } = options
  const app = Fastify({
    logger: loggerOptions({ service: name, version, level: config.LOG_LEVEL, pretty: options.prettyLogs ?? false, redact: options.redact ?? [] }),
    childLoggerFactory: lazyRequestLogger,
    genReqId: (req) => {
      const incoming = req.headers[requestIdHeader]
      return typeof incoming === 'string' && incoming.length > 0 && incoming.length <= 128 ? incoming : randomUUID()
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    connectionTimeout: 60_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 72_000,
    http: { headersTimeout: 10_000 },
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL) get the same envelope.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const { status, body } = toEnvelope(error)
      void reply.status(status).send(body)
    },
    forceCloseConnections: 'idle'
  }).withTypeProvider<ZodTypeProvider>()

  // zod's ahead-of-time compiled parser: same results and issues (it falls back to the runtime
  // parser to report a failure), several times faster on objects and arrays.
  app.setValidatorCompiler((route) => validatorCompiler({ ...route, schema: z.compile(route.schema as z.ZodType) }))
  app.setSerializerCompiler(({ schema, method, url }) => {
    // The same compiled parser checks (and strips) every answer against its contract. The
    // plugin's own serializer encodes with the runtime parser, a twentieth of a routing request;
    // a forward parse is the same check because no response schema has a codec.
    const compiled = z.compile(schema as z.ZodType)
    return (data) => {
      const result = compiled.safeParse(data)
      if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error })
      return JSON.stringify(result.data)
    }
  })
  installErrorHandlers(app)

  let closing = false
  app.addHook('preClose', async () => { closing = true })
  app.addHook('onSend', async (request, reply) => {
    void reply.header(requestIdHeader, request.id)
    // Keep-alive clients reconnect elsewhere instead of reusing a socket that is about to close.
    if (closing) void reply.header('connection', 'close')
  })

  const registry = options.registry ?? createRegistry({ service: name, version })
  app.decorate('metricsRegistry', registry)
  await app.register(httpMetricsPlugin, { registry })
  await app.register(metricsRoutePlugin, { registry, ...(options.collectMetrics === undefined ? {} : { collect: options.collectMetrics }) })
  await app.register(readiness)
  await app.register(openApi, { title: name, version, ...(options.description === undefined ? {} : { description: options.description }) })
  await app.register(adminGuard, { token: config.ADMIN_TOKEN, allowUnauthenticated: config.ALLOW_UNAUTHENTICATED_ADMIN })
  return app
}
