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
  '*.redisUrl'
]

/** pino options: NDJSON to stdout with `{ service, version }` on every line and secrets redacted. */
export function loggerOptions ({ service, version, level, redact = [], pretty = false }: LoggerSettings): FastifyServerOptions['logger'] {
  return {
    level,
    base: { service, version },
    redact: { paths: [...defaultRedactions, ...redact], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  }
}
