import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from './build-test-app.js'

function pingApp (closed: string[], name: string) {
  const app = Fastify()
  app.get('/ping', async () => ({ pong: name }))
  app.addHook('onClose', async () => { closed.push(name) })
  return app
}

// The tests run in order: a test that builds an app is followed by one that checks the app was closed.
describe('buildTestApp', () => {
  const closed: string[] = []

  it('returns a ready app from a sync builder that answers inject()', async () => {
    const app = await buildTestApp(() => pingApp(closed, 'sync'))
    expect((await app.inject({ url: '/ping' })).json()).toEqual({ pong: 'sync' })
    expect(closed).toEqual([])
  })

  it('closed the sync app when its test finished', () => {
    expect(closed).toEqual(['sync'])
  })

  it('returns a ready app from an async builder', async () => {
    const app = await buildTestApp(async () => pingApp(closed, 'async'))
    expect((await app.inject({ url: '/ping' })).json()).toEqual({ pong: 'async' })
  })

  it('closed the async app when its test finished', () => {
    expect(closed).toEqual(['sync', 'async'])
  })

  it('rejects when a plugin fails to boot', async () => {
    await expect(buildTestApp(() => {
      const app = pingApp(closed, 'failed boot')
      app.register(async () => { throw new Error('plugin boot failed') })
      return app
    })).rejects.toThrow(/plugin boot failed/)
  })

  it('still closed the app whose boot failed', () => {
    expect(closed).toEqual(['sync', 'async', 'failed boot'])
  })
})
