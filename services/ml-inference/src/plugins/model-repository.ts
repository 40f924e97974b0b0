import { fp } from '@platform/service-kit'
import type { FastifyPluginAsync } from 'fastify'
import type { ReloadPeers } from '../models/cluster-reloads.js'
import { type OrtSettings } from '../models/model-loader.js'
import { ModelRepository, type ReloadReport } from '../models/model-repository.js'
import { prometheusInferenceMetrics, type InferenceMetrics } from '../serving/inference-metrics.js'
import { Scorer } from '../serving/scorer.js'

export interface ModelRepositoryOptions {
  dir: string
  requiredModels: readonly string[]
  watch: boolean
  ort: OrtSettings
  batch: { maxRows: number, maxWaitMs: number }
  /** The other node:cluster workers (absent in a single process). */
  peers?: ReloadPeers
}

declare module 'fastify' {
  interface FastifyInstance {
    modelRepository: ModelRepository
    inferenceMetrics: InferenceMetrics
    scorer: Scorer
    /** Settles when the start-up load (check and warm-up of every version) has finished. */
    initialModelLoad: Promise<void>
    /** The required models that are not loaded (empty when ready). */
    missingModels(): string[]
    /** Rescans MODEL_DIR here and asks the other cluster workers to rescan too; answers with this worker's report. */
    reloadModels(): Promise<ReloadReport>
  }
}

/**
 * Loads every model version under MODEL_DIR at start-up (each is checked against its metadata and
 * warmed up), registers the `models` readiness check, and reloads on file changes when asked.
 */
const modelRepositoryPlugin: FastifyPluginAsync<ModelRepositoryOptions> = async (app, options) => {
  const metrics = prometheusInferenceMetrics(app.metricsRegistry, options.requiredModels)
  const log = app.log.child({ component: 'model-repository' })
  const repository = new ModelRepository({
    dir: options.dir,
    ort: options.ort,
    log,
    batching: (model, version) => ({ maxBatchRows: options.batch.maxRows, maxWaitMs: options.batch.maxWaitMs, onRun: (rows) => metrics.batch(model, version, rows) }),
    onLoaded: (model) => metrics.loaded(model),
    onRefused: (refused) => metrics.error(refused.model, 'load_failed'),
    onSnapshot: (models) => metrics.snapshot(models)
  })
  // Loading runs in the background so liveness answers at once and readiness says 503 until done.
  const initialLoad = repository.reload().then(() => {
    if (options.watch) repository.watch()
  })

  app.decorate('initialModelLoad', initialLoad)
  app.decorate('modelRepository', repository)
  app.decorate('inferenceMetrics', metrics)
  app.decorate('scorer', new Scorer(() => repository.models, metrics, app.log))
  app.decorate('missingModels', () => options.requiredModels.filter((name) => !repository.models.has(name)))
  // An admin reload reaches only the worker that took the connection; the others must rescan too,
  // or they keep serving the old defaults. Their reloads are not awaited.
  app.decorate('reloadModels', async () => {
    options.peers?.announce((err) => log.warn({ err }, 'could not ask the other workers to reload'))
    return repository.reload()
  })
  const stopHearing = options.peers?.onReload(() => {
    log.info('reloading: another worker was asked to')
    repository.reload().catch((err: unknown) => log.error({ err }, 'model reload asked by another worker failed'))
  })
  app.readiness.register('models', () => {
    const missing = app.missingModels()
    if (missing.length > 0) throw new Error(`not loaded: ${missing.join(', ')}`)
  })
  app.addHook('onClose', async () => {
    stopHearing?.()
    await initialLoad.catch(() => {})
    await repository.close()
  })
}

export const modelRepository = fp(modelRepositoryPlugin, { name: 'model-repository', fastify: '5.x', dependencies: ['readiness'] })
