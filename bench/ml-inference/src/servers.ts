import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'

export interface Server { name: string, url: string, process: ChildProcess }

export async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

/** Starts a server process and resolves when `readyPath` answers 200 (60 s at most). */
export async function startServer (name: string, command: string, args: string[], options: { port: number, readyPath: string, env: NodeJS.ProcessEnv, cwd: string }): Promise<Server> {
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${options.port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
    const ok = await fetch(`${url}${options.readyPath}`).then((r) => r.ok, () => false)
    if (ok) return { name, url, process: child }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill('SIGTERM')
  throw new Error(`${name} did not become ready in 60 s`)
}

export async function stopServer (server: Server): Promise<void> {
  if (server.process.exitCode !== null) return
  await new Promise<void>((resolve) => {
    server.process.once('exit', () => resolve())
    server.process.kill('SIGTERM')
  })
}

/** Debian's interpreter has python3-fastapi/python3-uvicorn; the first python3 on PATH may not. */
export const systemPython = '/usr/bin/python3'
export const hasFastApi = (): boolean =>
  existsSync(systemPython) && spawnSync(systemPython, ['-c', 'import fastapi, uvicorn'], { stdio: 'ignore' }).status === 0
