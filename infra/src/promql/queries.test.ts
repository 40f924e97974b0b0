import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { stringify } from 'yaml'
import { promtool } from '../prometheus/promtool.js'
import { expandGrafanaVariables, familyOf, metricNames, PromqlSyntaxError } from './metric-names.js'
import { dashboardQueries, ruleQueries } from './queries.js'

describe('metricNames', () => {
  it('finds selected metrics, including by __name__, and skips functions and labels', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le) (rate(a_bucket{service="x"}[5m]))) / on() group_left b + {__name__="c"}').sort()).toEqual(['a_bucket', 'b', 'c'])
  })

  it('rejects broken PromQL', () => {
    expect(() => metricNames('sum(rate(a[5m])')).toThrow(PromqlSyntaxError)
  })

  it('maps histogram series to their family', () => {
    const families = new Set(['http_request_duration_seconds', 'router_fallbacks_total'])
    expect(familyOf('http_request_duration_seconds_bucket', families)).toBe('http_request_duration_seconds')
    expect(familyOf('router_fallbacks_total', families)).toBe('router_fallbacks_total')
    expect(familyOf('router_fallbacks', families)).toBeUndefined()
  })
})

describe('dashboard and rule queries', () => {
  const queries = [...dashboardQueries(), ...ruleQueries()]

  it('cover every dashboard and rule file', () => {
    expect(new Set(queries.map((q) => q.file))).toEqual(new Set([
      'forecaster.json', 'ml-router.json', 'ml-inference.json', 'forecaster.rules.yml', 'ml-router.rules.yml', 'ml-inference.rules.yml'
    ]))
  })

  it('all parse with the lezer PromQL grammar', () => {
    const broken = queries.filter((q) => {
      try {
        return metricNames(q.expr).length === 0
      } catch {
        return true
      }
    })
    expect(broken).toEqual([])
  })

  it('all parse with promtool (the Prometheus that runs them)', () => {
    // promtool has no bare "parse" command: each expression becomes a recording rule it checks.
    const rules = { groups: [{ name: 'queries', rules: queries.map((q, i) => ({ record: `check:query_${i}`, expr: q.expr })) }] }
    const dir = mkdtempSync(join(tmpdir(), 'queries-'))
    onTestFinished(() => rmSync(dir, { recursive: true }))
    writeFileSync(join(dir, 'queries.yml'), stringify(rules))
    const result = promtool(['check', 'rules', join(dir, 'queries.yml')])
    expect(result.output).toContain(`SUCCESS: ${queries.length} rules found`)
  })

  it('expand Grafana variables into valid selectors', () => {
    // eslint-disable-next-line no-template-curly-in-string -- Grafana's ${var} syntax, not a template literal
    expect(expandGrafanaVariables('rate(x{a=~"$instance",b=~"${model}"}[$__rate_interval])')).toBe('rate(x{a=~".*",b=~".*"}[5m])')
  })
})
