/** Log-spaced latency bins from 5 ms to 10 min: percentiles to within about 13% from a fixed-size counter array. */
export const histogramBins = 96
const lowMs = 5
const highMs = 600_000
const logLow = Math.log(lowMs)
const binWidth = (Math.log(highMs) - logLow) / histogramBins

export function latencyBin (latencyMs: number): number {
  const bin = Math.floor((Math.log(Math.max(latencyMs, lowMs)) - logLow) / binWidth)
  return Math.min(histogramBins - 1, Math.max(0, bin))
}

/** The geometric centre of a bin, the value reported for a percentile that falls in it. */
function binCentre (bin: number): number {
  return Math.exp(logLow + (bin + 0.5) * binWidth)
}

export function histogramPercentile (counts: ArrayLike<number>, total: number, q: number): number {
  if (total <= 0) return Number.NaN
  const target = q * total
  let seen = 0
  for (let bin = 0; bin < histogramBins; bin++) {
    seen += counts[bin] ?? 0
    if (seen >= target) return binCentre(bin)
  }
  return binCentre(histogramBins - 1)
}
