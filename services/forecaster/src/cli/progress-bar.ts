import { Presets, SingleBar } from 'cli-progress'
import type { Progress } from './run-backtest.js'

/** A progress bar on stderr when it is a terminal; nothing otherwise (pipes, CI, --json consumers). */
export function terminalProgress (stream: NodeJS.WriteStream = process.stderr): Progress & { stop (): void } {
  if (stream.isTTY !== true) return { start () {}, advance () {}, stop () {} }
  const bar = new SingleBar({ stream, format: 'backtest [{bar}] {percentage}% | {value}/{total} origins | eta {eta_formatted}', hideCursor: true }, Presets.shades_classic)
  let value = 0
  return {
    start (total) { bar.start(total, 0) },
    advance () { bar.update(++value) },
    stop () { bar.stop() }
  }
}
