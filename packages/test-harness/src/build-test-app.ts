import type { FastifyInstance, RawServerBase, FastifyBaseLogger, FastifyTypeProvider, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify'
import { onTestFinished } from 'vitest'

/** Any Fastify instance, whatever its server, logger or type provider (e.g. the zod one). */
type AnyFastify = FastifyInstance<RawServerBase, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, FastifyTypeProvider>

/**
 * Builds a Fastify app for one test (fastify/demo `test/helper.ts`): awaits `ready()` and closes
 * the app when the test finishes, passed or failed. Call it inside a test; use `app.inject()` then.
 *
 * A Fastify instance is thenable (awaiting it boots it), so an async `build` boots the app while
 * its promise resolves and a boot failure there leaves no instance to close. A sync `build` gets
 * `close()` registered before booting, so plugins that opened resources are closed even then.
 */
export async function buildTestApp<App extends AnyFastify> (build: () => App | Promise<App>): Promise<App> {
  const built = build()
  const app = built instanceof Promise ? await built : built
  onTestFinished(async () => { await app.close() })
  await app.ready()
  return app
}
