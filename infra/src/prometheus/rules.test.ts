import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { prometheusDir, promtool, ruleFiles } from './promtool.js'

interface Rule { alert?: string, record?: string, expr: string, annotations?: Record<string, string> }
interface RuleFile { groups: Array<{ name: string, rules: Rule[] }> }
interface UnitTests { rule_files: string[], tests: Array<{ alert_rule_test?: Array<{ alertname: string, exp_alerts?: unknown[] }> }> }

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const testsDir = join(prometheusDir, 'tests')
const unitTestFiles = readdirSync(testsDir).filter((f) => f.endsWith('.test.yml'))
const alertsOf = (file: string) => (parse(readFileSync(file, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined)

describe('Prometheus rules', () => {
  it('pass promtool check rules', () => {
    const result = promtool(['check', 'rules', ...ruleFiles()])
    expect(result.output).not.toContain('FAILED')
    expect(result.status).toBe(0)
  })

  it('pass their promtool unit tests', () => {
    const result = promtool(['test', 'rules', ...unitTestFiles.map((f) => join('tests', f))])
    expect(result.output).not.toContain('FAILED')
    expect(result.status).toBe(0)
  })

  it.each(['prometheus.yml', 'prometheus.docker.yml'])('load in the scrape config %s', (config) => {
    expect(promtool(['check', 'config', config]).status).toBe(0)
  })

  it.each(ruleFiles().map((f) => [basename(f), f]))('%s: every alert has a summary and a runbook that exists', (_name, file) => {
    for (const alert of alertsOf(file)) {
      expect(alert.annotations?.summary, alert.alert).toBeTruthy()
      const runbook = alert.annotations?.runbook_url ?? ''
      expect(runbook, alert.alert).toMatch(/^docs\/runbooks\/[a-z0-9-]+\.md$/)
      expect(existsSync(join(repoRoot, runbook)), `${String(alert.alert)}: ${runbook}`).toBe(true)
    }
  })

  it.each(ruleFiles().map((f) => [basename(f), f]))('%s: every alert is unit-tested firing and quiet', (name, file) => {
    const testFile = unitTestFiles.find((t) => t === name.replace('.rules.yml', '.test.yml'))
    expect(testFile, `tests for ${name}`).toBeDefined()
    const suite = parse(readFileSync(join(testsDir, testFile as string), 'utf8')) as UnitTests
    expect(suite.rule_files).toEqual([`../rules/${name}`])
    const cases = suite.tests.flatMap((t) => t.alert_rule_test ?? [])
    for (const alert of alertsOf(file)) {
      const mine = cases.filter((c) => c.alertname === alert.alert)
      expect(mine.some((c) => (c.exp_alerts ?? []).length > 0), `${String(alert.alert)} fires`).toBe(true)
      expect(mine.some((c) => (c.exp_alerts ?? []).length === 0), `${String(alert.alert)} stays quiet`).toBe(true)
    }
  })
})
