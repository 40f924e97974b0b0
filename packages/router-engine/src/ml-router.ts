import type { AbArm, AbTestConfig, ModelMetrics, ProviderCatalog, ProviderId, RouteDecision, RouteRequest, RouteRequestInput } from '@platform/contracts'
import { RouteRequest as RouteRequestSchema } from '@platform/contracts'
import { z } from 'zod'
import { abTestActive, assignArm, defaultProviderCatalog, RollingProviderStats, type ProviderHistory } from '@platform/router-core'
import { decideMany, type DecideContext, type DecisionRecorder, type ServingModel } from './decide.js'
import { ModelStore } from './store/model-store.js'
import type { ModelMetadata } from './store/model-files.js'

// zod's compiled parser: the same checks and defaults, without walking the schema per request.
const RouteRequestParser = z.compile(RouteRequestSchema)

/** Where recent per-provider statistics come from; must answer synchronously from memory. */
export interface HistorySource {
  histories (atMs: number): Map<ProviderId, ProviderHistory>
}

export interface MLRouterOptions {
  fallbackToRuleBased?: boolean
  /** How long the service caches provider statistics (ms); kept for the seed's API. */
  cacheTTL?: number
  /** predictBatch works through requests in chunks of this size. */
  batchSize?: number
  confidenceThreshold?: number
  catalog?: ProviderCatalog
  history?: HistorySource
  recorder?: DecisionRecorder
  now?: () => Date
  /** Called whenever a version fails to load, at start-up, activation or A/B set-up (the previous one keeps serving). */
  onLoadError?: (version: string, err: unknown) => void
}

export interface RoutedDecision {
  decision: RouteDecision
  /** Shadow mode: what the treatment model would have done (never acted on). */
  shadow: RouteDecision | undefined
  abTestId: string | undefined
}

/**
 * The router library: model versions from the store, hot-swapped in memory; A/B assignment;
 * rule-based fallback. Compatible with the seed's `MLRouter` API.
 */
export class MLRouter {
  readonly store: ModelStore
  readonly options: Required<Omit<MLRouterOptions, 'recorder' | 'onLoadError'>> & Pick<MLRouterOptions, 'recorder' | 'onLoadError'>
  private readonly loaded = new Map<string, ServingModel & { metadata: ModelMetadata }>()
  private active: string | null = null
  private abTest: AbTestConfig | null = null

  constructor (modelStorePath: string, readonly telemetryUrl: string | undefined, options: MLRouterOptions = {}) {
    this.store = new ModelStore(modelStorePath)
    this.options = {
      fallbackToRuleBased: true,
      cacheTTL: 30_000,
      batchSize: 1000,
      confidenceThreshold: 0.7,
      catalog: defaultProviderCatalog,
      history: new RollingProviderStats(),
      now: () => new Date(),
      ...options
    }
  }

  /** Loads the manifest's active version and A/B arms; a version that fails to load is skipped. */
  async initialize (): Promise<void> {
    const manifest = await this.store.manifest()
    if (manifest.active !== null) await this.trySetActive(manifest.active)
    if (manifest.abTest !== null) await this.applyAbTest(manifest.abTest)
  }

  get activeVersion (): string | null {
    return this.active
  }

  get currentAbTest (): AbTestConfig | null {
    return this.abTest
  }

  private async ensureLoaded (version: string): Promise<ServingModel & { metadata: ModelMetadata }> {
    const existing = this.loaded.get(version)
    if (existing !== undefined) return existing
    const { bundle, metadata } = await this.store.load(version).catch((err: unknown) => {
      this.options.onLoadError?.(version, err)
      throw err
    })
    const model = { version, bundle, metadata }
    this.loaded.set(version, model)
    return model
  }

  private async trySetActive (version: string): Promise<void> {
    try {
      await this.ensureLoaded(version)
      this.active = version
    } catch {
      // Reported through onLoadError; routing stays rule-based until a good version is activated.
    }
  }

  /** Hot swap: loads and verifies the version first, so a bad one leaves the current one serving. */
  async setActiveModel (version: string): Promise<void> {
    await this.ensureLoaded(version)
    this.active = version
    await this.store.writeManifest({ active: version })
    this.releaseUnused()
  }

