/**
 * Lag polynomials for ARIMA. AR and MA coefficients are parameterised through partial
 * autocorrelations (tanh of the free coordinate, then Durbin-Levinson, as R's `arima` does with
 * `transform.pars`), so every point the optimiser visits is stationary and invertible.
 */

/** A sparse lag polynomial `sum coef[k] * B^lag[k]` (the leading 1 is implied). */
export interface SparseLags {
  readonly lags: Int32Array
  readonly coefs: Float64Array
  readonly maxLag: number
}

/**
 * Maps free coordinates free[offset .. offset + a.length) to the coefficients `a` of a
 * stationary AR polynomial `1 - sum a_i B^i` (written in place; `work` is scratch space of
 * the same length), multiplied by `sign` (-1 gives an invertible MA polynomial `1 + sum ...`).
 */
export function pacfToAr (free: ArrayLike<number>, offset: number, a: Float64Array, work: Float64Array, sign: 1 | -1): void {
  const p = a.length
  for (let k = 0; k < p; k++) {
    const r = Math.tanh(free[offset + k] as number)
    for (let j = 0; j < k; j++) work[j] = a[j] as number
    a[k] = r
    for (let j = 0; j < k; j++) a[j] = (work[j] as number) - r * (work[k - 1 - j] as number)
  }
  if (sign === -1) for (let k = 0; k < p; k++) a[k] = -(a[k] as number)
}

/** Lags with a (possibly) non-zero coefficient in `(1 + sum B^i, i<=p)(1 + sum B^{s j}, j<=P)`, ascending. */
export function lagPositions (p: number, P: number, s: number): Int32Array {
  const lags = new Set<number>()
  for (let i = 1; i <= p; i++) lags.add(i)
  for (let j = 1; j <= P; j++) {
    lags.add(j * s)
    for (let i = 1; i <= p; i++) lags.add(j * s + i)
  }
  return Int32Array.from([...lags].sort((x, y) => x - y))
}

/**
 * Expands `(1 + sign*sum x_i B^i)(1 + sign*sum X_j B^{s j})` into `1 + sign * sum c_l B^l`
 * and returns `c` sparsely. With sign -1 this is the AR side, with +1 the MA side.
 */
export function expandSeasonal (nonSeasonal: Float64Array, seasonal: Float64Array, s: number, sign: 1 | -1): SparseLags {
  const dense = new Float64Array(nonSeasonal.length + seasonal.length * s + 1)
  expandInto(nonSeasonal, seasonal, s, sign, dense)
  const lags: number[] = []
  const coefs: number[] = []
  for (let l = 1; l < dense.length; l++) {
    if (dense[l] !== 0) {
      lags.push(l)
      coefs.push(dense[l] as number)
    }
  }
  return { lags: Int32Array.from(lags), coefs: Float64Array.from(coefs), maxLag: lags.length > 0 ? (lags[lags.length - 1] as number) : 0 }
}

/** The dense form of `expandSeasonal`, written into `dense` (index = lag, length >= p + P s + 1). */
export function expandInto (nonSeasonal: Float64Array, seasonal: Float64Array, s: number, sign: 1 | -1, dense: Float64Array): void {
  dense.fill(0)
  for (let i = 0; i < nonSeasonal.length; i++) dense[i + 1] = (dense[i + 1] as number) + (nonSeasonal[i] as number)
  for (let j = 0; j < seasonal.length; j++) {
    const sj = (j + 1) * s
    dense[sj] = (dense[sj] as number) + (seasonal[j] as number)
    // The cross term has sign (sign)^2 = +1 in the product; divide by sign to express it in c.
    for (let i = 0; i < nonSeasonal.length; i++) {
      dense[sj + i + 1] = (dense[sj + i + 1] as number) + sign * (nonSeasonal[i] as number) * (seasonal[j] as number)
    }
  }
}

/** Coefficients of `(1 - B)^d (1 - B^s)^D`, dense, index = lag, [0] = 1. */
export function differencingPolynomial (d: number, seasonalD: number, s: number): Float64Array {
  let poly = Float64Array.of(1)
  const multiply = (lag: number): void => {
    const next = new Float64Array(poly.length + lag)
    for (let i = 0; i < poly.length; i++) {
      next[i] = (next[i] as number) + (poly[i] as number)
      next[i + lag] = (next[i + lag] as number) - (poly[i] as number)
    }
    poly = next
  }
  for (let i = 0; i < d; i++) multiply(1)
  for (let i = 0; i < seasonalD; i++) multiply(s)
  return poly
}

/** Applies a differencing polynomial: w[t] = sum poly[i] y[t + len - 1 - i], length n - len + 1. */
export function applyDifferencing (values: ArrayLike<number>, poly: Float64Array): Float64Array {
  const order = poly.length - 1
  const out = new Float64Array(Math.max(0, values.length - order))
  for (let t = 0; t < out.length; t++) {
    let sum = 0
    for (let i = 0; i <= order; i++) sum += (poly[i] as number) * (values[t + order - i] as number)
    out[t] = sum
  }
  return out
}
