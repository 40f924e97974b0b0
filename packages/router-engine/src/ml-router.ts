import type { AbArm, AbTestConfig, ModelMetrics, ProviderCatalog, ProviderId, RouteDecision, RouteRequest, RouteRequestInput } from '@platform/contracts'
import { RouteRequest as RouteRequestSchema } from '@platform/contracts'
import { z } from 'zod'
import { abTestActive, assignArm, defaultProviderCatalog, RollingProviderStats, type ProviderHistory } from '@platform/router-core'
import { decideMany, type DecideContext, type DecisionRecorder, type ServingModel } from './decide.js'
import { abTestConfigOf, type AbTestSetupInput } from './store/ab-test-setup.js'
import { ModelLoadError, type ModelMetadata } from './store/model-files.js'
import { ModelStore, RegistryManifestError } from './store/model-store.js'
import { TelemetryHistory } from './telemetry/telemetry-history.js'

// zod's compiled parser: the same checks and defaults, without walking the schema per request.
const RouteRequestParser = z.compile(RouteRequestSchema)

/** Where recent per-provider statistics come from; must answer synchronously from memory. */
export interface HistorySource {
  histories (atMs: number): Map<ProviderId, ProviderHistory>
}

export interface MLRouterOptions {
  fallbackToRuleBased?: boolean
  /** With a telemetry URL and no `history`: how old the statistics may get before a refresh (ms). */
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
  /** Called when a refresh from the telemetry URL fails (the previous statistics keep serving). */
  onTelemetryError?: (err: unknown) => void
}

interface ConfigureAbTestOptions {
  /** Runs after both arms loaded and before the swap (e.g. saving to the replicas' shared store); if it throws, nothing changes here. */
  persist?: (config: AbTestConfig | null) => Promise<void>
}

/** Why nothing serves although a version was asked for: the version (null: registry.json itself) and what failed. */
type Refusal = { version: string | null, reason: string } | null

const idleReason = 'no model loaded: rule-based until one is trained and activated'

