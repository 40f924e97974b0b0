import { readFile } from 'node:fs/promises'
import type { AbTestConfig, ProviderCatalog } from '@platform/contracts'
import { defaultProviderCatalog, parseProviderCatalog } from '@platform/router-core'
import { MLRouter } from '@platform/router-engine'
import { fp } from '@platform/service-kit'
import { decisionRecorder } from './router-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    mlRouter: MLRouter
  }
}

export interface MlRouterPluginOptions {
  modelStorePath: string
  telemetryUrl: string | undefined
  catalogPath: string | undefined
  confidenceThreshold: number
  fallbackToRuleBased: boolean
  cacheTtlMs: number
  reloadIntervalMs: number
}

async function loadCatalog (path: string | undefined): Promise<ProviderCatalog> {
  return path === undefined ? defaultProviderCatalog : parseProviderCatalog(JSON.parse(await readFile(path, 'utf8')))
}

type LogFn = (bindings: object, message: string) => void

/** One line saying how routing starts: on a model, rule-based for lack of one, or rule-based because one was refused. */
function logStartState (log: { info: LogFn, warn: LogFn, error: LogFn }, router: MLRouter): void {
  const refusal = router.refusal
  const state = { active: router.activeVersion, abTest: router.currentAbTest?.id ?? null }
  if (refusal === null) {
    log.info(state, router.activeVersion === null ? 'no active model: routing rule-based until one is trained and activated' : 'models loaded')
  } else if (refusal.version === null) {
    log.error({ ...state, reason: refusal.reason }, 'registry.json refused: routing rule-based until a version is activated (activation rewrites it)')
  } else {
    log.warn({ ...state, version: refusal.version, reason: refusal.reason }, 'active model refused at load: routing rule-based until a good version is activated')
  }
}

function sameTest (a: AbTestConfig | null, b: AbTestConfig | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The router library, its models loaded from the store. Every replica re-reads the manifest's
 * active version and the shared A/B configuration on an interval and swaps in place, so an
 * activation or a new test reaches all replicas without a restart.
 */
export const mlRouterPlugin = fp<MlRouterPluginOptions>(async (app, options) => {
  const log = app.log.child({ component: 'ml-router' })
  const router = new MLRouter(options.modelStorePath, options.telemetryUrl, {
    catalog: await loadCatalog(options.catalogPath),
    confidenceThreshold: options.confidenceThreshold,
    fallbackToRuleBased: options.fallbackToRuleBased,
    cacheTTL: options.cacheTtlMs,
    history: app.providerStats,
    recorder: decisionRecorder(app.routerMetrics),
    onLoadError: (version, err) => {
      app.routerMetrics.modelLoadFailures.inc()
      log.error({ err, version }, 'model version refused at load; the previous one keeps serving')
    }
  })
  const timed = async (work: () => Promise<void>) => {
    const end = app.routerMetrics.modelLoadSeconds.startTimer()
    await work()
    end()
  }
  await timed(async () => await router.initialize())
  // A Redis without the key (new, or restarted without persistence) gets this replica's test back, from its manifest.
  const restoreAbTest = async () => {
    await app.routerStore.saveAbTest(router.currentAbTest)
    log.info({ abTest: router.currentAbTest?.id ?? null }, 'the shared store held no A/B configuration: wrote this replica\'s')
  }
  if (app.routerStore.kind === 'memory') {
    // Process memory starts empty on every restart; the manifest is this single replica's lasting copy.
    await app.routerStore.saveAbTest(router.currentAbTest)
  } else {
    const stored = await app.routerStore.loadAbTest().catch(() => null)
    if (stored === undefined) await restoreAbTest()
    else if (stored !== null) await router.applyAbTest(stored).catch((err: unknown) => log.error({ err }, 'A/B test models failed to load'))
  }
  logStartState(log, router)

  const syncActive = async () => {
    const { active } = await router.store.manifest()
    if (active !== null && active !== router.activeVersion) {
      await timed(async () => await router.setActiveModel(active))
      log.info({ version: active }, 'active model swapped')
    }
  }
  const syncAbTest = async () => {
    const test = await app.routerStore.loadAbTest()
    if (test === undefined) return await restoreAbTest()
    if (!sameTest(test, router.currentAbTest)) {
      await router.applyAbTest(test)
      log.info({ abTest: test?.id ?? null }, 'A/B configuration updated')
    }
  }
  // Each part on its own, so an unreadable manifest does not also stop the A/B configuration from syncing.
  const sync = async () => {
    await syncActive().catch((err: unknown) => log.warn({ err }, 'active model sync failed; keeping the current one'))
    await syncAbTest().catch((err: unknown) => log.warn({ err }, 'A/B sync failed; keeping the current configuration'))
  }
  const timer = setInterval(() => { void sync() }, options.reloadIntervalMs)
  timer.unref()
  app.decorate('mlRouter', router)
  app.addHook('onClose', async () => {
    clearInterval(timer)
    router.close()
  })
}, { name: 'ml-router', dependencies: ['router-store', 'provider-stats', 'router-metrics'] })
