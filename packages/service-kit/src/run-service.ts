import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { ConfigError } from './load-config.js'

export interface RunOptions {
  host: string
  port: number
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
  graceMs: number
}

/**
 * The process edge: listen, and on SIGTERM/SIGINT stop accepting, let in-flight requests
 * finish, run every onClose (Redis, model sessions, timers) and exit 0.
 */
export async function runService (app: FastifyInstance, { host, port, graceMs }: RunOptions): Promise<void> {
  closeWithGrace({ delay: graceMs, logger: app.log }, async ({ err }) => {
    if (err !== undefined) app.log.error({ err }, 'shutting down after an error')
    await app.close()
  })
  await app.ready()
  await app.listen({ host, port })
}

/** Runs `main` and turns a start-up failure into one clear message and a non-zero exit. */
export function startOrExit (main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`)
    else process.stderr.write(`start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  })
}
