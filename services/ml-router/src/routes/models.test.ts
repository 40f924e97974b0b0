import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from '../app.js'
import { Config } from '../config.js'

const token = 'test-admin-token-0123456789'
let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ml-router-models-'))
  await mkdir(join(root, 'versions', 'v1'), { recursive: true })
  await writeFile(join(root, 'versions', 'v1', 'metadata.json'), '{"version": "v1", "createdAt": "2026-')
})
afterEach(async () => { await rm(root, { recursive: true, force: true }) })

const app = async () => await buildTestApp(async () => await buildApp(loadConfig(Config, { LOG_LEVEL: 'silent', MODEL_STORE_PATH: root, ADMIN_TOKEN: token }), { version: '0.0.0-test' }))

describe('model routes over a corrupt metadata.json', () => {
  it('answers 409 ROUTER_MODEL_REJECTED (not a 400 for the request body) and 404 only for a missing version', async () => {
    const server = await app()
    const metrics = await server.inject('/v1/models/v1/metrics')
    expect(metrics.statusCode).toBe(409)
    expect(metrics.json()).toEqual({ code: 'ROUTER_MODEL_REJECTED', error: expect.stringMatching(/^Model version v1 was refused at load: metadata\.json is not valid JSON/) })
    const activate = await server.inject({ method: 'PUT', url: '/v1/models/active', headers: { authorization: `Bearer ${token}` }, payload: { version: 'v1' } })
    expect(activate.statusCode).toBe(409)
    expect(activate.json().code).toBe('ROUTER_MODEL_REJECTED')
    expect((await server.inject('/v1/models/v2/metrics')).json()).toMatchObject({ code: 'ROUTER_MODEL_NOT_FOUND' })
    expect((await server.inject('/v1/models')).json()).toEqual({ active: null, versions: [] })
  })
})
