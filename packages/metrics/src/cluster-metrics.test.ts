import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const fixture = fileURLToPath(new URL('./fixtures/cluster-app.ts', import.meta.url))

it('one scrape of any worker shows every worker\'s requests', async () => {
  const child = fork(fixture, [], { execArgv: ['--import', 'tsx', '--conditions', '@platform/source'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const result = await new Promise<{ total: number, workers: number }>((resolve, reject) => {
    child.on('message', (m) => resolve(m as { total: number, workers: number }))
    child.on('exit', (code) => reject(new Error(`fixture exited with ${code}`)))
  })
  child.kill()
  expect(result.workers).toBe(2)
  expect(result.total).toBe(6)
}, 60_000)