  /** Applies an A/B configuration (both arms loaded first); null ends the test. */
  async applyAbTest (config: AbTestConfig | null): Promise<void> {
    if (config !== null) {
      await this.ensureLoaded(config.controlModelVersion)
      await this.ensureLoaded(config.treatmentModelVersion)
    }
    this.abTest = config
    this.releaseUnused()
  }

  async configureABTest (config: AbTestConfig | null): Promise<void> {
    await this.applyAbTest(config)
    await this.store.writeManifest({ abTest: config })
  }

  private releaseUnused (): void {
    const keep = new Set([this.active, this.abTest?.controlModelVersion, this.abTest?.treatmentModelVersion])
    for (const [version, model] of this.loaded) {
      // In-flight predictions are synchronous, so nothing can be using a model we drop here.
      if (!keep.has(version)) {
        model.bundle.dispose()
        this.loaded.delete(version)
      }
    }
  }

  async getModelMetrics (version?: string): Promise<ModelMetrics | undefined> {
    const v = version ?? this.active
    if (v === null) return undefined
    return (this.loaded.get(v)?.metadata ?? await this.store.metadata(v)).metrics
  }

  predict (spec: RouteRequestInput['spec'], constraints: RouteRequestInput['constraints'] = {}): RouteDecision {
    return this.route(RouteRequestParser.parse({ spec, constraints })).decision
  }

  predictBatch (requests: readonly RouteRequestInput[]): RouteDecision[] {
    const out: RouteDecision[] = []
    for (let i = 0; i < requests.length; i += this.options.batchSize) {
      const chunk = requests.slice(i, i + this.options.batchSize).map((r) => RouteRequestParser.parse(r))
      for (const routed of this.routeMany(chunk)) out.push(routed.decision)
    }
    return out
  }

  route (request: RouteRequest): RoutedDecision {
    return this.routeMany([request])[0] as RoutedDecision
  }

  /**
   * Routes requests together: histories are read once (they change only when a 5-minute bucket
   * closes) and each model scores all the requests it serves in one pass.
   */
  routeMany (requests: readonly RouteRequest[]): RoutedDecision[] {
    const at = this.options.now()
    const histories = this.options.history.histories(at.getTime())
    const context = (model: ServingModel | undefined, noModelReason: string, arm: AbArm | null): DecideContext => ({
      catalog: this.options.catalog,
      model,
      noModelReason,
      histories,
      at,
      confidenceThreshold: this.options.confidenceThreshold,
      fallbackToRuleBased: this.options.fallbackToRuleBased,
      arm
    })
    const recorder = this.options.recorder
    const test = this.abTest
    if (test === null || !abTestActive(test, at)) {
      const model = this.active === null ? undefined : this.loaded.get(this.active)
      const noModelReason = this.active === null ? 'no model loaded: rule-based until one is trained and activated' : `model ${this.active} not loaded`
      return decideMany(context(model, noModelReason, null), requests, recorder)
        .map((decision) => ({ decision, shadow: undefined, abTestId: undefined }))
    }
    const models = { control: this.loaded.get(test.controlModelVersion), treatment: this.loaded.get(test.treatmentModelVersion) }
    const arms: AbArm[] = requests.map((r) => test.shadow ? 'control' : assignArm(test.id, r.spec.tenant ?? r.requestId ?? crypto.randomUUID(), test.trafficSplit))
    const decisions = new Array<RouteDecision>(requests.length)
    for (const arm of ['control', 'treatment'] as const) {
      const served = requests.flatMap((r, i) => arms[i] === arm ? [i] : [])
      const made = decideMany(context(models[arm], `A/B ${arm} model not loaded`, arm), served.map((i) => requests[i] as RouteRequest), recorder)
      served.forEach((i, k) => { decisions[i] = made[k] as RouteDecision })
    }
    const shadows = test.shadow
      ? decideMany(context(models.treatment, 'A/B treatment model not loaded', 'treatment'), requests)
      : undefined
    return requests.map((_, i) => ({ decision: decisions[i] as RouteDecision, shadow: shadows?.[i], abTestId: test.id }))
  }

  /** Drops every loaded model (process shutdown). */
  close (): void {
    for (const model of this.loaded.values()) model.bundle.dispose()
    this.loaded.clear()
  }
}
