import { z } from 'zod'

const unitSeconds: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }
const term = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y

const plainSeconds = /^\d+(?:\.\d+)?$/

/**
 * Seconds in a Go-style duration (`30s`, `1m`, `1h30m`, `7d`, `500ms`) or a plain number of seconds
 * (`60`, as an env var or flag carries a YAML number), or undefined when the text is neither. The
 * seed's flags take Go durations; `d` and `w` are added for windows.
 */
export function parseDurationSeconds (text: string): number | undefined {
  if (text === '') return undefined
  if (plainSeconds.test(text)) return Number(text)
  term.lastIndex = 0
  let total = 0
  while (term.lastIndex < text.length) {
    const start = term.lastIndex
    const match = term.exec(text)
    if (match === null || match.index !== start) return undefined
    total += Number(match[1]) * (unitSeconds[match[2] as string] as number)
  }
  // To the microsecond: 4.1m is 246 s, not the 245.99999999999997 that 4.1 * 60 makes.
  return Math.round(total * 1e6) / 1e6
}

function duration (allowZero: boolean) {
  const what = allowZero ? 'a duration >= 0' : 'a positive duration'
  return z.union([z.number(), z.string()], { error: `must be ${what} such as 30s, 1m, 1h30m or 7d (or a number of seconds)` })
    .transform((value, ctx) => {
      const seconds = typeof value === 'number' ? value : parseDurationSeconds(value.trim())
      if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0 || (seconds === 0 && !allowZero)) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not ${what} such as 30s, 1m, 1h30m, 7d or 60 (seconds)` })
        return z.NEVER
      }
      return seconds
    })
}

/** A duration as a Go-style string (`30s`, `1h30m`) or a number of seconds; parsed to seconds, > 0. */
export const Duration = duration(false)

/** Like Duration, but 0 (off) is allowed: lead time, stabilisation window. */
export const OptionalDuration = duration(true)
