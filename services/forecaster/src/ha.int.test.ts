import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ForecastSnapshot } from '@platform/contracts'
import { freePort, type RedisServer, startRedis } from '@platform/test-harness'
import { bundledSeriesPath } from './workloads/load-workloads.js'

const serviceDir = fileURLToPath(new URL('..', import.meta.url))
const interval = 2
const names = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6']
let redis: RedisServer
let client: Redis
const replicas = new Map<string, { child: ChildProcess, port: number }>()

async function startReplica (id: string, configPath: string): Promise<void> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--conditions', '@platform/source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serviceDir,
    env: { ...process.env, CONFIG: configPath, STORAGE: 'redis', REDIS_URL: redis.url, REPLICA_ID: id, HOST: '127.0.0.1', PORT: String(port), GRPC_PORT: String(await freePort()), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit']
  })
  replicas.set(id, { child, port })
}

/** Every stored snapshot, each validated against the contract (a corrupted one fails the test). */
async function snapshots (): Promise<Map<string, ForecastSnapshot>> {
  const result = new Map<string, ForecastSnapshot>()
  for (const name of names) {
    const text = await client.get(`forecaster:snapshot:${name}`)
    if (text !== null) result.set(name, ForecastSnapshot.parse(JSON.parse(text)))
  }
  return result
}

async function until<T> (what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  redis = await startRedis()
  client = new Redis(redis.url)
  const dir = mkdtempSync(join(tmpdir(), 'forecaster-ha-'))
  const configPath = join(dir, 'workloads.yaml')
  writeFileSync(configPath, `workloads:\n${names.map((n) => `  - { name: ${n}, file: ${bundledSeriesPath}, interval: ${interval}s, window: 1d }`).join('\n')}\n`)
  await Promise.all([startReplica('a', configPath), startReplica('b', configPath)])
})
afterAll(async () => {
  for (const { child } of replicas.values()) child.kill('SIGKILL')
  client.disconnect()
  await redis.stop()
})

describe('high availability with two forecaster processes and a real Redis', () => {
  it('splits workloads by lease, serves every workload from both, and takes over a dead replica within two intervals', async () => {
    const first = await until('a snapshot of every workload', 60_000, async () => {
      const all = await snapshots()
      return all.size === names.length ? all : undefined
    })
    // One owner per workload: the lease key and the snapshot agree.
    for (const [name, snapshot] of first) expect(await client.get(`forecaster:lease:${name}`)).toBe(snapshot.owner)

    for (const { port } of replicas.values()) {
      for (const name of names) {
        const response = await fetch(`http://127.0.0.1:${port}/forecast/current?workload=${name}`)
        expect(response.status).toBe(200)
        expect(ForecastSnapshot.parse(await response.json()).workload).toBe(name)
      }
    }

    // Kill whichever replica owns w1; the other must take all of its workloads.
    const victim = first.get('w1')?.owner ?? 'a'
    const survivor = victim === 'a' ? 'b' : 'a'
    const moved = names.filter((n) => first.get(n)?.owner === victim)
    replicas.get(victim)?.child.kill('SIGKILL')
    const killedAt = Date.now()
    await until('the survivor to own every workload', 20_000, async () => {
      const all = await snapshots()
      return names.every((n) => all.get(n)?.owner === survivor && Date.parse(all.get(n)?.generatedAt ?? '') > killedAt) ? true : undefined
    })
    const takeoverSeconds = (Date.now() - killedAt) / 1000
    // Two intervals, plus the tick itself (fetch, fit, store) on a busy 2-core machine.
    expect(takeoverSeconds, `moved ${moved.join(',')}`).toBeLessThanOrEqual(2 * interval + 1.5)
    const survivorPort = replicas.get(survivor)?.port ?? 0
    const list = await (await fetch(`http://127.0.0.1:${survivorPort}/workloads`)).json() as { workloads: Array<{ owned: boolean, stale: boolean }> }
    expect(list.workloads.every((w) => w.owned && !w.stale)).toBe(true)
  })
})
