import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** docs/forecasting.md, where the benchmark records its measured figures. */
export const FORECASTING_DOC = resolve(import.meta.dirname, '../../../docs/forecasting.md')

/**
 * Replaces the text between `<!-- bench:NAME:begin -->` and `<!-- bench:NAME:end -->` in `file`,
 * so a run rewrites its own figures and leaves the hand-written text around them alone.
 */
export function writeDocSection (file: string, name: string, content: string): void {
  const begin = `<!-- bench:${name}:begin -->`
  const end = `<!-- bench:${name}:end -->`
  const text = readFileSync(file, 'utf8')
  const from = text.indexOf(begin)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin} ... ${end} section`)
  writeFileSync(file, `${text.slice(0, from + begin.length)}\n${content.trim()}\n${text.slice(to)}`)
}
