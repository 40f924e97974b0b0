import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createConnection } from 'node:net'
import { Redis } from 'ioredis'
import { describe, expect, it, onTestFinished } from 'vitest'
import { runCommand } from './child-process.js'
import { startServer } from './server-process.js'
import { makeTempDir } from './temp-dir.js'

async function acceptsConnections (port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}

/** SIGKILL is delivered asynchronously: the port closes once the kernel has torn the server down, a moment after the fixture exits. */
async function stopsAcceptingWithin (port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  for (;;) {
    if (!await acceptsConnections(port)) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const neverReady = { host: '127.0.0.1', isReady: async () => false, readyTimeoutMs: 5_000 }

describe('missing or failing binaries', () => {
  it('fails with the install command when a server binary is missing, and removes its directory', async () => {
    const dir = await makeTempDir('platform-missing')
    await expect(startServer({ ...neverReady, binary: 'no-such-server-binary', args: () => [] }, dir))
      .rejects.toThrow(/no-such-server-binary was not found on PATH.*scripts\/install-system-deps\.sh.*apt-get install -y redis-server prometheus/)
    expect(existsSync(dir.path)).toBe(false)
  })

  it('fails with the install command when a tool such as promtool is missing', async () => {
    await expect(runCommand('no-such-tool-binary', [], '.')).rejects.toThrow(/no-such-tool-binary was not found on PATH.*install-system-deps/)
  })

  it('reports the output of a server that exits before it is ready', async () => {
    const dir = await makeTempDir('platform-early-exit')
    await expect(startServer({ ...neverReady, binary: 'redis-server', args: () => ['--no-such-option', 'yes'] }, dir))
      .rejects.toThrow(/redis-server exited \(code 1\) before it was ready:[\s\S]*no-such-option/)
  })
})

// Starts a redis from a separate Node process (as a vitest worker would), prints its port, and on
// any stdin input throws, like a test that blows up without reaching its cleanup.
const ORPHAN_FIXTURE = `
const { startRedis } = await import(${JSON.stringify(new URL('./redis-server.ts', import.meta.url).href)})
const redis = await startRedis()
console.log(JSON.stringify({ port: redis.port }))
process.stdin.once('data', () => { throw new Error('a test failed without cleaning up') })
`

describe('safety net', () => {
  it.each([
    ['is stopped with SIGTERM, as vitest stops its workers', (fixture: ReturnType<typeof spawn>) => fixture.kill('SIGTERM')],
    ['dies of an uncaught error', (fixture: ReturnType<typeof spawn>) => fixture.stdin?.write('go\\n')]
  ])('kills the server and deletes its directory when the process %s', async (_, end) => {
    const fixture = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ORPHAN_FIXTURE], { cwd: import.meta.dirname, stdio: ['pipe', 'pipe', 'ignore'] })
    onTestFinished(() => { fixture.kill('SIGKILL') })
    const [line] = await once(fixture.stdout, 'data') as [Buffer]
    const { port } = JSON.parse(line.toString()) as { port: number }
    const db = new Redis(port, '127.0.0.1')
    const [, dir] = await db.config('GET', 'dir') as [string, string]
    db.disconnect()
    expect(existsSync(dir)).toBe(true)

    const exited = once(fixture, 'exit')
    end(fixture)
    await exited
    expect(await stopsAcceptingWithin(port, 2_000)).toBe(true)
    expect(existsSync(dir)).toBe(false)
  })
})
