import type { FastifyBaseLogger } from 'fastify'
import { ModelFailedError, ModelUnavailableError, namingModel } from '../errors.js'
import type { LoadedModel } from '../models/model-loader.js'
import type { ModelEntry } from '../models/model-repository.js'
import { unloadedVersion, type InferenceMetrics } from './inference-metrics.js'
import { routeRows } from './version-router.js'

type Row = Readonly<Record<string, unknown>>

export interface ScoreRequest {
  model: string
  rows: readonly Row[]
  /** Each row's sticky canary key (user_id, placement_id); without keys every row gets the default. */
  keys?: ReadonlyArray<string | undefined>
  pinnedVersion?: string | undefined
}

export interface Scored {
  /** The pinned or default version: what answers every row the canary does not take. */
  model: LoadedModel
  scores: Float32Array
  /** The version that scored each row, in request order. */
  versions: readonly LoadedModel[]
}

/**
 * Feature pipeline -> micro-batched `session.run` -> scores, for the versions the router picks
 * (one run per version when a canary splits the rows), recording every outcome. A missing or
 * failing model is a 503 naming it: never a made-up answer.
 */
export class Scorer {
  constructor (
    private readonly models: () => ReadonlyMap<string, ModelEntry>,
    private readonly metrics: InferenceMetrics,
    private readonly log: FastifyBaseLogger
  ) {}

  async score ({ model: name, rows, keys = [], pinnedVersion }: ScoreRequest): Promise<Scored> {
    const started = performance.now()
    const entry = this.models().get(name)
    if (entry === undefined) {
      // A request like any other, so the error ratio and its alert see a model answering only 503s.
      this.metrics.error(name, 'not_loaded')
      this.metrics.request(name, unloadedVersion, 'error', (performance.now() - started) / 1000)
      throw namingModel(new ModelUnavailableError(name), name)
    }
    const { primary, groups, shadow } = routeRows(entry, rows.map((_, i) => keys[i]), pinnedVersion)
    let scores: Float32Array
    const versions = new Array<LoadedModel>(rows.length)
    const [only] = groups
    if (groups.length === 1 && only !== undefined) {
      scores = await this.#run(only.model, rows, started)
      versions.fill(only.model)
    } else {
      scores = new Float32Array(rows.length)
      await Promise.all(groups.map(async ({ model, rows: indices }) => {
        const part = await this.#run(model, indices.map((i) => rows[i] ?? {}), started)
        indices.forEach((row, j) => {
          scores[row] = part[j] ?? 0
          versions[row] = model
        })
      }))
    }
    if (shadow !== undefined) this.#shadow(shadow, rows, scores, versions)
    return { model: primary, scores, versions }
  }

  async #run (model: LoadedModel, rows: readonly Row[], started: number): Promise<Float32Array> {
    let scores: Float32Array
    try {
      scores = await model.scoreRows(rows)
    } catch (err) {
      this.metrics.error(model.name, 'run_failed')
      this.metrics.request(model.name, model.version, 'error', (performance.now() - started) / 1000)
      throw namingModel(new ModelFailedError(model.name, model.version, { cause: err }), model.name, model.version)
    }
    this.metrics.request(model.name, model.version, 'ok', (performance.now() - started) / 1000)
    this.metrics.scores(model, scores)
    return scores
  }

  // Off the answer's path: the caller has its result before the shadow finishes. Rows the shadow
  // version itself answered (as canary or pinned) have nothing to compare with.
  #shadow (shadow: LoadedModel, rows: readonly Row[], answered: Float32Array, versions: readonly LoadedModel[]): void {
    const compared = versions.flatMap((version, i) => version === shadow ? [] : [i])
    if (compared.length === 0) return
    shadow.scoreRows(compared.map((i) => rows[i] ?? {})).then((scores) => {
      this.metrics.scores(shadow, scores)
      compared.forEach((row, j) => {
        const version = versions[row]
        if (version !== undefined) this.metrics.shadow(shadow.name, version.version, shadow.version, Math.abs((scores[j] ?? 0) - (answered[row] ?? 0)))
      })
    }, (err: unknown) => {
      this.metrics.error(shadow.name, 'shadow_failed')
      this.log.warn({ err, model: shadow.name, version: shadow.version }, 'shadow scoring failed')
    })
  }
}
