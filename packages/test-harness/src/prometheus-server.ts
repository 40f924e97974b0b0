import { mkdir, writeFile } from 'node:fs/promises'
import { get as httpsGet } from 'node:https'
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
  /**
   * Serve HTTPS with this PEM certificate and key (Prometheus `--web.config.file`
   * `tls_server_config`); `url` is then `https://...`.
   */
  tls?: { certFile: string, keyFile: string }
}

export interface PrometheusServer extends ServerControls {
  /** `http://127.0.0.1:<port>` (`https` with `tls`): the base of `/api/v1/query_range` and the other HTTP APIs. */
  readonly url: string
  readonly host: string
}

const HOST = '127.0.0.1'

/** The body of a 200 answer, else undefined. */
async function getOk (url: string): Promise<string | undefined> {
  if (url.startsWith('https:')) return await httpsGetOk(url)
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
    return response.ok ? await response.text() : undefined
  } catch {
    return undefined
  }
}

/**
 * The readiness probe over HTTPS does not verify the certificate: the test under way is about the
 * certificate, and the probe recognises its server by the TSDB path instead.
 */
async function httpsGetOk (url: string): Promise<string | undefined> {
  return await new Promise((resolve) => {
    const request = httpsGet(url, { rejectUnauthorized: false, timeout: 1_000 }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { body += chunk })
      response.on('end', () => { resolve(response.statusCode === 200 ? body : undefined) })
      response.on('error', () => { resolve(undefined) })
    })
    request.on('timeout', () => { request.destroy() })
    request.on('error', () => { resolve(undefined) })
  })
}

/** Ready, and ours: its TSDB path is the one we gave, so a foreign Prometheus that took the port is not mistaken for it. */
export function prometheusReadyCheck (dataDir: string, scheme: 'http' | 'https' = 'http') {
  return async (port: number): Promise<boolean> => {
    const base = `${scheme}://${HOST}:${port}`
    if (await getOk(`${base}/-/ready`) === undefined) return false
    const flags = await getOk(`${base}/api/v1/status/flags`)
    if (flags === undefined) return false
    const body = JSON.parse(flags) as { data?: Record<string, string> }
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
  const webConfigFile = join(dir.path, 'web.yml')
  const scheme = options.tls === undefined ? 'http' : 'https'
  try {
    await mkdir(dataDir)
    await writeFile(configFile, JSON.stringify({
      scrape_configs: options.scrapeConfigs ?? [],
      rule_files: options.ruleFiles ?? []
    }, null, 2))
    if (options.tls !== undefined) {
      await writeFile(webConfigFile, JSON.stringify({ tls_server_config: { cert_file: options.tls.certFile, key_file: options.tls.keyFile } }, null, 2))
    }
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
      '--log.level=warn',
      ...(options.tls === undefined ? [] : [`--web.config.file=${webConfigFile}`])
    ],
    isReady: prometheusReadyCheck(dataDir, scheme),
    readyTimeoutMs: options.readyTimeoutMs ?? 30_000
  }, dir)
  return { ...controls, host: HOST, url: `${scheme}://${HOST}:${controls.port}` }
}
