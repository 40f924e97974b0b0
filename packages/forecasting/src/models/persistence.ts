import type { PointFitter } from './point-model.js'

/** Persistence (naive): every future step equals the last observation. */
export const fitPersistence: PointFitter = (values) => {
  let last = values[values.length - 1] ?? 0
  return {
    describe: () => 'persistence',
    predict: (horizon) => new Float64Array(horizon).fill(last),
    update: (next) => {
      if (next.length > 0) last = next[next.length - 1] as number
    }
  }
}
