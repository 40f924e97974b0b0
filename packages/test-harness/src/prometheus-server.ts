import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { backfill } from './backfill.js'
import type { Series } from './series.js'
import { startServer, type ServerControls } from './server-process.js'
import { makeTempDir } from './temp-dir.js'

export interface PrometheusOptions {
  /** Entries of the config's `scrape_configs`, written as given (YAML is a superset of JSON). */
  scrapeConfigs?: readonly object[]
  /** Paths of rule files (recording or alerting rules) for the config's `rule_files`. */
  ruleFiles?: readonly string[]
  /** History loaded into the TSDB before the first start; must not reach past now (see `shiftToNow`). */
  backfill?: readonly Series[]
  /** Default 30 s. */
  readyTimeoutMs?: number
}

export interface PrometheusServer extends ServerControls {
  /** `http://127.0.0.1:<port>`: the base of `/api/v1/query_range` and the other HTTP APIs. */
  readonly url: string
  readonly host: string
}

const HOST = '127.0.0.1'

async function fetchOk (url: string): Promise<Response | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
    return response.ok ? response : undefined
  } catch {
    return undefined
  }
}

/** Ready, and ours: its TSDB path is the one we gave, so a foreign Prometheus that took the port is not mistaken for it. */
export function prometheusReadyCheck (dataDir: string) {
  return async (port: number): Promise<boolean> => {
    const base = `http://${HOST}:${port}`
    if (await fetchOk(`${base}/-/ready`) === undefined) return false
    const flags = await fetchOk(`${base}/api/v1/status/flags`)
    if (flags === undefined) return false
    const body = await flags.json() as { data?: Record<string, string> }
    return body.data?.['storage.tsdb.path'] === dataDir
  }
}

/**
 * Starts a real `prometheus` on a free loopback port with its own config and a temp TSDB,
 * optionally holding backfilled history, and waits for `/-/ready`.
 * Retention is a century, so old history is never deleted while the test runs.
 */
export async function startPrometheus (options: PrometheusOptions = {}): Promise<PrometheusServer> {
  const dir = await makeTempDir('platform-prometheus')
  const dataDir = join(dir.path, 'data')
  const configFile = join(dir.path, 'prometheus.yml')
  try {
    await mkdir(dataDir)
    await writeFile(configFile, JSON.stringify({
      scrape_configs: options.scrapeConfigs ?? [],
      rule_files: options.ruleFiles ?? []
    }, null, 2))
    if (options.backfill !== undefined && options.backfill.length > 0) await backfill(options.backfill, dataDir, dir.path)
  } catch (error) {
    await dir.remove()
    throw error
  }
  const controls = await startServer({
    binary: 'prometheus',
    host: HOST,
    args: (port) => [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=${HOST}:${port}`,
      '--log.level=warn'
    ],
    isReady: prometheusReadyCheck(dataDir),
    readyTimeoutMs: options.readyTimeoutMs ?? 30_000
  }, dir)
  return { ...controls, host: HOST, url: `http://${HOST}:${controls.port}` }
}
