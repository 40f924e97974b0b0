import { parser } from '@prometheus-io/lezer-promql'

/** Labels and synthetic series Prometheus itself adds: never exported by a service. */
export const prometheusSynthetic = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped'])

/** Grafana's template variables, replaced by values that keep the expression valid PromQL. */
export function expandGrafanaVariables (expr: string): string {
  return expr
    .replaceAll(/\$__(rate_interval|interval|range)/g, '5m')
    .replaceAll(/\$\{?[A-Za-z_]\w*\}?/g, '.*')
}

export class PromqlSyntaxError extends Error {}

/** Metric names an expression selects (`foo{...}` and `{__name__="foo"}`), parsed with Prometheus' own lezer grammar. */
export function metricNames (expr: string): string[] {
  const tree = parser.parse(expr)
  const names = new Set<string>()
  let error: number | undefined
  tree.iterate({
    enter (node) {
      if (node.type.isError) error ??= node.from
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.add(expr.slice(node.from, node.to))
      if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
        const text = expr.slice(node.from, node.to)
        const match = /^\s*"?__name__"?\s*=\s*"([^"]+)"$/.exec(text)
        if (match !== null) names.add(match[1] as string)
      }
    }
  })
  if (error !== undefined) throw new PromqlSyntaxError(`PromQL syntax error at ${error}: ${expr}`)
  return [...names]
}

/** The family a sample name belongs to: histogram and summary series map to their base name. */
export function familyOf (name: string, families: ReadonlySet<string>): string | undefined {
  if (families.has(name)) return name
  const base = name.replace(/_(bucket|sum|count)$/, '')
  return base !== name && families.has(base) ? base : undefined
}
