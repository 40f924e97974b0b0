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
  // Each range is tested on the value as rounded for it, so 999.96 prints as 1000, not 1000.0.
  const at = (digits: number): number => Math.abs(Number(value.toFixed(digits)))
  if (Number.isInteger(value) || at(1) >= 1000) return Math.round(value).toString()
  if (at(2) >= 100) return value.toFixed(1)
  if (at(3) >= 10) return value.toFixed(2)
  return value.toFixed(3)
}
