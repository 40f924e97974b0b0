import { fileURLToPath } from 'node:url'
import { parseDocument } from 'yaml'
import { ConfigError } from '@platform/service-kit'
import { formatIssuePath, WorkloadConfig, WorkloadsFile } from '@platform/contracts'
import type { Config } from '../config.js'

/** The CSV bundled with the service: the zero-config quick start replays it against the clock. */
export const bundledSeriesPath = fileURLToPath(new URL('../../data/nasa-http-requests-7d.csv', import.meta.url))

type Problem = { path: string, message: string }

/** Env variable per workload field, for error messages and the single-workload form. */
const envField = {
  WORKLOAD: 'name',
  METRIC: 'metric',
  MODEL: 'model',
  BYOM_URL: 'byomURL',
  BYOM_TIMEOUT: 'byomTimeout',
  FALLBACK_MODEL: 'fallbackModel',
  PROM_URL: 'prometheusURL',
  PROM_QUERY: 'prometheusQuery',
  CURRENT_REPLICAS_QUERY: 'currentReplicasQuery',
  FILE: 'file',
  HORIZON: 'horizon',
  STEP: 'step',
  INTERVAL: 'interval',
  WINDOW: 'window',
  TARGET_PER_POD: 'targetPerPod',
  HEADROOM: 'headroom',
  QUANTILE_LEVEL: 'quantileLevel',
  MIN_REPLICAS: 'minReplicas',
  MAX_REPLICAS: 'maxReplicas',
  UP_MAX_FACTOR: 'upMaxFactor',
  DOWN_MAX_PERCENT: 'downMaxPercent',
  LEAD_TIME: 'leadTime'
} as const satisfies Partial<Record<keyof Config, string>>

const numericFields = new Set(['targetPerPod', 'headroom', 'quantileLevel', 'minReplicas', 'maxReplicas', 'upMaxFactor', 'downMaxPercent'])

/** The single workload described by flags/env, or the bundled demo when no source is given. */
function workloadFromEnv (config: Config): WorkloadConfig {
  const raw: Record<string, unknown> = {}
  for (const [env, field] of Object.entries(envField)) {
    const value = config[env as keyof typeof envField]
    if (value === undefined) continue
    raw[field] = numericFields.has(field) && value.trim() !== '' ? Number(value) : value
  }
  raw.name ??= raw.prometheusQuery === undefined && raw.file === undefined ? 'demo' : 'default'
  if (raw.prometheusQuery === undefined && raw.file === undefined) raw.file = bundledSeriesPath
  const fieldEnv = new Map(Object.entries(envField).map(([env, field]) => [field as string, env]))
  const result = WorkloadConfig.safeParse(raw)
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '')
      return { path: fieldEnv.get(field) ?? field, message: `${issue.message} (workload "${String(raw.name)}", field ${field})` }
    }))
  }
  return result.data
}

/**
 * Parses the multi-workload YAML file. Every problem is reported at once with a path naming the
 * workload and the field (`workloads.checkout.targetPerPod`); YAML syntax errors carry the line.
 * Single-workload env defaults (PROM_URL) fill `prometheusURL` when a workload that queries
 * Prometheus (its load or its replica count) leaves it out.
 */
export function parseWorkloadsYaml (text: string, defaults: { prometheusURL?: string | undefined } = {}): WorkloadConfig[] {
  // Merge keys (`<<: *base`) let workloads share settings, as YAML 1.1 files commonly do.
  const doc = parseDocument(text, { prettyErrors: true, merge: true })
  if (doc.errors.length > 0) throw new ConfigError(doc.errors.map((e) => ({ path: 'yaml', message: e.message })))
  const file = WorkloadsFile.safeParse(doc.toJS())
  if (!file.success) throw new ConfigError(file.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })))
  const problems: Problem[] = []
  const workloads: WorkloadConfig[] = []
  const seen = new Set<string>()
  file.data.workloads.forEach((item, index) => {
    const named = typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string'
    const label = named ? (item as { name: string }).name : String(index)
    const readsPrometheus = typeof item === 'object' && item !== null &&
      ((item as { prometheusQuery?: unknown }).prometheusQuery !== undefined || (item as { currentReplicasQuery?: unknown }).currentReplicasQuery !== undefined)
    const withDefaults = readsPrometheus && defaults.prometheusURL !== undefined ? { prometheusURL: defaults.prometheusURL, ...item } : item
    const result = WorkloadConfig.safeParse(withDefaults)
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ path: formatIssuePath(['workloads', label, ...issue.path]), message: issue.message })
      return
    }
    if (seen.has(result.data.name)) problems.push({ path: `workloads.${label}.name`, message: 'is used by another workload' })
    seen.add(result.data.name)
    workloads.push(result.data)
  })
  if (problems.length > 0) throw new ConfigError(problems)
  return workloads
}

/** The workloads to run: the YAML file when CONFIG is set, else the flag/env single workload. */
export function loadWorkloads (config: Config, readText: (path: string) => string): WorkloadConfig[] {
  if (config.CONFIG === undefined) return [workloadFromEnv(config)]
  let text: string
  try {
    text = readText(config.CONFIG)
  } catch (err) {
    throw new ConfigError([{ path: 'CONFIG', message: `cannot read ${config.CONFIG}: ${err instanceof Error ? err.message : String(err)}` }])
  }
  return parseWorkloadsYaml(text, { prometheusURL: config.PROM_URL })
}
