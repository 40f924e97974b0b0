import type { Analysis } from './analyse.js'

const fmt = (n: number) => Number.isFinite(n) ? n.toPrecision(4) : String(n)

/** A plain-text table for CI logs. */
export function formatAnalysis (a: Analysis): string {
  const rows = [['check', 'canary', 'stable', 'limit', 'result'], ...a.checks.map((c) => [c.name, fmt(c.canary), fmt(c.stable), c.limit, c.passed ? 'pass' : 'FAIL'])]
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  const table = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')
  return [
    `requests: canary ${Math.round(a.canary.requests)}, stable ${Math.round(a.stable.requests)}`,
    ...(a.checks.length > 0 ? [table] : []),
    `decision: ${a.decision} (${a.reason})`
  ].join('\n')
}
