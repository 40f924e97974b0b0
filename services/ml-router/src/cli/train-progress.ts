import { MultiBar, Presets, type SingleBar } from 'cli-progress'
import type { TrainProgress } from '@platform/router-engine'

export interface ProgressView {
  fetched: (count: number) => void
  update: (progress: TrainProgress) => void
  stop: () => void
}

export interface ProgressOptions {
  /** Non-TTY: at most one line per model per this many ms, besides its first and last. */
  intervalMs?: number
  now?: () => number
}

/**
 * Training progress on stderr: a bar per model on a terminal; plain lines otherwise (CI logs,
 * redirects), where cli-progress would print one unstarted bar with its placeholders at stop.
 */
export function progressView (stream: NodeJS.WritableStream & { isTTY?: boolean }, options: ProgressOptions = {}): ProgressView {
  return stream.isTTY === true ? barView(stream) : lineView(stream, options.intervalMs ?? 10_000, options.now ?? Date.now)
}

function barView (stream: NodeJS.WritableStream): ProgressView {
  const bars = new MultiBar({ stream, format: '{model} [{bar}] {value}/{total} iterations', hideCursor: true }, Presets.shades_classic)
  const perModel = new Map<string, SingleBar>()
  return {
    fetched: (count) => { stream.write(`\rfetched ${count} records`) },
    update: ({ model, iteration, total }) => {
      let bar = perModel.get(model)
      if (bar === undefined) {
        bar = bars.create(total, 0, { model: model.padEnd(8) })
        perModel.set(model, bar)
      }
      bar.update(iteration)
    },
    stop: () => { bars.stop() }
  }
}

function lineView (stream: NodeJS.WritableStream, intervalMs: number, now: () => number): ProgressView {
  let current: (TrainProgress & { printedAt: number }) | undefined
  const finish = () => {
    if (current !== undefined) stream.write(`${current.model}: done after ${current.iteration} of at most ${current.total} iterations\n`)
    current = undefined
  }
  return {
    fetched: (count) => { stream.write(`fetched ${count} records\n`) },
    update: (progress) => {
      if (current?.model !== progress.model) {
        finish()
        stream.write(`${progress.model}: training (at most ${progress.total} iterations)\n`)
        current = { ...progress, printedAt: now() }
        return
      }
      current = { ...progress, printedAt: current.printedAt }
      if (now() - current.printedAt >= intervalMs) {
        stream.write(`${progress.model}: iteration ${progress.iteration}/${progress.total}\n`)
        current.printedAt = now()
      }
    },
    stop: finish
  }
}
