import type { Sample, Series } from './series.js'

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/

function escapeLabelValue (value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')
}

function formatValue (value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  // Shortest round-trip decimal; Go's ParseFloat reads it back to the same float64.
  return String(value)
}

/** OpenMetrics timestamps are seconds; integer arithmetic keeps milliseconds exact (no float formatting of ms / 1000). */
function formatTimestamp (ms: number): string {
  const seconds = Math.trunc(ms / 1000)
  const millis = ms % 1000
  return millis === 0 ? String(seconds) : `${seconds}.${String(millis).padStart(3, '0')}`
}

function labelSet (series: Series): string {
  const labels = Object.entries(series.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [label] of labels) {
    if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new Error(`invalid label name ${JSON.stringify(label)} on ${series.name}`)
  }
  return labels.length === 0 ? '' : `{${labels.map(([label, value]) => `${label}="${escapeLabelValue(value)}"`).join(',')}}`
}

function sortedSamples (series: Series, key: string): Sample[] {
  const samples = [...series.samples].sort((a, b) => a.timestamp - b.timestamp)
  samples.forEach((sample, index) => {
    if (!Number.isSafeInteger(sample.timestamp) || sample.timestamp < 0) {
      throw new Error(`${key}: timestamp ${sample.timestamp} is not a non-negative integer of milliseconds`)
    }
    if (index > 0 && samples[index - 1]?.timestamp === sample.timestamp) {
      throw new Error(`${key}: two samples at timestamp ${sample.timestamp}`)
    }
  })
  return samples
}

/**
 * Writes series as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`:
 * one gauge family per metric name (families must not interleave), samples sorted by time,
 * timestamps in seconds, and the mandatory `# EOF` terminator.
 */
export function toOpenMetrics (series: readonly Series[]): string {
  const families = new Map<string, string[]>()
  const seen = new Set<string>()
  for (const one of series) {
    if (!METRIC_NAME.test(one.name)) throw new Error(`invalid metric name ${JSON.stringify(one.name)}`)
    const key = `${one.name}${labelSet(one)}`
    if (seen.has(key)) throw new Error(`${key} is given twice; merge its samples into one series`)
    seen.add(key)
    const lines = families.get(one.name) ?? [`# TYPE ${one.name} gauge`]
    for (const sample of sortedSamples(one, key)) {
      lines.push(`${key} ${formatValue(sample.value)} ${formatTimestamp(sample.timestamp)}`)
    }
    families.set(one.name, lines)
  }
  return [...[...families.values()].flat(), '# EOF', ''].join('\n')
}
