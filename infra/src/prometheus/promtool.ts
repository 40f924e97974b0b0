import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const prometheusDir = fileURLToPath(new URL('../../prometheus/', import.meta.url))
export const rulesDir = join(prometheusDir, 'rules')
export const ruleFiles = () => readdirSync(rulesDir).filter((f) => f.endsWith('.rules.yml')).map((f) => join(rulesDir, f))

export interface PromtoolResult { status: number, output: string }

/** Runs the OS package's promtool; a missing binary is an error that says how to install it. */
export function promtool (args: readonly string[]): PromtoolResult {
  const result = spawnSync('promtool', args, { cwd: prometheusDir, encoding: 'utf8' })
  if (result.error !== undefined) {
    throw new Error('promtool not found: run scripts/install-system-deps.sh (apt-get install -y prometheus)', { cause: result.error })
  }
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` }
}
