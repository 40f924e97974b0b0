import { Writable } from 'node:stream'
import Fastify, { type LogLevel } from 'fastify'
import { describe, expect, it } from 'vitest'
import { busyRouteLogLevel } from './logger.js'

/** A Fastify app logging NDJSON into an array, with one busy route (registered at `busyRouteLogLevel`) and one plain route. */
async function appLoggingAt (level: LogLevel) {
  const lines: Array<{ msg: string, level: number }> = []
  const stream = new Writable({ write (chunk: Buffer, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done() } })
  const app = Fastify({ logger: { level, stream } })
  await app.register(async (busy) => {
    busy.get('/predict', async (request) => {
      request.log.warn('degraded')
      return { ok: true }
    })
  }, { logLevel: busyRouteLogLevel(level) })
  app.get('/other', async () => ({ ok: true }))
  await app.ready()
  return { app, lines }
}

describe('busyRouteLogLevel', () => {
  it('drops per-request lines of busy routes at info, keeps their warnings and every other route\'s lines', async () => {
    const { app, lines } = await appLoggingAt('info')
    await app.inject('/predict')
    expect(lines.map((l) => l.msg)).toEqual(['degraded'])
    await app.inject('/other')
    expect(lines.map((l) => l.msg)).toEqual(['degraded', 'incoming request', 'request completed'])
    await app.close()
  })

  it('keeps every request at debug and trace, and never logs more than a quieter level asks', async () => {
    const { app, lines } = await appLoggingAt('debug')
    await app.inject('/predict')
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'degraded', 'request completed'])
    await app.close()
    expect(busyRouteLogLevel('trace')).toBe('trace')
    expect(busyRouteLogLevel('error')).toBe('error')
    expect(busyRouteLogLevel('silent')).toBe('silent')
  })
})