function reasonFor (refusal: Refusal): string {
  if (refusal === null) return idleReason
  if (refusal.version === null) return `no model loaded: registry.json refused (${refusal.reason}); rule-based until a version is activated`
  return `model rejected: ${refusal.version} refused at load (${refusal.reason}); rule-based until a good version is activated`
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
  readonly options: Required<Omit<MLRouterOptions, 'recorder' | 'onLoadError' | 'onTelemetryError'>> & Pick<MLRouterOptions, 'recorder' | 'onLoadError' | 'onTelemetryError'>
  private readonly loaded = new Map<string, ServingModel & { metadata: ModelMetadata }>()
  private readonly loading = new Map<string, Promise<ServingModel & { metadata: ModelMetadata }>>()
  private active: string | null = null
  private abTest: AbTestConfig | null = null
  private refused: Refusal = null
  /** The fallback reason while nothing is active, built once per change rather than per request. */
  private noActiveReason = idleReason
  /** Versions of configurations still loading or persisting, which releaseUnused must keep. */
  private readonly pending = new Set<AbTestConfig>()

  constructor (modelStorePath: string, readonly telemetryUrl: string | undefined, options: MLRouterOptions = {}) {
    this.store = new ModelStore(modelStorePath)
    const cacheTTL = options.cacheTTL ?? 30_000
    // Used on its own, the library reads provider history from the telemetry export; the service passes its own.
    const history = options.history ?? (telemetryUrl === undefined ? new RollingProviderStats() : new TelemetryHistory(telemetryUrl, cacheTTL, options.onTelemetryError ?? (() => {})))
    this.options = {
      fallbackToRuleBased: true,
      cacheTTL,
      batchSize: 1000,
      confidenceThreshold: 0.7,
      catalog: defaultProviderCatalog,
      history,
      now: () => new Date(),
      ...options
    }
  }

  /**
   * Loads the manifest's active version and A/B arms (and, reading the telemetry URL, a first
   * statistics snapshot). A version that fails to load, or an unreadable registry.json, is skipped:
   * routing starts rule-based and `refusal` (and every reason) says why.
   */
  async initialize (): Promise<void> {
    if (this.options.history instanceof TelemetryHistory) await this.options.history.refresh(this.options.now().getTime())
    let manifest
    try {
      manifest = await this.store.manifest()
    } catch (err) {
      if (!(err instanceof RegistryManifestError)) throw err
      this.setRefusal({ version: null, reason: err.reason })
      return
    }
    if (manifest.active !== null) await this.trySetActive(manifest.active)
    // Reported through onLoadError; the active model (or the rules) answer without the test.
    if (manifest.abTest !== null) await this.applyAbTest(manifest.abTest).catch(() => undefined)
  }

  get activeVersion (): string | null {
    return this.active
  }

  get currentAbTest (): AbTestConfig | null {
    return this.abTest
  }

  /** Set while nothing serves because the version asked for (or registry.json) was refused. */
  get refusal (): Refusal {
    return this.refused
  }

  private setRefusal (refusal: Refusal): void {
    this.refused = refusal
    this.noActiveReason = reasonFor(refusal)
  }

  private async ensureLoaded (version: string): Promise<ServingModel & { metadata: ModelMetadata }> {
    const existing = this.loaded.get(version)
    if (existing !== undefined) return existing
    // Concurrent callers share one load: a second would replace the first's native models without freeing them.
    let loading = this.loading.get(version)
    if (loading === undefined) {
      loading = this.store.load(version).then(({ bundle, metadata }) => {
        const model = { version, bundle, metadata }
        this.loaded.set(version, model)
        return model
      }, (err: unknown) => {
        this.options.onLoadError?.(version, err)
        throw err
      }).finally(() => this.loading.delete(version))
      this.loading.set(version, loading)
    }
    return await loading
  }

  /**
   * Loads a version to serve, then `persist`s the choice, then swaps: a failure at either step
   * leaves the current version serving. While nothing serves, a refusal is kept so decisions can say why.
   */
  private async loadForActive (version: string, persist?: () => Promise<void>): Promise<void> {
    try {
      await this.ensureLoaded(version)
    } catch (err) {
      if (this.active === null) this.setRefusal({ version, reason: err instanceof ModelLoadError ? err.reason : String(err) })
      throw err
    }
    await persist?.()
    this.active = version
    this.setRefusal(null)
  }

  private async trySetActive (version: string): Promise<void> {
    // Reported through onLoadError; routing stays rule-based until a good version is activated.
    await this.loadForActive(version).catch(() => undefined)
  }

  /** Hot swap: loads and verifies the version first, so a bad one leaves the current one serving. */
  async setActiveModel (version: string): Promise<void> {
    await this.loadForActive(version, async () => { await this.store.writeManifest({ active: version }) })
    this.releaseUnused()
  }

  /**
   * Applies an A/B configuration: both arms loaded, then `persist` if given, then the swap; null
   * ends the test. Any failure leaves the current test in place. The sync loop passes what the
   * shared store already holds, so it needs no `persist`.
   */
  async applyAbTest (config: AbTestConfig | null, persist?: ConfigureAbTestOptions['persist']): Promise<void> {
    if (config !== null) this.pending.add(config)
    try {
      if (config !== null) {
        await this.ensureLoaded(config.controlModelVersion)
        await this.ensureLoaded(config.treatmentModelVersion)
      }
      await persist?.(config)
      this.abTest = config
    } finally {
      if (config !== null) this.pending.delete(config)
      this.releaseUnused()
    }
  }

  /**
   * The seed's call: the seed's shape or a full AbTestConfig (defaults filled in, arms checked to
   * exist and load), saved through `persist` and the manifest before this router switches; null
   * ends the test. Returns the configuration as stored.
   */
  async configureABTest (config: AbTestSetupInput | null, options: ConfigureAbTestOptions = {}): Promise<AbTestConfig | null> {
    const full = config === null ? null : abTestConfigOf(config, this.abTest, this.options.now())
    if (full !== null) {
      const versions = await this.store.versions()
      for (const v of [full.controlModelVersion, full.treatmentModelVersion]) {
        if (!versions.includes(v)) throw new ModelLoadError(v, 'no such version in the model store')
      }
    }
    await this.applyAbTest(full, async (c) => {
      await options.persist?.(c)
      await this.store.writeManifest({ abTest: c })
    })
    return full
  }

  private releaseUnused (): void {
    const keep = new Set([this.active, this.abTest?.controlModelVersion, this.abTest?.treatmentModelVersion])
    for (const c of this.pending) keep.add(c.controlModelVersion).add(c.treatmentModelVersion)
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
      const noModelReason = this.active === null ? this.noActiveReason : `model ${this.active} not loaded`
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
