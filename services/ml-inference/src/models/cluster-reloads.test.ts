import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import { relayReloads, workerReloadPeers } from './cluster-reloads.js'

const fixture = fileURLToPath(new URL('../fixtures/cluster-reloads.ts', import.meta.url))

function fakeWorker (id: number, connected = true) {
  const sent: unknown[] = []
  return { id, sent, isConnected: () => connected, send: (message: unknown) => sent.push(message) > 0 }
}

describe('model reloads across node:cluster workers', () => {
  it('relays a worker\'s reload to every other connected worker, and nothing else', () => {
    const workers = { 1: fakeWorker(1), 2: fakeWorker(2), 3: fakeWorker(3), 4: fakeWorker(4, false) }
    const primary = Object.assign(new EventEmitter(), { workers })
    relayReloads(primary, (err) => { throw err })
    const channel = new EventEmitter()
    workerReloadPeers({ send: (message) => primary.emit('message', workers[1], message), on: channel.on.bind(channel), off: channel.off.bind(channel) })
      .announce((err) => { throw err })
    primary.emit('message', workers[2], { type: 'platform:metrics:request', id: 'x' })
    primary.emit('message', workers[2], 'ml-inference:models:reload')
    expect(Object.values(workers).map((w) => [w.id, w.sent])).toEqual([[1, []], [2, [{ type: 'ml-inference:models:reload' }]], [3, [{ type: 'ml-inference:models:reload' }]], [4, []]])
  })

  it('hears only reload messages, until unsubscribed', () => {
    const channel = new EventEmitter()
    let heard = 0
    const stop = workerReloadPeers({ on: channel.on.bind(channel), off: channel.off.bind(channel) }).onReload(() => heard++)
    channel.emit('message', { type: 'ml-inference:models:reload' })
    channel.emit('message', { type: 'platform:metrics:response', id: 'x' })
    channel.emit('message', null)
    stop()
    channel.emit('message', { type: 'ml-inference:models:reload' })
    expect(heard).toBe(1)
  })

  it('reports an announcement outside a cluster worker instead of dropping it', () => {
    const channel = new EventEmitter()
    const errors: Error[] = []
    workerReloadPeers({ on: channel.on.bind(channel), off: channel.off.bind(channel) }).announce((err) => errors.push(err))
    expect(errors.map((e) => e.message)).toEqual(['workerReloadPeers needs to run in a node:cluster worker'])
  })

  it('reaches every other worker of a real cluster through the primary', async () => {
    const child = fork(fixture, [], { execArgv: ['--import', 'tsx', '--conditions', '@platform/source'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    onTestFinished(() => { child.kill() })
    const result = await new Promise<{ heardBy: number[], announcerHeard: number }>((resolve, reject) => {
      child.on('message', (m) => resolve(m as { heardBy: number[], announcerHeard: number }))
      child.on('exit', (code) => reject(new Error(`fixture exited with ${code}`)))
    })
    expect(result).toEqual({ heardBy: [2, 3], announcerHeard: 0 })
  }, 60_000)
})
