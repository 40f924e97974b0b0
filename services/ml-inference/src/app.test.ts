import { describe, expect, it } from 'vitest'
import { loadConfig } from '@platform/service-kit'
import { buildApp } from './app.js'
import { Config } from './config.js'

describe('ml-inference app', () => {
  it('answers health, readiness, metrics and OpenAPI on embedded defaults', async () => {
    const app = await buildApp(loadConfig(Config, { LOG_LEVEL: 'silent' }), { version: '0.0.0-test' })
    await app.ready()
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    expect((await app.inject('/readyz')).statusCode).toBe(200)
    expect((await app.inject('/metrics')).body).toContain('service="ml-inference"')
    expect((await app.inject('/docs/json')).json().info.title).toBe('ml-inference')
    await app.close()
  })

  it('listens on 8000 by default', () => {
    expect(loadConfig(Config, {}).PORT).toBe(8000)
  })
})
