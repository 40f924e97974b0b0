import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { promisify } from 'node:util'
import { cleanupOnExit } from './exit-cleanup.js'

const INSTALL_COMMAND = 'scripts/install-system-deps.sh (or on Debian: sudo apt-get install -y redis-server prometheus)'
const OUTPUT_TAIL_CHARS = 16_384
const GRACE_MS = 5_000

/** The error every harness function throws when a binary is missing: it names the install command. */
export function missingBinaryError (binary: string): Error {
  return new Error(`${binary} was not found on PATH. The integration tests run real redis-server, prometheus and promtool; install them with ${INSTALL_COMMAND}`)
}

function isMissingBinary (error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}

/** A spawned long-running process whose output is kept (its tail) for error messages. */
export interface Child {
  readonly pid: number
  /** `undefined` while running, else how it ended (`code 1`, `signal SIGKILL`). */
  exitStatus: () => string | undefined
  /** The last few KiB of stdout and stderr. */
  output: () => string
  /** Sends `signal` and resolves once the process has exited; a SIGTERM is followed by SIGKILL after a grace period. */
  signal: (signal: NodeJS.Signals) => Promise<void>
}

export async function spawnChild (binary: string, args: readonly string[], cwd: string): Promise<Child> {
  const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    await once(child, 'spawn')
  } catch (error) {
    throw isMissingBinary(error) ? missingBinaryError(binary) : error
  }
  const pid = child.pid
  if (pid === undefined) throw new Error(`${binary} started without a pid`)

  let tail = ''
  const keep = (chunk: Buffer): void => { tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS) }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)

  let exitStatus: string | undefined
  const unregister = cleanupOnExit(() => child.kill('SIGKILL'))
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = signal === null ? `code ${String(code)}` : `signal ${signal}`
      unregister()
      resolve()
    })
  })

  return {
    pid,
    exitStatus: () => exitStatus,
    output: () => tail,
    async signal (signal) {
      if (exitStatus !== undefined) return
      child.kill(signal)
      if (signal !== 'SIGTERM') return await exited
      const escalate = setTimeout(() => child.kill('SIGKILL'), GRACE_MS)
      await exited
      clearTimeout(escalate)
    }
  }
}

const execFileAsync = promisify(execFile)

/** Runs a short command to completion; the error carries its stderr. */
export async function runCommand (binary: string, args: readonly string[], cwd: string): Promise<void> {
  try {
    await execFileAsync(binary, args, { cwd, maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    if (isMissingBinary(error)) throw missingBinaryError(binary)
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr) : ''
    throw new Error(`${binary} ${args.join(' ')} failed: ${stderr.trim()}`, { cause: error })
  }
}
