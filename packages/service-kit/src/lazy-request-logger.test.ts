import { Writable } from 'node:stream'
import Fastify, { type FastifyBaseLogger, LogController, type LogLevel } from 'fastify'
import { describe, expect, it } from 'vitest'
import { lazyRequestLogger } from './lazy-request-logger.js'

interface Line { msg: string, level: number, reqId?: string, user?: string, password?: string }

/** Fastify with the lazy factory, NDJSON into an array, a route that logs what `?at=` names, and a count of real children built. */
async function appLoggingAt (level: LogLevel, routeLevel?: LogLevel) {
  const lines: Line[] = []
  const stream = new Writable({ write (chunk: Buffer, _encoding, done) { lines.push(JSON.parse(chunk.toString()) as Line); done() } })
  let built = 0
  const app = Fastify({
    logger: { level, stream, redact: ['*.password'] },
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (logger, bindings, options) => {
      const counting = Object.create(logger) as FastifyBaseLogger
      counting.child = (childBindings, childOptions) => { built++; return logger.child(childBindings, childOptions) }
      return lazyRequestLogger(counting, bindings, options)
    }
  })
  app.get('/log', { ...(routeLevel === undefined ? {} : { logLevel: routeLevel }) }, async (request) => {
    const { at } = request.query as { at?: string }
    if (at === 'warn') {
      request.log.warn({ user: 'u-1' }, 'first')
      request.log.warn('second')
    }
    if (at === 'info') request.log.info('chatty')
    if (at === 'secret') request.log.error({ config: { password: 'hunter2' } }, 'with a secret')
    return { level: request.log.level }
  })
  await app.ready()
  return { app, lines, built: () => built }
}

describe('lazyRequestLogger', () => {
  it('builds no child for a request that logs nothing, and reports the effective level', async () => {
    const { app, lines, built } = await appLoggingAt('info', 'warn')
    const response = await app.inject('/log?at=info')
    expect(response.json()).toEqual({ level: 'warn' })
    expect(lines).toEqual([])
    expect(built()).toBe(0)
    await app.close()
  })

  it('builds one child on the first enabled line, and every line carries the request id and its fields', async () => {
    const { app, lines, built } = await appLoggingAt('info')
    const response = await app.inject('/log?at=warn')
    expect(response.statusCode).toBe(200)
    expect(built()).toBe(1)
    expect(lines.map(({ msg, level, user }) => ({ msg, level, user }))).toEqual([{ msg: 'first', level: 40, user: 'u-1' }, { msg: 'second', level: 40, user: undefined }])
    const [first, second] = lines
    expect(first?.reqId).toMatch(/^req-/)
    expect(second?.reqId).toBe(first?.reqId)
    await app.close()
  })

  it('honours a quieter server level and still redacts what is written', async () => {
    const { app, lines, built } = await appLoggingAt('error')
    await app.inject('/log?at=warn')
    expect(built()).toBe(0)
    await app.inject('/log?at=secret')
    expect(lines).toHaveLength(1)
    expect(JSON.stringify(lines[0])).not.toContain('hunter2')
    await app.close()
  })

  it('writes nothing for silent and keeps debug lines at debug', async () => {
    const quiet = await appLoggingAt('silent')
    await quiet.app.inject('/log?at=secret')
    expect(quiet.lines).toEqual([])
    await quiet.app.close()
    const loud = await appLoggingAt('debug')
    await loud.app.inject('/log?at=info')
    expect(loud.lines.map((l) => l.msg)).toEqual(['chatty'])
    await loud.app.close()
  })
})
