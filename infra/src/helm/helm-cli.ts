import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'
import { helmBinary } from './helm-binary.js'

export const helmRoot = fileURLToPath(new URL('../../../helm/', import.meta.url))
export const serviceCharts = ['forecaster', 'ml-router', 'ml-inference'] as const
export type ServiceChart = typeof serviceCharts[number]
/** A service chart, or the umbrella chart `platform` that installs the three together. */
export type Chart = ServiceChart | 'platform'

/** A rendered Kubernetes object, loosely typed: the checks read the fields they need. */
export interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string, labels?: Record<string, string> }
  spec?: Record<string, unknown>
  data?: Record<string, string>
}

// Helm keeps repositories and caches under $HOME by default; point them at a throwaway folder.
const helmHome = mkdtempSync(join(tmpdir(), 'helm-home-'))
// eslint-disable-next-line no-restricted-properties -- the child inherits PATH; only helm's own folders change
const env = { ...process.env, HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_DATA_HOME: join(helmHome, 'data') }

/** Runs helm and returns stdout; a failing helm throws with its stderr in the message. */
export function helm (args: readonly string[], input?: string): string {
  try {
    return execFileSync(helmBinary(), args, { env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? ''
    throw new Error(`helm ${args.join(' ')} failed: ${stderr.trim()}`, { cause: err })
  }
}

/** Vendors file:// dependencies into charts/ (no network): the library chart, or for `platform` the service charts. */
export function buildDependencies (chart: Chart): void {
  helm(['dependency', 'build', '--skip-refresh', join(helmRoot, chart)])
}

/** `helm template` with the defaults overridden by `values`. */
export function renderChart (chart: Chart, values: Record<string, unknown> = {}): Manifest[] {
  const out = helm(['template', 'release', join(helmRoot, chart), '--namespace', 'platform', '-f', '-'], JSON.stringify(values))
  return parseAllDocuments(out).map((doc) => doc.toJS() as Manifest | null).filter((m): m is Manifest => m !== null)
}

export function lintChart (chart: Chart, values: Record<string, unknown> = {}): string {
  return helm(['lint', '--strict', join(helmRoot, chart), '-f', '-'], JSON.stringify(values))
}
