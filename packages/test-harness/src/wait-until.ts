import { setTimeout as sleep } from 'node:timers/promises'

interface WaitOptions {
  /** What is awaited, for the timeout message. */
  what: string
  timeoutMs: number
  intervalMs?: number
  /** Returns an error to stop waiting at once (for example: the process exited). */
  abort?: () => Error | undefined
}

/** Polls `check` until it resolves true; throws on timeout or when `abort` returns an error. */
export async function waitUntil (check: () => Promise<boolean>, { what, timeoutMs, intervalMs = 25, abort }: WaitOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const aborted = abort?.()
    if (aborted !== undefined) throw aborted
    if (await check()) return
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(intervalMs)
  }
}
