import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { ruleFiles } from '../prometheus/promtool.js'
import { expandGrafanaVariables } from './metric-names.js'

export const dashboardsDir = fileURLToPath(new URL('../../grafana/dashboards/', import.meta.url))

/** One PromQL expression and where it lives (file, then panel title or rule name). */
export interface Query { file: string, where: string, expr: string }

interface Panel { title: string, targets?: Array<{ expr?: string }>, panels?: Panel[] }
interface Dashboard { panels: Panel[], templating: { list: Array<{ name: string, type: string, query?: { query: string } | string }> } }

// Grafana's label_values(metric{...}, label) is not PromQL: check its selector instead.
const labelValues = /^label_values\((.+),\s*\w+\)$/

function panelQueries (file: string, panels: readonly Panel[]): Query[] {
  return panels.flatMap((p) => [
    ...(p.targets ?? []).filter((t) => t.expr !== undefined).map((t) => ({ file, where: p.title, expr: expandGrafanaVariables(t.expr as string) })),
    ...panelQueries(file, p.panels ?? [])
  ])
}

export function dashboardQueries (): Query[] {
  return readdirSync(dashboardsDir).filter((f) => f.endsWith('.json')).flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')) as Dashboard
    const variables = dashboard.templating.list.filter((v) => v.type === 'query').map((v) => {
      const text = typeof v.query === 'string' ? v.query : (v.query?.query ?? '')
      return { file, where: `variable ${v.name}`, expr: expandGrafanaVariables(labelValues.exec(text)?.[1] ?? text) }
    })
    return [...variables, ...panelQueries(file, dashboard.panels)]
  })
}

interface RuleFile { groups: Array<{ rules: Array<{ alert?: string, record?: string, expr: string }> }> }

export function ruleQueries (): Query[] {
  return ruleFiles().flatMap((path) => {
    const file = path.slice(path.lastIndexOf('/') + 1)
    return (parse(readFileSync(path, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules.map((r) => ({ file, where: r.alert ?? r.record ?? '?', expr: r.expr })))
  })
}

/** Names the recording rules produce: dashboards and alerts may select them too. */
export function recordedNames (): Set<string> {
  return new Set(ruleFiles().flatMap((path) => (parse(readFileSync(path, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules.flatMap((r) => r.record ?? []))))
}
