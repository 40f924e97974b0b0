import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConfigError, envBoolean, envList, loadConfig, serviceEnv } from './load-config.js'

const Schema = z.object({
  ...serviceEnv({ port: 8080 }),
  REDIS_URL: z.url(),
  FEATURE_ON: envBoolean(true),
  MODELS: envList().default([])
})

describe('loadConfig', () => {
  it('applies defaults and freezes the result', () => {
    const config = loadConfig(Schema, { REDIS_URL: 'redis://localhost:6379', LOG_LEVEL: 'INFO' })
    expect(config.PORT).toBe(8080)
    expect(config.LOG_LEVEL).toBe('info')
    expect(config.FEATURE_ON).toBe(true)
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads "false" as false, never as true', () => {
    expect(loadConfig(Schema, { REDIS_URL: 'redis://x', FEATURE_ON: 'false' }).FEATURE_ON).toBe(false)
    expect(loadConfig(Schema, { REDIS_URL: 'redis://x', ALLOW_UNAUTHENTICATED_ADMIN: '0' }).ALLOW_UNAUTHENTICATED_ADMIN).toBe(false)
  })

  it('reads numbers in decimal only, and refuses an empty value rather than reading it as 0', () => {
    expect(loadConfig(Schema, { REDIS_URL: 'redis://x', PORT: ' 9090 ' }).PORT).toBe(9090)
    for (const port of ['', '0x10', '1e', 'eighty']) {
      expect(() => loadConfig(Schema, { REDIS_URL: 'redis://x', PORT: port }), port).toThrow(/PORT: must be a number/)
    }
    expect(() => loadConfig(Schema, { REDIS_URL: 'redis://x', PORT: '80.5' })).toThrow(/PORT:/)
  })

  it('splits lists', () => {
    expect(loadConfig(Schema, { REDIS_URL: 'redis://x', MODELS: ' fraud, ctr,,bid ' }).MODELS).toEqual(['fraud', 'ctr', 'bid'])
  })

  it('names every invalid or missing variable in one error', () => {
    let error: unknown
    try {
      loadConfig(Schema, { PORT: 'eighty', LOG_LEVEL: 'loud', FEATURE_ON: 'maybe', ADMIN_TOKEN: 'short' })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as ConfigError).message
    for (const name of ['PORT', 'LOG_LEVEL', 'FEATURE_ON', 'ADMIN_TOKEN', 'REDIS_URL']) expect(message).toContain(`${name}:`)
    expect((error as ConfigError).problems).toHaveLength(5)
  })
})
