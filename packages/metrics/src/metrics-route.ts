import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Registry } from 'prom-client'

export interface MetricsRouteOptions {
  registry: Registry
  /** Where the exposition comes from; defaults to this registry. Cluster workers pass the aggregated view. */
  collect?: () => Promise<{ contentType: string, body: string }>
}

/** `GET /metrics` in the Prometheus text format; silent in the logs (scraped every few seconds). */
const metricsRoute: FastifyPluginAsync<MetricsRouteOptions> = async (app, { registry, collect }) => {
  const read = collect ?? (async () => ({ contentType: registry.contentType, body: await registry.metrics() }))
  app.get('/metrics', { logLevel: 'silent' }, async (_request, reply) => {
    const { contentType, body } = await read()
    return reply.type(contentType).send(body)
  })
}

export const metricsRoutePlugin = fp(metricsRoute, { name: 'metrics-route', fastify: '5.x' })
