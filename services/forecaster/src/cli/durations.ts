import { InvalidArgumentError } from 'commander'
import { parseDurationSeconds as durationSeconds } from '@platform/contracts'

/** Parses a duration such as `30m`, `1m`, `14d`, `90s` (the service's Go-style syntax) or `600` (seconds) to whole seconds. */
export function parseDurationSeconds (text: string): number {
  const seconds = durationSeconds(text.trim())
  if (!(seconds !== undefined && Number.isInteger(seconds) && seconds > 0)) {
    throw new InvalidArgumentError(`"${text}" is not a positive whole number of seconds (e.g. 90s, 30m, 1h, 14d, 600)`)
  }
  return seconds
}

/** Parses `0.5,0.9` into distinct levels in (0, 1), ascending. */
export function parseQuantiles (text: string): number[] {
  const levels = text.split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number)
  if (levels.length === 0 || !levels.every((q) => q > 0 && q < 1)) {
    throw new InvalidArgumentError(`"${text}" is not a comma-separated list of levels in (0, 1), e.g. 0.5,0.9`)
  }
  return [...new Set(levels)].sort((a, b) => a - b)
}

/** Parses a finite number > 0. */
export function parsePositive (text: string): number {
  const value = Number(text)
  if (!(Number.isFinite(value) && value > 0)) throw new InvalidArgumentError(`"${text}" is not a number > 0`)
  return value
}
