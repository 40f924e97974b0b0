/** Renders rows as a fixed-width text table; numbers are right-aligned, text left-aligned. */
export function formatTable (header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => typeof cell === 'number' ? formatNumber(cell) : cell))
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)))
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'))
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => numeric[i] === true ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  const [head = [], ...body] = cells
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

/** Four significant digits for small numbers, thousands without a fraction; never exponent notation. */
export function formatNumber (value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  if (Number.isInteger(value) || abs >= 1000) return Math.round(value).toString()
  if (abs >= 100) return value.toFixed(1)
  if (abs >= 10) return value.toFixed(2)
  return value.toFixed(3)
}
