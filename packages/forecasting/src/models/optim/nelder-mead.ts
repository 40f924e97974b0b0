/**
 * Nelder-Mead simplex minimiser (Lagarias et al. 1998 coefficients). Every model here has at
 * most a handful of parameters, so a derivative-free method is simpler and as fast as a
 * quasi-Newton one. Non-finite objective values count as +Infinity, so an objective can reject
 * a region (non-stationary, unstable) by returning NaN or Infinity.
 */
interface NelderMeadOptions {
  /** Stop after this many objective evaluations. */
  readonly maxEvaluations?: number
  /** Stop when the spread of simplex values falls below this (relative to |best| + 1e-10). */
  readonly tolerance?: number
  /** Initial simplex step per coordinate. */
  readonly step?: number
  /** ...and the simplex is at most this wide in every coordinate (equal values at distinct points are not convergence). */
  readonly xTolerance?: number
}

interface NelderMeadResult {
  readonly x: Float64Array
  readonly value: number
  readonly evaluations: number
}

export function nelderMead (
  objective: (x: Float64Array) => number,
  start: ArrayLike<number>,
  { maxEvaluations = 400, tolerance = 1e-8, step = 0.1, xTolerance = 1e-3 }: NelderMeadOptions = {}
): NelderMeadResult {
  const dim = start.length
  let evaluations = 0
  const f = (x: Float64Array): number => {
    evaluations++
    const v = objective(x)
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY
  }
  const simplex: Float64Array[] = []
  const values = new Float64Array(dim + 1)
  for (let i = 0; i <= dim; i++) {
    const vertex = Float64Array.from(start)
    if (i > 0) vertex[i - 1] = (vertex[i - 1] ?? 0) + step
    simplex.push(vertex)
    values[i] = f(vertex)
  }
  if (dim === 0) return { x: new Float64Array(0), value: values[0] ?? Number.POSITIVE_INFINITY, evaluations }

  const order = Array.from({ length: dim + 1 }, (_, i) => i)
  const centroid = new Float64Array(dim)
  const trial = new Float64Array(dim)
  const trial2 = new Float64Array(dim)
  const at = (i: number): Float64Array => simplex[i] as Float64Array
  const val = (i: number): number => values[i] as number
  const along = (out: Float64Array, from: Float64Array, coef: number): void => {
    for (let j = 0; j < dim; j++) out[j] = (centroid[j] as number) + coef * ((from[j] as number) - (centroid[j] as number))
  }

  // `evaluations` grows inside f(), so the budget is checked at the top of each iteration.
  for (;;) {
    if (evaluations >= maxEvaluations) break
    order.sort((a, b) => val(a) - val(b))
    const best = order[0] as number
    const worst = order[dim] as number
    const secondWorst = order[dim - 1] as number
    const spread = Math.abs(val(worst) - val(best))
    if (Number.isFinite(spread) && spread <= tolerance * (Math.abs(val(best)) + 1e-10) && width(best) <= xTolerance) break

    centroid.fill(0)
    for (let k = 0; k < dim; k++) {
      const v = at(order[k] as number)
      for (let j = 0; j < dim; j++) centroid[j] = (centroid[j] as number) + (v[j] as number) / dim
    }
    along(trial, at(worst), -1)
    const fr = f(trial)
    if (fr < val(best)) {
      along(trial2, at(worst), -2)
      const fe = f(trial2)
      if (fe < fr) accept(worst, trial2, fe)
      else accept(worst, trial, fr)
      continue
    }
    if (fr < val(secondWorst)) {
      accept(worst, trial, fr)
      continue
    }
    const outside = fr < val(worst)
    along(trial2, outside ? trial : at(worst), 0.5)
    const fc = f(trial2)
    if (fc < (outside ? fr : val(worst))) {
      accept(worst, trial2, fc)
      continue
    }
    const b = at(best)
    for (let k = 1; k <= dim; k++) {
      const i = order[k] as number
      const v = at(i)
      for (let j = 0; j < dim; j++) v[j] = (b[j] as number) + 0.5 * ((v[j] as number) - (b[j] as number))
      values[i] = f(v)
    }
  }
  let bestIndex = 0
  for (let i = 1; i <= dim; i++) if (val(i) < val(bestIndex)) bestIndex = i
  return { x: Float64Array.from(at(bestIndex)), value: val(bestIndex), evaluations }

  function width (best: number): number {
    const b = at(best)
    let max = 0
    for (let i = 0; i <= dim; i++) {
      const v = at(i)
      for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs((v[j] as number) - (b[j] as number)))
    }
    return max
  }

  function accept (index: number, vertex: Float64Array, value: number): void {
    at(index).set(vertex)
    values[index] = value
  }
}
