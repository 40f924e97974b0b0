import { Redis } from 'ioredis'
import { existsSync } from 'node:fs'
import { createConnection } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { isRedisReady, startRedis, type RedisServer } from './redis-server.js'

function client (redis: RedisServer): Redis {
  // Reconnect fast and fail a command after two attempts, so a killed server shows up as an error quickly.
  const connection = new Redis(redis.url, { retryStrategy: () => 20, maxRetriesPerRequest: 2 })
  // Connection errors are expected while a test has killed the server; the commands' rejections carry them.
  connection.on('error', () => {})
  onTestFinished(() => { connection.disconnect() })
  return connection
}

async function acceptsConnections (port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}

describe('startRedis', () => {
  let redis: RedisServer
  beforeAll(async () => { redis = await startRedis() })
  afterAll(async () => { await redis.stop() })

  it('runs a real redis-server on a loopback port that round-trips commands', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`)
    const db = client(redis)
    await db.set('greeting', 'hello', 'EX', 60)
    expect(await db.get('greeting')).toBe('hello')
    expect(await db.ttl('greeting')).toBeGreaterThan(50)
    await db.hset('model:1', { name: 'holt-winters', mape: '0.12' })
    expect(await db.hgetall('model:1')).toEqual({ name: 'holt-winters', mape: '0.12' })
    expect(await db.pipeline().incr('counter').incrby('counter', 41).exec()).toEqual([[null, 1], [null, 42]])
    expect(await db.eval("return redis.call('GET', KEYS[1]) .. ARGV[1]", 1, 'greeting', '!')).toBe('hello!')
  })

  it('starts with no persistence, in its own fresh directory', async () => {
    const db = client(redis)
    expect(await db.config('GET', 'save')).toEqual(['save', ''])
    expect(await db.config('GET', 'appendonly')).toEqual(['appendonly', 'no'])
    const [, dir] = await db.config('GET', 'dir') as [string, string]
    expect(dir).toMatch(/platform-redis-/)
  })

  it('counts as ready only when the redis on the port is its own process', async () => {
    const pid = Number(/process_id:(\d+)/.exec(await client(redis).info('server'))?.[1])
    expect(await isRedisReady(redis.port, pid)).toBe(true)
    expect(await isRedisReady(redis.port, pid + 1)).toBe(false)
  })

  it('gives each instance its own port and data', async () => {
    const other = await startRedis()
    onTestFinished(async () => { await other.stop() })
    expect(other.port).not.toBe(redis.port)
    await client(other).set('only-here', '1')
    expect(await client(redis).exists('only-here')).toBe(0)
  })
})

describe('failure injection', () => {
  it('kill() drops the server abruptly and restart() brings it back empty on the same port; clients reconnect', async () => {
    const redis = await startRedis()
    onTestFinished(async () => { await redis.stop() })
    const db = client(redis)
    await db.set('k', 'v')

    await redis.kill()
    expect(await acceptsConnections(redis.port)).toBe(false)
    await expect(db.get('k')).rejects.toThrow()

    await redis.restart()
    expect(await db.get('k')).toBeNull()
    await db.set('k', 'again')
    expect(await db.get('k')).toBe('again')
  })

  it('with appendOnly, data written before a SIGKILL survives the restart', async () => {
    const redis = await startRedis({ appendOnly: true })
    onTestFinished(async () => { await redis.stop() })
    const db = client(redis)
    await db.rpush('queue', 'a', 'b', 'c')
    await redis.kill()
    await redis.restart()
    expect(await db.lrange('queue', 0, -1)).toEqual(['a', 'b', 'c'])
  })

  it('stop() frees the port, deletes the directory and cannot be undone', async () => {
    const redis = await startRedis()
    const [, dir] = await client(redis).config('GET', 'dir') as [string, string]
    await redis.stop()
    await redis.stop()
    expect(await acceptsConnections(redis.port)).toBe(false)
    expect(existsSync(dir)).toBe(false)
    await expect(redis.restart()).rejects.toThrow(/stopped for good/)
  })
})
