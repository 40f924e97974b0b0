import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { createService, type ServiceInstance } from './index.js'
import { installErrorHandlers } from './error-handler.js'
import { lazyRequestLogger } from './lazy-request-logger.js'
import { loggerOptions } from './logger.js'

const config = { LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: 1024, ADMIN_TOKEN: 'a-very-long-admin-token', ALLOW_UNAUTHENTICATED_ADMIN: false }
let app: ServiceInstance
afterEach(async () => app?.close())

async function build () {
  app = await createService({ name: 'demo', version: '0', config })
  app.get('/null', async () => { throw null }) // eslint-disable-line no-throw-literal
  app.get('/undef', async () => { throw undefined }) // eslint-disable-line no-throw-literal
  app.get('/s1000', async () => { throw Object.assign(new Error('secret'), { statusCode: 1000 }) })
  app.get('/s200', async () => { throw Object.assign(new Error('db password hunter2'), { statusCode: 200 }) })
  await app.ready()
}

describe('the error envelope at the edges', () => {
  it.each(['/null', '/undef'])('a thrown %s value gets the INTERNAL envelope', async (url) => {
    await build()
    const res = await app.inject(url)
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ error: 'Internal server error', code: 'INTERNAL' })
  })

  it('an error with an invalid statusCode gets the INTERNAL envelope', async () => {
    await build()
    const res = await app.inject('/s1000')
    expect(res.json()).toEqual({ error: 'Internal server error', code: 'INTERNAL' })
  })

  it('an error with a 2xx statusCode is not answered as a success carrying its message', async () => {
    await build()
    const res = await app.inject('/s200')
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.body).not.toContain('hunter2')
  })

  it('a malformed URL (rejected before routing) gets the envelope', async () => {
    await build()
    const res = await app.inject('/%zz')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: expect.any(String), code: 'BAD_REQUEST' })
  })
})

async function loggingApp () {
  const lines: string[] = []
  const stream = new Writable({ write (c: Buffer, _e, done) { lines.push(c.toString()); done() } })
  const f = Fastify({ logger: { ...(loggerOptions({ service: 's', version: '1', level: 'info' }) as object), stream }, childLoggerFactory: lazyRequestLogger })
  installErrorHandlers(f)
  f.get('/x', async () => ({ ok: 1 }))
  f.get('/upstream', async () => { throw Object.assign(new Error('upstream failed'), { config: { headers: { Authorization: 'Bearer upstream-secret' } } }) })
  await f.ready()
  return { f, lines }
}

describe('what the logs never hold', () => {
  it('does not log a token passed in the query string', async () => {
    const { f, lines } = await loggingApp()
    await f.inject('/x?token=query-secret&access_token=query-secret2')
    await f.close()
    expect(lines.join('')).not.toContain('query-secret')
  })

  it('does not log an authorization header carried on a thrown error (axios-style err.config.headers)', async () => {
    const { f, lines } = await loggingApp()
    await f.inject('/upstream')
    await f.close()
    expect(lines.join('')).not.toContain('upstream-secret')
  })
})
