import { normalCdf } from '../normal-cdf.js'

export interface SampleSummary { n: number, mean: number, variance: number }

export function summariseSample (values: readonly number[]): SampleSummary {
  const n = values.length
  if (n === 0) return { n: 0, mean: Number.NaN, variance: Number.NaN }
  const mean = values.reduce((s, v) => s + v, 0) / n
  const variance = n < 2 ? Number.NaN : values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)
  return { n, mean, variance }
}

export interface TestResult { difference: number | null, pValue: number | null }

/** Log-gamma (Lanczos), for the incomplete beta function behind Student's t. */
function logGamma (x: number): number {
  const g = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let a = 0.99999999999980993
  for (let i = 0; i < g.length; i++) a += (g[i] as number) / (z + i + 1)
  const t = z + g.length - 0.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes 6.4). */
function incompleteBeta (x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a)
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - (logGamma(a) + logGamma(b) - logGamma(a + b))) / a
  let f = 1; let c = 1; let d = 0
  for (let i = 0; i <= 300; i++) {
    const m = Math.floor(i / 2)
    const numerator = i === 0 ? 1 : i % 2 === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
    d = 1 + numerator * d
    d = Math.abs(d) < 1e-30 ? 1e-30 : 1 / d
    c = 1 + numerator / c
    if (Math.abs(c) < 1e-30) c = 1e-30
    f *= c * d
    if (Math.abs(1 - c * d) < 1e-10) break
  }
  return front * (f - 1)
}

/** Two-sided p-value of Student's t with `df` degrees of freedom. */
export function studentTwoSidedP (t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5)
}

/** Welch's unequal-variance t-test on treatment minus control. */
export function welchTTest (control: SampleSummary, treatment: SampleSummary): TestResult {
  if (control.n < 2 || treatment.n < 2) return { difference: control.n > 0 && treatment.n > 0 ? treatment.mean - control.mean : null, pValue: null }
  const vc = control.variance / control.n
  const vt = treatment.variance / treatment.n
  const difference = treatment.mean - control.mean
  const se = Math.sqrt(vc + vt)
  if (se === 0) return { difference, pValue: difference === 0 ? 1 : 0 }
  const df = (vc + vt) ** 2 / (vc ** 2 / (control.n - 1) + vt ** 2 / (treatment.n - 1))
  return { difference, pValue: studentTwoSidedP(difference / se, df) }
}

/** Pooled two-proportion z-test on success rates, treatment minus control. */
export function twoProportionZTest (controlSuccesses: number, controlN: number, treatmentSuccesses: number, treatmentN: number): TestResult {
  if (controlN === 0 || treatmentN === 0) return { difference: null, pValue: null }
  const pc = controlSuccesses / controlN
  const pt = treatmentSuccesses / treatmentN
  const pooled = (controlSuccesses + treatmentSuccesses) / (controlN + treatmentN)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / controlN + 1 / treatmentN))
  if (se === 0) return { difference: pt - pc, pValue: pt === pc ? 1 : 0 }
  const z = (pt - pc) / se
  return { difference: pt - pc, pValue: 2 * (1 - normalCdf(Math.abs(z))) }
}
