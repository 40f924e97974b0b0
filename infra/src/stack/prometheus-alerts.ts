import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { PrometheusServer } from '@platform/test-harness'
import { parse, stringify } from 'yaml'
import { rulesDir } from '../prometheus/promtool.js'

interface Alert { labels: Record<string, string>, state: string }

/** The alerts of one name that Prometheus reports right now, pending or firing. */
export async function alerts (prometheus: PrometheusServer, name: string): Promise<Alert[]> {
  const body = await (await fetch(`${prometheus.url}/api/v1/alerts`)).json() as { data: { alerts: Alert[] } }
  return body.data.alerts.filter((a) => a.labels.alertname === name)
}

/** Resolves with the firing alerts of one name once there are any; throws after `timeoutMs`. */
export async function waitForFiring (prometheus: PrometheusServer, name: string, timeoutMs = 60_000): Promise<Alert[]> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const firing = (await alerts(prometheus, name)).filter((a) => a.state === 'firing')
    if (firing.length > 0) return firing
    await sleep(500)
  }
  throw new Error(`timed out waiting for ${name} to fire`)
}

/**
 * Writes a copy of a service's committed rule file into `dir` whose only change is the group
 * evaluation interval (1 s instead of Prometheus' default 1 m), so alerts fire within a test.
 */
export async function fastRules (ruleFile: string, dir: string): Promise<string> {
  const rules = parse(await readFile(join(rulesDir, ruleFile), 'utf8')) as { groups: Array<Record<string, unknown>> }
  const path = join(dir, ruleFile)
  await writeFile(path, stringify({ groups: rules.groups.map((g) => ({ ...g, interval: '1s' })) }))
  return path
}
