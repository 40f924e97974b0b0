import type { ExecutionRecord, ModelMetrics, ProviderCatalog } from '@platform/contracts'
import { buildTrainingSet, featureSchemaHash, featureSchemaVersion, lastDays, nextVersion, splitByTime } from '@platform/router-core'
import { evaluateBundle } from './models/evaluate.js'
import { defaultBudget, modelKinds, modelParams, type TrainingBudget } from './models/model-params.js'
import { trainBundle, type TrainProgress } from './models/train-bundle.js'
import { ModelLoadError, type ModelMetadata } from './store/model-files.js'
import { ModelStore, VersionExistsError } from './store/model-store.js'

export class InsufficientDataError extends Error {
  constructor (readonly count: number, readonly needed: number) {
    super(`Insufficient data: ${count} execution records, need ${needed}`)
    this.name = 'InsufficientDataError'
  }
}

export interface TrainingRunOptions {
  records: readonly ExecutionRecord[]
  days: number
  /** MAX_TRAINING_DATA_AGE_DAYS: the window never reaches further back, whatever `days` asks. */
  maxDataAgeDays?: number
  minDataPoints: number
  catalog: ProviderCatalog
  store: ModelStore
  version?: string | undefined
  activate: boolean
  keepVersions: number
  validationShare?: number
  budget?: TrainingBudget
  onProgress?: (progress: TrainProgress) => void
  now?: Date
}

export interface ChampionComparison {
  champion: string
  championMetrics: ModelMetrics | null
  /** Why the champion could not be scored on this window (e.g. another feature schema). */
  championUnscored: string | null
  challengerWins: boolean
}

export interface TrainingRunResult {
  metadata: ModelMetadata
  comparison: ChampionComparison | null
  activated: boolean
  pruned: string[]
}

/** The days a run trains on: `days`, capped at the configured maximum data age. */
export function trainingDays (days: number, maxDataAgeDays = Infinity): number {
  return Math.min(days, maxDataAgeDays)
}

/**
 * The training pipeline: window, time split, train, evaluate, save a new version, and with
 * `activate` promote it only when it beats the active version on the same validation window
 * (lower utility MAE: the error of what routing actually compares).
 */
export async function runTraining (options: TrainingRunOptions): Promise<TrainingRunResult> {
  const records = lastDays(options.records, trainingDays(options.days, options.maxDataAgeDays))
  if (records.length < options.minDataPoints) throw new InsufficientDataError(records.length, options.minDataPoints)
  // Before training, not only at the save: a bad or taken version name should not cost a training run.
  if (options.version !== undefined) ModelStore.checkVersionName(options.version)
  if (options.version !== undefined && (await options.store.versions()).includes(options.version)) throw new VersionExistsError(options.version)
  const set = buildTrainingSet(records)
  const { train, valid } = splitByTime(set, options.validationShare ?? 0.2)
  const budget = options.budget ?? defaultBudget
  const bundle = await trainBundle(train, valid, { catalog: options.catalog, budget, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) })
  try {
    const metrics = evaluateBundle(bundle, valid, options.catalog)
    const now = options.now ?? new Date()
    const version = options.version ?? nextVersion(await options.store.versions(), now)
    const metadata = await options.store.save({
      version,
      createdAt: now.toISOString(),
      featureSchemaVersion,
      featureSchemaHash,
      trainingWindow: { from: set.records[0]?.submittedAt ?? '', to: set.records[set.rows - 1]?.submittedAt ?? '' },
      counts: { training: train.rows, validation: valid.rows },
      parameters: { ...modelParams, budget, validationShare: options.validationShare ?? 0.2 },
      bestIterations: Object.fromEntries(modelKinds.map((kind) => [kind, bundle.boosters[kind].bestIteration])),
      calibration: bundle.calibration,
      metrics
    }, bundle)
    let comparison: ChampionComparison | null = null
    let activated = false
    if (options.activate) {
      const champion = (await options.store.manifest()).active
      if (champion === null) {
        activated = true
      } else {
        comparison = await compareWithChampion(champion, metrics, valid, options)
        activated = comparison.challengerWins
      }
      if (activated) await options.store.writeManifest({ active: version })
    }
    const pruned = await options.store.prune(options.keepVersions)
    return { metadata, comparison, activated, pruned }
  } finally {
    bundle.dispose()
  }
}

async function compareWithChampion (champion: string, challenger: ModelMetrics, valid: Parameters<typeof evaluateBundle>[1], options: TrainingRunOptions): Promise<ChampionComparison> {
  let loaded
  try {
    loaded = await options.store.load(champion)
  } catch (err) {
    if (!(err instanceof ModelLoadError)) throw err
    return { champion, championMetrics: null, championUnscored: err.message, challengerWins: true }
  }
  try {
    const championMetrics = evaluateBundle(loaded.bundle, valid, options.catalog)
    const wins = (challenger.utilityMae ?? Infinity) < (championMetrics.utilityMae ?? Infinity)
    return { champion, championMetrics, championUnscored: null, challengerWins: wins }
  } finally {
    loaded.bundle.dispose()
  }
}
