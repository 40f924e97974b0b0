import { onExit } from 'signal-exit'

/**
 * Safety net for processes and temp dirs a test forgot (or failed) to release.
 * Vitest stops its fork workers with SIGTERM, which skips plain `process.on('exit')` handlers,
 * so signal-exit runs these on normal exit and on fatal signals alike.
 * Module state on purpose: one set per worker process, emptied as each resource is released.
 */
const cleanups = new Set<() => void>()
let installed = false

/** Registers a synchronous cleanup for process exit; returns a function that unregisters it. */
export function cleanupOnExit (cleanup: () => void): () => void {
  if (!installed) {
    installed = true
    onExit(() => {
      for (const run of cleanups) {
        try {
          run()
        } catch {
          // Best effort while the process dies: one failed cleanup must not stop the others.
        }
      }
    })
  }
  cleanups.add(cleanup)
  return () => { cleanups.delete(cleanup) }
}
