import { readFile } from 'node:fs/promises'
import type { AbTestConfig, ProviderCatalog } from '@platform/contracts'
import { defaultProviderCatalog, parseProviderCatalog } from '@platform/router-core'
import { MLRouter } from '@platform/router-engine'
import { fp } from '@platform/service-kit'

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
    recorder: { featureSeconds: (s) => app.routerMetrics.featureSeconds.observe(s) },
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
  const stored = await app.routerStore.loadAbTest().catch(() => null)
  if (stored !== null) await router.applyAbTest(stored).catch((err: unknown) => log.error({ err }, 'A/B test models failed to load'))
  log.info({ active: router.activeVersion, abTest: router.currentAbTest?.id ?? null },
    router.activeVersion === null ? 'no active model: routing rule-based until one is trained and activated' : 'models loaded')

  const sync = async () => {
    const manifest = await router.store.manifest()
    if (manifest.active !== null && manifest.active !== router.activeVersion) {
      await timed(async () => await router.setActiveModel(manifest.active as string))
      log.info({ version: manifest.active }, 'active model swapped')
    }
    const test = await app.routerStore.loadAbTest()
    if (!sameTest(test, router.currentAbTest)) {
      await router.applyAbTest(test)
      log.info({ abTest: test?.id ?? null }, 'A/B configuration updated')
    }
  }
  const timer = setInterval(() => {
    sync().catch((err: unknown) => log.warn({ err }, 'model/A-B sync failed; keeping the current ones'))
  }, options.reloadIntervalMs)
  timer.unref()
  app.decorate('mlRouter', router)
  app.addHook('onClose', async () => {
    clearInterval(timer)
    router.close()
  })
}, { name: 'ml-router', dependencies: ['router-store', 'provider-stats', 'router-metrics'] })
