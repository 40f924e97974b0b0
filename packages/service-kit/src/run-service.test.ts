import { fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const fixture = fileURLToPath(new URL('./fixtures/slow-service.ts', import.meta.url))

it('SIGTERM lets in-flight requests finish, closes resources and exits 0', async () => {
  const child = fork(fixture, [], { execArgv: ['--import', 'tsx', '--conditions', '@platform/source'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  let stdout = ''
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  const [port] = await once(child, 'message') as [number]
  const inFlight = fetch(`http://127.0.0.1:${port}/slow`)
  await once(child, 'message')
  child.kill('SIGTERM')
  const res = await inFlight
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ done: true })
  const [code] = await once(child, 'exit') as [number]
  expect(code).toBe(0)
  expect(stdout).toContain('resources closed')
}, 60_000)
