import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { compilePipeline } from '@platform/ad-features'
import { ModelMetadata } from '@platform/contracts'
import { committedModels } from '../fixtures/test-app.js'
import { loadModelVersion } from '../models/model-loader.js'
import { writeArtifact } from './artifact-writer.js'
import { rocAuc } from './evaluation.js'
import { trainLightGbmArtifact } from './lightgbm-artifact.js'
import { fraudFeatures } from './model-specs.js'
import { seededRandom } from '@platform/seeded-random'
import { fraudTrainingSet } from './training-sets.js'

describe('LightGBM training and ONNX export (real LightGBM and ONNX Runtime)', () => {
  it('exports a fraud model whose ONNX scores equal LightGBM and that the server loads and scores alike', async () => {
    const data = fraudTrainingSet(5, 4000)
    const artifact = await trainLightGbmArtifact({
      name: 'fraud',
      version: '0.0.1',
      features: fraudFeatures,
      data,
      kind: 'classifier',
      threshold: 'f1',
      params: { num_leaves: 15, learning_rate: 0.1, num_threads: 1, seed: 5, deterministic: true, verbosity: -1 },
      rounds: 40,
      random: seededRandom(5),
      now: new Date(0)
    })
    const metrics = artifact.metadata.training.metrics
    expect(metrics.onnx_lightgbm_max_abs_diff).toBeLessThan(1e-5)
    expect(metrics.auc).toBeGreaterThan(0.8)
    expect(artifact.metadata.inputs[0]?.datatype).toBe('FP64')

    const dir = await mkdtemp(join(tmpdir(), 'ml-inference-train-'))
    onTestFinished(async () => rm(dir, { recursive: true, force: true }))
    const model = await loadModelVersion(await writeArtifact(dir, artifact), 'fraud', '0.0.1', { intraOpThreads: 1, graphOptimization: 'all' }, { maxBatchRows: 64, maxWaitMs: 0 })
    onTestFinished(async () => model.release())
    const rows = data.test.map((d) => d.row)
    // The serving pipeline, compiled from metadata.json, encodes exactly as the training one did.
    expect(model.pipeline.encodeMany(rows)).toEqual(compilePipeline(fraudFeatures).encodeMany(rows))
    // So the served scores are the ones the trainer measured: the same AUC on the same rows.
    const served = await model.score(model.pipeline.encodeMany(rows), rows.length)
    expect(rocAuc(served, data.test.map((d) => d.label))).toBeCloseTo(metrics.auc ?? Number.NaN, 6)
  })

  it('the committed fraud model, served, scores its own test rows as its metadata says', async () => {
    const version = (await readFile(join(committedModels, 'fraud', 'latest'), 'utf8')).trim()
    const dir = join(committedModels, 'fraud', version)
    const metadata = ModelMetadata.parse(JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')))
    const seed = /seed=(\d+), rows=(\d+)/.exec(metadata.training.dataset)
    const data = fraudTrainingSet(Number(seed?.[1]), Number(seed?.[2]))
    expect(data.dataSha256).toBe(metadata.training.data_sha256)
    const model = await loadModelVersion(dir, 'fraud', version, { intraOpThreads: 1, graphOptimization: 'all' }, { maxBatchRows: 1000, maxWaitMs: 0 })
    onTestFinished(async () => model.release())
    const rows = data.test.map((d) => d.row)
    const served = await model.score(model.pipeline.encodeMany(rows), rows.length)
    expect(rocAuc(served, data.test.map((d) => d.label))).toBeCloseTo(metadata.training.metrics.auc ?? Number.NaN, 6)
  })

  it('committed tree models carry their parity proof and a metadata file that parses', async () => {
    for (const name of ['fraud', 'bid']) {
      const version = (await readFile(join(committedModels, name, 'latest'), 'utf8')).trim()
      const metadata = ModelMetadata.parse(JSON.parse(await readFile(join(committedModels, name, version, 'metadata.json'), 'utf8')))
      expect(metadata.framework).toBe('lightgbm')
      expect(metadata.training.metrics.onnx_lightgbm_max_abs_diff).toBeLessThan(1e-5)
    }
  })
})
