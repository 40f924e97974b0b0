import type { MetricSource, Samples } from './metric-source.js'

/**
 * A workload's recent samples, fetched incrementally: the first refresh loads the whole window,
 * later ones only the steps after the last sample held. Older samples fall out of the window.
 */
export class SeriesHistory {
  timestamps: number[] = []
  values: number[] = []

  constructor (private readonly windowSeconds: number, private readonly stepSeconds: number) {}

  /** Fetches what is new up to `nowMs` (and the last held step again); returns how many samples were added. */
  async refresh (source: MetricSource, nowMs: number, signal?: AbortSignal): Promise<number> {
    const range = this.range(nowMs)
    return this.absorb(await source.fetch(range.start, range.end, this.stepSeconds, signal), range.windowStart)
  }

  /**
   * What the next fetch asks for: from the last held step (its value may have been partial, and
   * every tick then really reaches the source, so an outage shows up at once), or the whole window.
   */
  range (nowMs: number): { start: number, end: number, windowStart: number } {
    const stepMs = this.stepSeconds * 1000
    const end = Math.floor(nowMs / stepMs) * stepMs
    const windowStart = end - this.windowSeconds * 1000
    const last = this.timestamps.at(-1)
    return { start: last === undefined || last < windowStart ? windowStart : Math.min(last, end), end, windowStart }
  }

  /** Takes fetched samples (the held last step is overwritten), then drops what left the window. */
  absorb (fresh: Samples, windowStart: number): number {
    const last = this.timestamps.at(-1)
    if (last !== undefined && last < windowStart) this.clear()
    let added = 0
    for (let i = 0; i < fresh.timestamps.length; i++) {
      const t = fresh.timestamps[i] as number
      const held = this.timestamps.at(-1) ?? -Infinity
      if (t === held) this.values[this.values.length - 1] = fresh.values[i] as number
      if (t <= held) continue
      this.timestamps.push(t)
      this.values.push(fresh.values[i] as number)
      added++
    }
    this.trim(windowStart)
    return added
  }

  /** Samples strictly after `afterMs` (the new actuals since a point in time). */
  since (afterMs: number): { timestamps: number[], values: number[] } {
    const from = this.timestamps.findIndex((t) => t > afterMs)
    if (from === -1) return { timestamps: [], values: [] }
    return { timestamps: this.timestamps.slice(from), values: this.values.slice(from) }
  }

  private clear (): void {
    this.timestamps = []
    this.values = []
  }

  private trim (windowStart: number): void {
    let drop = 0
    while (drop < this.timestamps.length && (this.timestamps[drop] as number) < windowStart) drop++
    if (drop > 0) {
      this.timestamps.splice(0, drop)
      this.values.splice(0, drop)
    }
  }
}
