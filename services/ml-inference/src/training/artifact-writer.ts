import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModelArtifact } from './linear-artifact.js'

/**
 * Writes `<modelDir>/<name>/<version>/{model.onnx,metadata.json}`. Files go to a temporary
 * directory first and are renamed into place, so a watching server never sees half a version.
 */
export async function writeArtifact (modelDir: string, { metadata, onnx }: ModelArtifact): Promise<string> {
  const modelRoot = join(modelDir, metadata.name)
  const staging = join(modelRoot, `.staging-${metadata.version}-${process.pid}`)
  await mkdir(staging, { recursive: true })
  await writeFile(join(staging, 'model.onnx'), onnx)
  await writeFile(join(staging, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`)
  const target = join(modelRoot, metadata.version)
  await rename(staging, target)
  return target
}

/** Points `<modelDir>/<name>/latest` at a version (atomic rename of a one-line file). */
export async function setLatest (modelDir: string, name: string, version: string): Promise<void> {
  const file = join(modelDir, name, 'latest')
  await writeFile(`${file}.tmp`, `${version}\n`)
  await rename(`${file}.tmp`, file)
}
