import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '@platform/service-kit'
import { Config, flagsToEnv } from './config.js'

describe('flagsToEnv', () => {
  it('maps the seed flags onto their environment variables', () => {
    expect(flagsToEnv(['--model', 'holt-winters', '--prom-url=http://prom:9090', '--min', '2', '--max=9', '--lead-time', '5m', '--config', '/etc/f.yaml']))
      .toEqual({ MODEL: 'holt-winters', PROM_URL: 'http://prom:9090', MIN_REPLICAS: '2', MAX_REPLICAS: '9', LEAD_TIME: '5m', CONFIG: '/etc/f.yaml' })
  })

  it('skips a leading -- separator', () => {
    expect(flagsToEnv(['--', '--storage', 'redis'])).toEqual({ STORAGE: 'redis' })
  })

  it('refuses unknown flags and positionals', () => {
    expect(() => flagsToEnv(['--modle', 'x'])).toThrow(/modle/)
    expect(() => flagsToEnv(['serve'])).toThrow()
  })
})

describe('Config', () => {
  it('needs REDIS_URL with redis storage and names the variable', () => {
    expect(() => loadConfig(Config, { STORAGE: 'redis' })).toThrow(ConfigError)
    try {
      loadConfig(Config, { STORAGE: 'redis' })
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([{ path: 'REDIS_URL', message: 'is required when STORAGE is redis' }])
    }
  })

  it('lists every bad variable at once', () => {
    try {
      loadConfig(Config, { STORAGE: 'disk', GRPC_PORT: '70000', PROM_TIMEOUT: 'soon', GRPC_TLS_CERT: '/c.pem' })
      expect.unreachable()
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.path).sort()).toEqual(['GRPC_PORT', 'PROM_TIMEOUT', 'STORAGE'])
    }
  })

  it('pairs TLS files and basic auth fields', () => {
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig(Config, env)
        return []
      } catch (err) {
        return (err as ConfigError).problems.map((p) => p.path)
      }
    }
    expect(problems({ GRPC_TLS_CERT: '/c.pem' })).toEqual(['GRPC_TLS_KEY'])
    expect(problems({ GRPC_TLS_CA: '/ca.pem' })).toEqual(['GRPC_TLS_CA'])
    expect(problems({ PROM_USERNAME: 'u' })).toEqual(['PROM_PASSWORD'])
    expect(problems({ PROM_USERNAME: 'u', PROM_PASSWORD: 'p', PROM_BEARER_TOKEN: 't' })).toEqual(['PROM_BEARER_TOKEN'])
  })

  it('fits in cores - 1 worker threads by default (at least one); 0 fits on the event loop; refuses the rest', () => {
    expect(loadConfig(Config, {}).FIT_WORKERS).toBe(Math.max(1, availableParallelism() - 1))
    expect(loadConfig(Config, { FIT_WORKERS: '0' }).FIT_WORKERS).toBe(0)
    for (const bad of ['-1', '1.5', 'many']) expect(() => loadConfig(Config, { FIT_WORKERS: bad }), bad).toThrow(ConfigError)
  })
})
