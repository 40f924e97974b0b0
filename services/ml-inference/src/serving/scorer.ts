import type { FastifyBaseLogger } from 'fastify'
import { ModelFailedError, ModelUnavailableError } from '../errors.js'
import type { LoadedModel } from '../models/model-loader.js'
import type { ModelEntry } from '../models/model-repository.js'
import type { InferenceMetrics } from './inference-metrics.js'
import { routeVersions } from './version-router.js'

type Row = Readonly<Record<string, unknown>>

export interface ScoreRequest {
  model: string
  rows: readonly Row[]
  /** Sticky canary key (user_id, placement_id); batches pass none and get the default version. */
  key?: string | undefined
  pinnedVersion?: string | undefined
}

export interface Scored { model: LoadedModel, scores: Float32Array }

/**
 * Feature pipeline -> micro-batched `session.run` -> scores, for the version the router picks,
 * recording every outcome. A missing or failing model is a 503 naming it: never a made-up answer.
 */
export class Scorer {
  constructor (
    private readonly models: () => ReadonlyMap<string, ModelEntry>,
    private readonly metrics: InferenceMetrics,
    private readonly log: FastifyBaseLogger
  ) {}

  async score ({ model: name, rows, key, pinnedVersion }: ScoreRequest): Promise<Scored> {
    const started = performance.now()
    const entry = this.models().get(name)
    if (entry === undefined) {
      this.metrics.error(name, 'not_loaded')
      throw new ModelUnavailableError(name)
    }
    const { primary, shadow } = routeVersions(entry, key, pinnedVersion)
    let scores: Float32Array
    try {
      scores = await primary.scoreRows(rows)
    } catch (err) {
      this.metrics.error(name, 'run_failed')
      this.metrics.request(name, primary.version, 'error', (performance.now() - started) / 1000)
      throw new ModelFailedError(name, primary.version, { cause: err })
    }
    this.metrics.request(name, primary.version, 'ok', (performance.now() - started) / 1000)
    this.metrics.scores(primary, scores)
    if (shadow !== undefined) this.#shadow(shadow, primary, rows, scores)
    return { model: primary, scores }
  }

  // Off the answer's path: the caller has its result before the shadow finishes.
  #shadow (shadow: LoadedModel, primary: LoadedModel, rows: readonly Row[], primaryScores: Float32Array): void {
    shadow.scoreRows(rows).then((scores) => {
      this.metrics.scores(shadow, scores)
      for (let i = 0; i < scores.length; i++) this.metrics.shadow(primary.name, primary.version, shadow.version, Math.abs((scores[i] ?? 0) - (primaryScores[i] ?? 0)))
    }, (err: unknown) => {
      this.metrics.error(shadow.name, 'shadow_failed')
      this.log.warn({ err, model: shadow.name, version: shadow.version }, 'shadow scoring failed')
    })
  }
}
