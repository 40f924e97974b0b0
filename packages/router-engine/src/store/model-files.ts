import { createHash } from 'node:crypto'
import { z } from 'zod'
import { ModelMetrics, providerIds } from '@platform/contracts'
import { Booster } from '@platform/lightgbm'
import { featureSchemaHash } from '@platform/router-core'
import { ModelBundle } from '../models/model-bundle.js'
import { modelKinds, type ModelKind } from '../models/model-params.js'

export const modelFileNames: Record<ModelKind, string> = { cost: 'cost.txt', latency: 'latency.txt', success: 'success.txt', provider: 'provider.txt' }

/** `metadata.json` of one version folder. */
export const ModelMetadata = z.object({
  version: z.string(),
  createdAt: z.string(),
  featureSchemaVersion: z.number().int(),
  featureSchemaHash: z.string(),
  trainingWindow: z.object({ from: z.string(), to: z.string() }),
  counts: z.object({ training: z.number().int(), validation: z.number().int() }),
  parameters: z.record(z.string(), z.unknown()),
  bestIterations: z.record(z.string(), z.number().int()),
  calibration: z.object({
    costSmearing: z.array(z.number().positive()).length(providerIds.length),
    latencySmearing: z.array(z.number().positive()).length(providerIds.length),
    errorScales: z.object({ cost: z.number(), latency: z.number(), failure: z.number() })
  }),
  metrics: ModelMetrics,
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/))
})
export type ModelMetadata = z.infer<typeof ModelMetadata>

/** A model version that cannot be served; the message says which file or check failed. */
export class ModelLoadError extends Error {
  /** @param reason what failed, without the version (fallback reasons quote it) */
  constructor (readonly version: string, readonly reason: string, options?: ErrorOptions) {
    super(`model ${version}: ${reason}`, options)
    this.name = 'ModelLoadError'
  }
}

export function sha256 (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** The four model texts in LightGBM's own format. */
export function bundleTexts (bundle: ModelBundle): Record<ModelKind, string> {
  return Object.fromEntries(modelKinds.map((kind) => [kind, bundle.boosters[kind].saveModelToString({ importanceType: 'gain' })])) as Record<ModelKind, string>
}

/**
 * Checks the feature-schema hash and every file's sha256 against the metadata before LightGBM
 * parses anything, so a truncated, edited or foreign file is refused with its name.
 */
export function bundleFromTexts (metadata: ModelMetadata, texts: Record<ModelKind, string>): ModelBundle {
  if (metadata.featureSchemaHash !== featureSchemaHash) {
    throw new ModelLoadError(metadata.version, `feature schema ${metadata.featureSchemaHash.slice(0, 12)} does not match this build's ${featureSchemaHash.slice(0, 12)}; retrain it`)
  }
  for (const kind of modelKinds) {
    const expected = metadata.files[modelFileNames[kind]]
    if (expected === undefined) throw new ModelLoadError(metadata.version, `metadata lists no checksum for ${modelFileNames[kind]}`)
    if (sha256(texts[kind]) !== expected) throw new ModelLoadError(metadata.version, `${modelFileNames[kind]} fails its sha256 check (corrupt or edited)`)
  }
  const boosters: Partial<Record<ModelKind, Booster>> = {}
  try {
    for (const kind of modelKinds) boosters[kind] = Booster.fromString(texts[kind])
  } catch (err) {
    for (const booster of Object.values(boosters)) booster.dispose()
    throw new ModelLoadError(metadata.version, 'LightGBM could not load a model file', { cause: err })
  }
  return new ModelBundle(boosters as Record<ModelKind, Booster>, metadata.calibration)
}
