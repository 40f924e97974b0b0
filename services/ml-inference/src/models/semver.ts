/** Orders MAJOR.MINOR.PATCH numerically (so 1.10.0 > 1.9.0, unlike a string sort). */
export function compareVersions (a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}

export const isSemver = (text: string): boolean => /^\d+\.\d+\.\d+$/.test(text)

export function highestVersion (versions: Iterable<string>): string | undefined {
  let best: string | undefined
  for (const version of versions) if (best === undefined || compareVersions(version, best) > 0) best = version
  return best
}
