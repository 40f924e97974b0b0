import type { ModelMetrics } from '@platform/contracts'
import type { TrainingRunResult } from '@platform/router-engine'

/** Names (the first column, or those in `left`) align left, figures right. */
function table (header: string[], rows: string[][], left: readonly number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => left.includes(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)).join('  ').trimEnd()
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

const topFeatures = 5

/** Each model's top features with their gain and share of the model's total gain; model and iteration on its first row. */
function importanceRows (result: TrainingRunResult): string[][] {
  return Object.entries(result.metadata.metrics.featureImportance).flatMap(([kind, ranked]) => {
    const total = ranked.reduce((sum, f) => sum + f.gain, 0)
    return ranked.slice(0, topFeatures).map((f, i) => [
      i === 0 ? kind : '', i === 0 ? String(result.metadata.bestIterations[kind] ?? '') : '',
      f.feature, num(f.gain), total > 0 ? pct(f.gain / total) : 'n/a'
    ])
  })
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
    table(['model', 'best iteration', 'top features by gain', 'gain', 'share'], importanceRows(result), [0, 2])
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
