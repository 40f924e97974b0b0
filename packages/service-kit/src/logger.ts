import type { FastifyServerOptions } from 'fastify'

export interface LoggerSettings {
  service: string
  version: string
  level: string
  /** Extra paths to redact, e.g. `['req.body.password']`. */
  redact?: readonly string[]
  /** Pretty, coloured lines for a person at a terminal; NDJSON otherwise. */
  pretty?: boolean
}

export const defaultRedactions = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.redisUrl',
  // An HTTP client's error (axios and the like) carries the request it made, credentials included.
  'err.config.headers.authorization',
  'err.config.headers.Authorization'
]

// Query parameters that carry credentials (`?token=`, `?access_token=`, `?api_key=`): their values are not logged.
const secretQuery = /([?&](?:[\w-]*token|api[_-]?key|key|password|secret|sig|signature)=)[^&#]*/gi

/** A request URL as logged: credentials in its query string replaced. */
export const loggableUrl = (url: string): string => url.replace(secretQuery, '$1[redacted]')

/** pino options: NDJSON to stdout with `{ service, version }` on every line and secrets redacted. */
export function loggerOptions ({ service, version, level, redact = [], pretty = false }: LoggerSettings): FastifyServerOptions['logger'] {
  return {
    level,
    base: { service, version },
    redact: { paths: [...defaultRedactions, ...redact], censor: '[redacted]' },
    serializers: {
      req: (request: { method: string, url: string, hostname?: string, ip?: string, socket?: { remotePort?: number } }) => ({
        method: request.method,
        url: loggableUrl(request.url),
        host: request.hostname,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort
      })
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  }
}

/**
 * The log level for routes that answer thousands of requests a second (predictions, routing):
 * at `info`, Fastify's two lines per request cost a third of ml-inference's one-row throughput
 * (17,000 against 25,600 req/s, measured), so those routes log at `warn` and above, where
 * failures still show; `debug` and `trace` keep every request, and a quieter level stays quieter.
 */
export function busyRouteLogLevel<L extends string> (level: L): L | 'warn' {
  return level === 'info' ? 'warn' : level
}
