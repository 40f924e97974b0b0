import { createHash } from 'node:crypto'
import { watch, type FSWatcher } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { MicroBatchOptions } from '../serving/micro-batcher.js'
import { chooseDefault } from './default-version.js'
import { loadModelVersion, type LoadedModel, type OrtSettings } from './model-loader.js'
import { readRouting, servableRouting, type ModelRouting } from './model-routing.js'
import { compareVersions, isSemver } from './semver.js'

export interface ModelEntry {
  readonly name: string
  readonly versions: ReadonlyMap<string, LoadedModel>
  readonly defaultVersion: string
  readonly routing: ModelRouting
}

export interface ReloadReport {
  loaded: Array<{ model: string, version: string }>
  refused: Array<{ model: string, version: string, reason: string }>
  defaults: Record<string, string>
}

export interface RepositoryOptions {
  dir: string
  ort: OrtSettings
  batching: (model: string, version: string) => MicroBatchOptions
  log: FastifyBaseLogger
  onLoaded?: (model: LoadedModel) => void
  /** Every refusal, whichever reload found it (start-up, directory watch, admin route). */
  onRefused?: (refused: ReloadReport['refused'][number]) => void
  onSnapshot?: (models: ReadonlyMap<string, ModelEntry>) => void
}

// In-flight requests hold a reference to the version they started on; release it only after they finish.
const retireAfterMs = 30_000

const listDirs = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name)

async function fingerprint (dir: string): Promise<string | undefined> {
  const files = await Promise.all([readFile(join(dir, 'model.onnx')), readFile(join(dir, 'metadata.json'), 'utf8')]).catch(() => undefined)
  return files === undefined ? undefined : createHash('sha256').update(files[0]).update(files[1]).digest('hex')
}

/**
 * `MODEL_DIR/<model>/<version>/{model.onnx,metadata.json}` loaded into ONNX Runtime. A reload
 * builds a whole new snapshot beside the serving one and swaps it in one assignment, so a request
 * sees either the old set or the new set, never a mix; a version that fails to load is refused
 * and its previous copy (if any) keeps serving. Every snapshot's routing names only loaded versions.
 */
export class ModelRepository {
  readonly #options: RepositoryOptions
  #models: ReadonlyMap<string, ModelEntry> = new Map()
  #queue: Promise<unknown> = Promise.resolve()
  #watcher: FSWatcher | undefined
  #timers = new Set<NodeJS.Timeout>()
  #debounce: NodeJS.Timeout | undefined

  constructor (options: RepositoryOptions) {
    this.#options = options
  }

  get models (): ReadonlyMap<string, ModelEntry> { return this.#models }

  /** Rescans the directory; concurrent calls run one after another. */
  async reload (): Promise<ReloadReport> {
    const next = this.#queue.then(async () => this.#reload())
    this.#queue = next.catch(() => {})
    return next
  }

  async #reload (): Promise<ReloadReport> {
    const { dir, log } = this.#options
    const report: ReloadReport = { loaded: [], refused: [], defaults: {} }
    const next = new Map<string, ModelEntry>()
    const kept = new Set<LoadedModel>()
    for (const name of (await listDirs(dir)).filter((n) => /^[a-z][a-z0-9_-]*$/.test(n)).sort()) {
      const previous = this.#models.get(name)
      const versions = new Map<string, LoadedModel>()
      for (const version of (await listDirs(join(dir, name))).filter(isSemver).sort(compareVersions)) {
        const model = await this.#loadOrKeep(name, version, previous?.versions.get(version), report)
        if (model !== undefined) {
          versions.set(version, model)
          kept.add(model)
        }
      }
      const latest = (await readFile(join(dir, name, 'latest'), 'utf8').catch(() => '')).trim()
      const defaultVersion = chooseDefault(versions, latest, previous?.defaultVersion)
      if (defaultVersion === undefined) continue
      if (latest !== '' && latest !== defaultVersion) {
        log.warn({ model: name, latest, serving: defaultVersion }, 'latest points at a version that is not loaded; keeping the previous default (else the highest loaded)')
      }
      const wanted = await readRouting(join(dir, name)).catch((err: unknown) => {
        this.#refuse(report, { model: name, version: 'routing.json', reason: err instanceof Error ? err.message : String(err) })
        return previous?.routing ?? {}
      })
      // Checked on every reload, the previous routing included: an arm can lose its version at any time.
      const { routing, dropped } = servableRouting(wanted, versions)
      if (dropped.length > 0) log.warn({ model: name, dropped, serving: defaultVersion }, 'routing names a version that is not loaded; that arm is dropped and the default answers for it')
      next.set(name, { name, versions, defaultVersion, routing })
      report.defaults[name] = defaultVersion
    }
    const retired = [...this.#models.values()].flatMap((entry) => [...entry.versions.values()]).filter((m) => !kept.has(m))
    this.#models = next
    this.#options.onSnapshot?.(next)
    for (const model of retired) this.#retire(model)
    log.info({ defaults: report.defaults, loaded: report.loaded.length, refused: report.refused.length }, 'model repository reloaded')
    return report
  }

  async #loadOrKeep (name: string, version: string, previous: LoadedModel | undefined, report: ReloadReport): Promise<LoadedModel | undefined> {
    const { dir, ort, batching, log } = this.#options
    const versionDir = join(dir, name, version)
    if (previous !== undefined && previous.fingerprint === await fingerprint(versionDir)) return previous
    try {
      const model = await loadModelVersion(versionDir, name, version, ort, batching(name, version))
      log.info({ model: name, version, loadSeconds: model.loadSeconds }, 'model loaded')
      report.loaded.push({ model: name, version })
      this.#options.onLoaded?.(model)
      return model
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      log.error({ err, model: name, version, keptPrevious: previous !== undefined }, 'model refused')
      this.#refuse(report, { model: name, version, reason })
      return previous
    }
  }

  #refuse (report: ReloadReport, refused: ReloadReport['refused'][number]): void {
    report.refused.push(refused)
    this.#options.onRefused?.(refused)
  }

  #retire (model: LoadedModel): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      model.release().catch((err: unknown) => this.#options.log.warn({ err, model: model.name, version: model.version }, 'session release failed'))
    }, retireAfterMs)
    timer.unref()
    this.#timers.add(timer)
  }

  /** Reloads when anything under the directory changes (debounced: a copy is many events). */
  watch (debounceMs = 300): void {
    this.#watcher = watch(this.#options.dir, { recursive: true }, () => {
      clearTimeout(this.#debounce)
      this.#debounce = setTimeout(() => {
        this.reload().catch((err: unknown) => this.#options.log.error({ err }, 'model reload after a file change failed'))
      }, debounceMs)
    })
  }

  async close (): Promise<void> {
    this.#watcher?.close()
    clearTimeout(this.#debounce)
    await this.#queue
    for (const timer of this.#timers) clearTimeout(timer)
    const all = [...this.#models.values()].flatMap((entry) => [...entry.versions.values()])
    this.#models = new Map()
    await Promise.all(all.map(async (model) => model.release()))
  }
}
