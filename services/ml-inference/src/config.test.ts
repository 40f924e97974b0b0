import { describe, expect, it } from 'vitest'
import { Config } from './config.js'

describe('ml-inference config', () => {
  it('leaves prediction auth off by default', () => {
    const config = Config.parse({})
    expect([config.PREDICT_AUTH_TOKEN, config.PREDICT_JWT_SECRET, config.PREDICT_JWT_JWKS_FILE]).toEqual([undefined, undefined, undefined])
  })

  it('needs an audience whenever JWT auth is on', () => {
    const secret = 'an-hs256-secret-of-at-least-32-characters'
    const missing = Config.safeParse({ PREDICT_JWT_SECRET: secret })
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['PREDICT_JWT_AUDIENCE'])
    expect(Config.safeParse({ PREDICT_JWT_JWKS_FILE: '/etc/jwks.json' }).success).toBe(false)
    expect(Config.safeParse({ PREDICT_JWT_SECRET: secret, PREDICT_JWT_AUDIENCE: 'ml-inference' }).success).toBe(true)
    expect(Config.safeParse({ PREDICT_JWT_SECRET: 'short', PREDICT_JWT_AUDIENCE: 'ml-inference' }).success).toBe(false)
  })
})
