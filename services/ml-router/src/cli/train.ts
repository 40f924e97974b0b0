import { readFile } from 'node:fs/promises'
import { Command, InvalidArgumentError } from 'commander'
import { loadConfig } from '@platform/service-kit'
import { defaultProviderCatalog, parseProviderCatalog } from '@platform/router-core'
import { fetchRecords, ModelStore, runTraining, trainingDays } from '@platform/router-engine'
import { Config } from '../config.js'
import { formatReport } from './report.js'
import { readRecordsFile } from './telemetry-source.js'
import { progressView } from './train-progress.js'

const positiveInt = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer')
  return n
}

const config = loadConfig(Config, process.env)
const program = new Command('train')
  .description('Train the cost, latency, success and provider models on execution telemetry')
  .option('--days <n>', `train on the last N days of records (at most MAX_TRAINING_DATA_AGE_DAYS, now ${config.MAX_TRAINING_DATA_AGE_DAYS})`, positiveInt, 7)
  .option('--min-data-points <n>', 'refuse to train on fewer records', positiveInt, config.MIN_TRAINING_DATA_POINTS)
  .option('--telemetry-url <url>', 'ml-router base URL whose /v1/telemetry/executions is read', config.TELEMETRY_URL)
  .option('--from-file <file>', 'read ExecutionRecords from a JSON-lines file instead')
  .option('--version <v>', 'version name (default: UTC date and a counter)')
  .option('--activate', 'activate if it beats the active version on the same validation window', false)
  .option('--model-store <path>', 'model store folder', config.MODEL_STORE_PATH)
  .parse()

const opts = program.opts<{ days: number, minDataPoints: number, telemetryUrl?: string, fromFile?: string, version?: string, activate: boolean, modelStore: string }>()
const days = trainingDays(opts.days, config.MAX_TRAINING_DATA_AGE_DAYS)
if (days < opts.days) process.stderr.write(`--days ${opts.days} is over MAX_TRAINING_DATA_AGE_DAYS (${config.MAX_TRAINING_DATA_AGE_DAYS}): training on the last ${days} days\n`)
const catalog = config.PROVIDER_CATALOG_PATH === undefined ? defaultProviderCatalog : parseProviderCatalog(JSON.parse(await readFile(config.PROVIDER_CATALOG_PATH, 'utf8')))

async function loadRecords () {
  if (opts.fromFile !== undefined) return await readRecordsFile(opts.fromFile)
  const url = opts.telemetryUrl
  if (url === undefined) return program.error('give --telemetry-url (or TELEMETRY_URL) or --from-file')
  const since = new Date(Date.now() - days * 86_400_000)
  return await fetchRecords(url, since, progress.fetched)
}

const progress = progressView(process.stderr)
try {
  const records = await loadRecords()
  const result = await runTraining({
    records,
    days,
    maxDataAgeDays: config.MAX_TRAINING_DATA_AGE_DAYS,
    minDataPoints: opts.minDataPoints,
    catalog,
    store: new ModelStore(opts.modelStore),
    version: opts.version,
    activate: opts.activate,
    keepVersions: config.MODEL_KEEP_VERSIONS,
    onProgress: progress.update
  })
  progress.stop()
  process.stdout.write(`${formatReport(result)}\n`)
} catch (err) {
  progress.stop()
  // Every failure here is the input's or the environment's (data, file, URL, version name): say what, not where in the code.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 1
}
