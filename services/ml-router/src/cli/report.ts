import type { ModelMetrics } from '@platform/contracts'
import type { TrainingRunResult } from '@platform/router-engine'

function table (header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

const pct = (v: number | null) => v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`
const num = (v: number | null, digits = 4) => v === null ? 'n/a' : v.toPrecision(digits)

function summaryRows (m: ModelMetrics): string[][] {
  return [
    ['cost MAPE', pct(m.costMape)], ['cost MSE (USD^2)', num(m.costMse)],
    ['latency MAPE', pct(m.latencyMape)], ['latency MSE (log ms)', num(m.logLatencyMse)],
    ['success AUC', num(m.successAuc, 3)], ['provider accuracy', pct(m.providerAccuracy)],
    ['utility MAE (USD)', num(m.utilityMae)], ['validation records', String(m.validationRecords)]
  ]
}

/** The training report: headline figures, per-provider figures, top features by gain, champion/challenger. */
export function formatReport (result: TrainingRunResult): string {
  const m = result.metadata.metrics
  const parts = [
    `model ${result.metadata.version}  (training ${result.metadata.counts.training}, validation ${result.metadata.counts.validation} records; ${result.metadata.trainingWindow.from} .. ${result.metadata.trainingWindow.to})`,
    '',
    table(['metric', 'value'], summaryRows(m)),
    '',
    table(['provider', 'records', 'cost MAPE', 'latency MAPE', 'success rate'],
      m.perProvider.map((p) => [p.provider, String(p.records), pct(p.costMape), pct(p.latencyMape), pct(p.successRate)])),
    '',
    table(['model', 'best iteration', 'top features by gain'],
      Object.entries(m.featureImportance).map(([kind, ranked]) => [kind, String(result.metadata.bestIterations[kind] ?? ''), ranked.slice(0, 4).map((f) => f.feature).join(', ')]))
  ]
  const c = result.comparison
  if (c !== null) {
    parts.push('', c.championMetrics === null
      ? `champion ${c.champion} could not be scored (${c.championUnscored ?? ''}): challenger wins`
      : table(['same validation window', 'champion ' + c.champion, 'challenger ' + result.metadata.version],
        summaryRows(c.championMetrics).map(([k, v], i) => [k ?? '', v ?? '', summaryRows(m)[i]?.[1] ?? ''])))
  }
  parts.push('', result.activated ? `activated ${result.metadata.version}` : `saved ${result.metadata.version} (not activated)`)
  if (result.pruned.length > 0) parts.push(`pruned ${result.pruned.join(', ')}`)
  return parts.join('\n')
}
