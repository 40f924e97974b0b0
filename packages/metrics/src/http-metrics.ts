import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Registry } from 'prom-client'
import { FastCounter, FastHistogram } from './fast-metrics.js'

/** Sub-millisecond to multi-second: in-process handlers answer in tens of microseconds. */
export const httpDurationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Label for requests that matched no route: the raw URL would make cardinality unbounded. */
export const unmatchedRoute = '__unmatched__'

export interface HttpMetricsOptions {
  registry: Registry
}

function routeTemplate (request: FastifyRequest): string {
  return request.routeOptions.url ?? unmatchedRoute
}

/** Records `http_requests_total` and `http_request_duration_seconds` by method, route template and status. */
const httpMetrics: FastifyPluginAsync<HttpMetricsOptions> = async (app, { registry }) => {
  const labelNames = ['method', 'route', 'status_code'] as const
  const requests = new FastCounter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] })
  const duration = new FastHistogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration from arrival to response',
    labelNames,
    buckets: httpDurationBuckets,
    registers: [registry]
  })

  // A callback hook, not an async one: no promise per request. Fastify times every reply from
  // the moment it routes the request (`elapsedTime`), so no start time needs keeping here.
  app.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: routeTemplate(request), status_code: String(reply.statusCode) }
    requests.inc(labels)
    duration.observe(labels, reply.elapsedTime / 1000)
    done()
  })
}

export const httpMetricsPlugin = fp(httpMetrics, { name: 'http-metrics', fastify: '5.x' })
