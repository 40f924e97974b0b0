import { readFileSync } from 'node:fs'

/**
 * The `version` of the package that contains `moduleUrl` (a file directly under `src/` or
 * `dist/`), so logs and metrics carry the deployed version without a build step writing it.
 */
export function packageVersion (moduleUrl: string): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', moduleUrl), 'utf8')) as { version?: unknown }
  if (typeof pkg.version !== 'string') throw new Error(`no version in the package.json next to ${moduleUrl}`)
  return pkg.version
}
