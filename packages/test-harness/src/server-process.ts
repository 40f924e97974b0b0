import { spawnChild, type Child } from './child-process.js'
import { freePort } from './free-port.js'
import type { TempDir } from './temp-dir.js'
import { waitUntil } from './wait-until.js'

/** How to run one kind of server; `isReady` must prove the answer comes from `pid`, not from another process on the port. */
export interface ServerSpec {
  binary: string
  host: string
  args: (port: number) => string[]
  isReady: (port: number, pid: number) => Promise<boolean>
  readyTimeoutMs: number
}

/** Lifecycle shared by every server the harness starts; the public handles add their URL on top. */
export interface ServerControls {
  readonly port: number
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and deletes its directory. Idempotent. */
  stop: () => Promise<void>
  /** Signals the process (SIGKILL unless told otherwise) and waits for it to exit; its data stays for `restart()`. */
  kill: (signal?: NodeJS.Signals) => Promise<void>
  /** Starts the process again on the same port and directory (stopping it first if it runs) and waits until it is ready. */
  restart: () => Promise<void>
}

const PORT_ATTEMPTS = 3

async function launch (spec: ServerSpec, dir: string, port: number): Promise<Child> {
  const child = await spawnChild(spec.binary, spec.args(port), dir)
  try {
    await waitUntil(async () => await spec.isReady(port, child.pid), {
      what: `${spec.binary} on ${spec.host}:${port}`,
      timeoutMs: spec.readyTimeoutMs,
      abort: () => {
        const status = child.exitStatus()
        return status === undefined ? undefined : new Error(`${spec.binary} exited (${status}) before it was ready:\n${child.output()}`)
      }
    })
  } catch (error) {
    await child.signal('SIGKILL')
    throw error
  }
  return child
}

/**
 * Starts `spec` on a free loopback port inside `dir`, which it then owns (deleted on `stop()` or on failure).
 * The port comes from the OS, and a lost race for it (address in use) is retried on a new one.
 */
export async function startServer (spec: ServerSpec, dir: TempDir): Promise<ServerControls> {
  let port = 0
  let child: Child | undefined
  try {
    for (let attempt = 1; child === undefined; attempt++) {
      port = await freePort(spec.host)
      try {
        child = await launch(spec, dir.path, port)
      } catch (error) {
        const clash = error instanceof Error && /address already in use/i.test(error.message)
        if (!clash || attempt === PORT_ATTEMPTS) throw error
      }
    }
  } catch (error) {
    await dir.remove()
    throw error
  }

  let current: Child | undefined = child
  let stopped = false
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    await current?.signal(signal)
    current = undefined
  }
  return {
    port,
    async stop () {
      if (stopped) return
      stopped = true
      await halt('SIGTERM')
      await dir.remove()
    },
    async kill (signal = 'SIGKILL') {
      await halt(signal)
    },
    async restart () {
      if (stopped) throw new Error(`${spec.binary} on port ${port} was stopped for good; start a new one`)
      await halt('SIGTERM')
      current = await launch(spec, dir.path, port)
    }
  }
}
