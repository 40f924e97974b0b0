import { type ChildProcess, spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/** Runs a TypeScript entry from source in its own Node process (its own CPU accounting); `cwd` must resolve tsx. */
export function runTs (cwd: string, entry: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--conditions', '@platform/source', '--import', 'tsx', entry, ...args], {
    cwd,
    // The child inherits the bench's environment (PATH for tsx) plus its own settings.
    env: { ...process.env, ...env }, // eslint-disable-line no-restricted-properties
    stdio: ['ignore', 'ignore', 'inherit']
  })
}

export async function waitFor (what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return
    await sleep(250)
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Sum of a Prometheus text-format metric's samples whose labels contain `match`. */
export async function scrape (port: number, name: string, match = ''): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
  let sum = 0
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const rest = line.slice(name.length)
    if (!(rest.startsWith(' ') || rest.startsWith('{'))) continue
    if (match !== '' && !rest.includes(match)) continue
    sum += Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return sum
}

/** All samples of a gauge, e.g. the per-workload forecast age. */
export async function scrapeAll (port: number, name: string): Promise<number[]> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
  return text.split('\n').filter((l) => l.startsWith(`${name}{`)).map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)))
}

export async function stop (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))])
}
