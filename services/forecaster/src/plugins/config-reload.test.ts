import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from '../app.js'
import { Config } from '../config.js'
import { bundledSeriesPath, loadWorkloads } from '../workloads/load-workloads.js'

const workload = (name: string, extra = '') => `  - { name: ${name}, file: ${bundledSeriesPath}, interval: 1h${extra} }`

async function appWith (text: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'forecaster-reload-')), 'workloads.yaml')
  writeFileSync(path, text)
  const config = loadConfig(Config, { LOG_LEVEL: 'silent', CONFIG: path })
  const app = await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test', workloads: loadWorkloads(config, (p) => (p === path ? text : '')), autoStart: false, listenGrpc: false }))
  return { app, write: (next: string) => { writeFileSync(path, next) } }
}

const names = (app: Awaited<ReturnType<typeof appWith>>['app']) => app.workloadLoops.all().map((l) => l.config.name).sort()

describe('config reload', () => {
  it('keeps unchanged workloads and their state, replaces changed ones, adds and removes', async () => {
    const { app, write } = await appWith(`workloads:\n${workload('a')}\n${workload('b')}\n${workload('c')}\n`)
    const a = app.workloadLoops.get('a')
    await a?.tick()
    const before = a?.lastSnapshot
    expect(before).toBeDefined()
    const b = app.workloadLoops.get('b')
    write(`workloads:\n${workload('a')}\n${workload('b', ', targetPerPod: 7')}\n${workload('d')}\n`)
    expect(await app.reloadWorkloads()).toBe(true)
    expect(names(app)).toEqual(['a', 'b', 'd'])
    expect(app.workloadLoops.get('a')).toBe(a)
    expect(app.workloadLoops.get('a')?.lastSnapshot).toBe(before)
    expect(app.workloadLoops.get('b')).not.toBe(b)
    expect(app.workloadLoops.get('b')?.config.targetPerPod).toBe(7)
    expect((await app.inject('/forecast/current?workload=a')).statusCode).toBe(200)
    expect((await app.inject('/forecast/current?workload=c')).statusCode).toBe(404)
  })

  it('rejects a bad file and keeps the running configuration', async () => {
    const { app, write } = await appWith(`workloads:\n${workload('a')}\n`)
    write(`workloads:\n${workload('a', ', minReplicas: 9, maxReplicas: 2')}\n${workload('b')}\n`)
    expect(await app.reloadWorkloads()).toBe(false)
    write('workloads: [oops\n')
    expect(await app.reloadWorkloads()).toBe(false)
    expect(names(app)).toEqual(['a'])
    expect(app.workloadLoops.get('a')?.config.minReplicas).toBe(1)
  })

  it('reloads on SIGHUP and when the file changes', async () => {
    const { app, write } = await appWith(`workloads:\n${workload('a')}\n`)
    write(`workloads:\n${workload('a')}\n${workload('b')}\n`)
    process.emit('SIGHUP')
    await expect.poll(() => names(app), { timeout: 5_000 }).toEqual(['a', 'b'])
    write(`workloads:\n${workload('z')}\n`)
    await expect.poll(() => names(app), { timeout: 5_000 }).toEqual(['z'])
  })
})
