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

let configPath: string

/** Which replica holds each workload's lease right now. */
async function leaseHolders (): Promise<Map<string, string | null>> {
  return new Map(await Promise.all(names.map(async (n) => [n, await client.get(`forecaster:lease:${n}`)] as const)))
}

const count = (holders: Map<string, string | null>, id: string): number => [...holders.values()].filter((h) => h === id).length

/**
 * Watches the stored snapshots every 100 ms until stopped: once a workload has a snapshot it must
 * keep one, valid, and never older than the one seen before (nothing lost, nothing rolled back).
 */
function watchSnapshots (): { stop: () => Promise<string[]> } {
  const problems: string[] = []
  const seen = new Map<string, number>()
  const state = { running: true }
  const done = (async () => {
    while (state.running) {
      const all = await snapshots().catch((err: unknown) => { problems.push(String(err)); return new Map<string, ForecastSnapshot>() })
      for (const name of names) {
        const at = all.get(name)?.generatedAt
        const before = seen.get(name)
        if (at === undefined) { if (before !== undefined) problems.push(`${name}: snapshot disappeared`); continue }
        if (before !== undefined && Date.parse(at) < before) problems.push(`${name}: went back to ${at}`)
        seen.set(name, Date.parse(at))
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return { stop: async () => { state.running = false; await done; return problems } }
}

beforeAll(async () => {
  redis = await startRedis()
  client = new Redis(redis.url)
  const dir = mkdtempSync(join(tmpdir(), 'forecaster-ha-'))
  configPath = join(dir, 'workloads.yaml')
  writeFileSync(configPath, `workloads:\n${names.map((n) => `  - { name: ${n}, file: ${bundledSeriesPath}, interval: ${interval}s, window: 1d }`).join('\n')}\n`)
})
afterAll(async () => {
  for (const { child } of replicas.values()) child.kill('SIGKILL')
  client.disconnect()
  await redis.stop()
})

describe('high availability with two forecaster processes and a real Redis', () => {
  it('balances the leases when a replica joins, serves every workload from both, and takes over a dead replica within two intervals', async () => {
    await startReplica('a', configPath)
    await until('replica a alone to own every workload', 60_000, async () => {
      const all = await snapshots()
      return names.every((n) => all.get(n)?.owner === 'a') ? true : undefined
    })

    // b joins: a hands over its extras after storing their snapshots; b takes them.
    const watch = watchSnapshots()
    await startReplica('b', configPath)
    expect(await until('an even split of the leases', 60_000, async () => {
      const holders = await leaseHolders()
      return count(holders, 'a') === 3 && count(holders, 'b') === 3 ? holders : undefined
    })).toBeDefined()
    const split = await until('a snapshot from each lease holder', 20_000, async () => {
      const [all, holders] = [await snapshots(), await leaseHolders()]
      return names.every((n) => all.get(n)?.owner === holders.get(n)) ? all : undefined
    })
    // The split holds (no flapping) over a few more intervals.
    await new Promise((resolve) => setTimeout(resolve, 3 * interval * 1000))
    const later = await leaseHolders()
    expect([count(later, 'a'), count(later, 'b')]).toEqual([3, 3])
    expect(await watch.stop()).toEqual([])

    for (const { port } of replicas.values()) {
      for (const name of names) {
        const response = await fetch(`http://127.0.0.1:${port}/forecast/current?workload=${name}`)
        expect(response.status).toBe(200)
        expect(ForecastSnapshot.parse(await response.json()).workload).toBe(name)
      }
    }

    // Kill whichever replica owns w1; the other must take all of its workloads.
    const victim = split.get('w1')?.owner ?? 'a'
    const survivor = victim === 'a' ? 'b' : 'a'
    const moved = names.filter((n) => later.get(n) === victim)
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
    expect(await client.exists(`forecaster:member:${victim}`)).toBe(0)
  })
})
