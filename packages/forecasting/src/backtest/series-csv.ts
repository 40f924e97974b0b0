/**
 * Parser for the `timestamp,value` CSV the backtest CLI and the benchmarks read. It only turns
 * text into samples: ordering, duplicates, gaps and grid alignment are series preparation's job,
 * so samples come back in file order.
 */

export interface RawSamples {
  /** Sample times in epoch milliseconds, in file order. */
  readonly timestamps: Float64Array
  readonly values: Float64Array
}

export class SeriesCsvError extends Error {
  readonly line: number

  constructor (line: number, message: string) {
    super(`line ${line}: ${message}`)
    this.name = 'SeriesCsvError'
    this.line = line
  }
}

const UNIX_SECONDS = /^-?\d+(\.\d+)?$/
// 1e11 s is the year 5138: a larger number is milliseconds (or finer), not seconds.
const MAX_UNIX_SECONDS = 1e11
// RFC 3339 date-time; a space is accepted for `T` as RFC 3339 section 5.6 allows.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** Parses one timestamp (RFC 3339 or unix seconds) to epoch ms, or NaN when it is neither. */
export function parseTimestamp (text: string): number {
  if (UNIX_SECONDS.test(text)) return Math.abs(Number(text)) < MAX_UNIX_SECONDS ? Number(text) * 1000 : Number.NaN
  const m = RFC3339.exec(text)
  if (m === null) return Number.NaN
  const ms = Date.parse(text.replace(' ', 'T'))
  // Date.parse rolls 2021-02-30 over to March 2; a real calendar date keeps its fields.
  const [, y, mo, d, h, mi, s] = m.map(Number)
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)))
  const valid = date.getUTCFullYear() === y && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === d &&
    date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s
  return valid ? ms : Number.NaN
}

/** A field without the double quotes a spreadsheet export may put around it. */
const unquoted = (field: string): string => field.length >= 2 && field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).trim() : field

/**
 * Parses `timestamp,value` rows, fields optionally in double quotes. A first line
 * `timestamp,value` is a header; blank lines are skipped. Any other malformed row throws a
 * SeriesCsvError naming its line.
 */
export function parseSeriesCsv (text: string): RawSamples {
  const lines = text.split(/\r?\n/)
  const timestamps: number[] = []
  const values: number[] = []
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    const fields = line.split(',').map((f) => unquoted(f.trim()))
    if (index === 0 && fields.join(',').toLowerCase() === 'timestamp,value') return
    if (fields.length !== 2) throw new SeriesCsvError(index + 1, `expected 2 fields "timestamp,value", got ${fields.length}`)
    const [tsText = '', valueText = ''] = fields
    const t = parseTimestamp(tsText)
    if (!Number.isFinite(t)) {
      const why = UNIX_SECONDS.test(tsText) ? 'is too large for unix seconds (milliseconds? send seconds or RFC 3339)' : 'is neither RFC 3339 nor unix seconds'
      throw new SeriesCsvError(index + 1, `timestamp "${tsText}" ${why}`)
    }
    const value = NUMBER.test(valueText) ? Number(valueText) : Number.NaN
    if (!Number.isFinite(value)) throw new SeriesCsvError(index + 1, `value "${valueText}" is not a finite number`)
    timestamps.push(t)
    values.push(value)
  })
  return { timestamps: Float64Array.from(timestamps), values: Float64Array.from(values) }
}
