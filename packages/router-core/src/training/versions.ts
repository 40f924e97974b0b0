/**
 * Orders model versions as people mean them: numeric runs compare as numbers, so `v10` follows
 * `v9` and `2026-11-02.10` follows `2026-11-02.9` (string order gets both wrong).
 */
export function compareVersions (a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? []
  const pb = b.match(/\d+|\D+/g) ?? []
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN
    const order = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny
    if (order !== 0) return order
  }
  return 0
}

/** A new version name after every existing one: the UTC date plus a counter for that day. */
export function nextVersion (existing: readonly string[], now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '')
  const counters = existing.filter((v) => v.startsWith(`${day}.`)).map((v) => Number(v.slice(day.length + 1))).filter(Number.isFinite)
  return `${day}.${counters.length === 0 ? 1 : Math.max(...counters) + 1}`
}
