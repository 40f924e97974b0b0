// The bits of LightGBM's per-node decision_type (include/LightGBM/tree.h) and the constants its
// numerical decision uses.

export const MissingType = { none: 0, zero: 1, nan: 2 } as const
export type MissingType = typeof MissingType[keyof typeof MissingType]

export function isCategorical (decisionType: number): boolean {
  return (decisionType & 1) !== 0
}

/** Where missing values (per the missing type) go: the left (`value <= threshold`) child or the right one. */
export function defaultLeft (decisionType: number): boolean {
  return (decisionType & 2) !== 0
}

export function missingType (decisionType: number): MissingType {
  return ((decisionType >> 2) & 3) as MissingType
}

/**
 * LightGBM's kZeroThreshold: `const double kZeroThreshold = 1e-35f`, a float literal widened to
 * double. With missing type Zero, values in [-kZeroThreshold, kZeroThreshold] count as missing.
 */
export const ZERO_THRESHOLD = Math.fround(1e-35)
