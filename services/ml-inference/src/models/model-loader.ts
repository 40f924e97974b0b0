import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { ModelMetadata } from '@platform/contracts'
import { compilePipeline, type FeaturePipeline } from '@platform/ad-features'
import { InputBuffers } from '../serving/input-buffers.js'
import { MicroBatcher, type MicroBatchOptions } from '../serving/micro-batcher.js'
import { checkGraph } from './graph-check.js'

export interface OrtSettings {
  /** Threads inside one operator; 1 per worker keeps workers from fighting over cores. */
  intraOpThreads: number
  graphOptimization: 'disabled' | 'basic' | 'extended' | 'all'
}

export interface LoadedModel {
  readonly name: string
  readonly version: string
  readonly metadata: ModelMetadata
  readonly pipeline: FeaturePipeline
  /** sha256 of model.onnx + metadata.json: a reload reuses a version whose files did not change. */
  readonly fingerprint: string
  readonly loadSeconds: number
  readonly session: InferenceSession
  /** One score per request row (the task's output column), through the micro-batcher. */
  scoreRows(rows: readonly Row[]): Promise<Float32Array>
  /** One score per row of an already encoded row-major matrix, run at once (no batching). */
  score(features: Float32Array, rows: number): Promise<Float32Array>
  release(): Promise<void>
}

type Row = Readonly<Record<string, unknown>>

export class ModelLoadError extends Error {
  constructor (readonly model: string, readonly version: string, reason: string, options?: ErrorOptions) {
    super(`${model} ${version}: ${reason}`, options)
    this.name = 'ModelLoadError'
  }
}

function sessionOptions (settings: OrtSettings): InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    graphOptimizationLevel: settings.graphOptimization,
    intraOpNumThreads: settings.intraOpThreads,
    // One operator at a time: these graphs are a chain, so a parallel executor only adds hand-offs.
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // Batches vary in size; the arena and memory-pattern planner reuse buffers across runs.
    enableCpuMemArena: true,
    enableMemPattern: true
  }
}

function scoreColumn (output: Tensor, rows: number, column: number): Float32Array {
  const stride = output.dims.length > 1 ? Number(output.dims[1]) : 1
  const data = output.data
  if (stride === 1 && data instanceof Float32Array) return data
  const scores = new Float32Array(rows)
  for (let r = 0; r < rows; r++) scores[r] = Number(data[r * stride + column])
  return scores
}

/**
 * The pipeline writes float32; a graph that takes doubles (LightGBM's tree ensembles compare
 * thresholds in double) gets the same values widened, which is exact. The typed-array constructor
 * converts natively; `Float64Array.from` walks the iterator and took ~7 ms per 1,000 fraud rows.
 */
export function inputTensor (datatype: string | undefined, features: Float32Array, dims: number[]): Tensor {
  return datatype === 'FP64' ? new Tensor('float64', new Float64Array(features), dims) : new Tensor('float32', features, dims)
}

/** Reads, checks and warms up one `<dir>/<name>/<version>`; throws ModelLoadError naming what is wrong. */
export async function loadModelVersion (dir: string, name: string, version: string, ort: OrtSettings, batching: MicroBatchOptions): Promise<LoadedModel> {
  const started = performance.now()
  const fail = (reason: string, cause?: unknown): never => { throw new ModelLoadError(name, version, reason, { cause }) }
  const [onnxBytes, metadataText] = await Promise.all([readFile(join(dir, 'model.onnx')), readFile(join(dir, 'metadata.json'), 'utf8')])
    .catch((err: unknown) => fail(`cannot read model files: ${String(err)}`, err))
  let parsedJson: unknown
  try { parsedJson = JSON.parse(metadataText) } catch (err) { fail('metadata.json is not JSON', err) }
  const parsed = ModelMetadata.safeParse(parsedJson)
  if (!parsed.success) return fail(`metadata.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const metadata = parsed.data
  if (metadata.name !== name || metadata.version !== version) fail(`metadata says ${metadata.name} ${metadata.version}`)
  const pipeline = compilePipeline(metadata.features)
  const session = await InferenceSession.create(onnxBytes, sessionOptions(ort))
    .catch((err: unknown) => fail(`ONNX Runtime refused model.onnx: ${err instanceof Error ? err.message : String(err)}`, err))
  const problems = checkGraph(session, metadata, pipeline.width)
  if (problems.length > 0) {
    await session.release()
    fail(`graph does not match metadata: ${problems.join('; ')}`)
  }
  const input = metadata.inputs[0]
  const inputName = input?.name ?? 'features'
  const { output, column } = metadata.task
  const { width } = pipeline
  const encoded = new InputBuffers((length) => new Float32Array(length), batching.maxBatchRows * width)
  const widened = new InputBuffers((length) => new Float64Array(length), batching.maxBatchRows * width)
  const run = async (features: Float32Array, rows: number): Promise<Float32Array> => {
    const length = rows * width
    const wide = input?.datatype === 'FP64' ? widened.acquire(length) : undefined
    try {
      let tensor: Tensor
      if (wide === undefined) tensor = new Tensor('float32', features.subarray(0, length), [rows, width])
      else {
        // Widening float32 to float64 is exact, so the graph sees the values training saw.
        wide.set(features.subarray(0, length))
        tensor = new Tensor('float64', wide.subarray(0, length), [rows, width])
      }
      const result = await session.run({ [inputName]: tensor }, [output])
      const scores = result[output]
      if (scores === undefined) throw new Error(`output ${output} missing from the run`)
      return scoreColumn(scores, rows, column)
    } finally {
      if (wide !== undefined) widened.release(wide)
    }
  }
  const runRows = async (rows: readonly Row[]): Promise<Float32Array> => {
    const features = encoded.acquire(rows.length * width)
    try {
      for (let i = 0; i < rows.length; i++) pipeline.encodeInto(rows[i] ?? {}, features, i)
      return await run(features, rows.length)
    } finally {
      encoded.release(features)
    }
  }
  const batcher = new MicroBatcher(runRows, batching)
  // Warm-up: the first run allocates the arena and finishes lazy initialisation off the request path.
  const warm = await runRows([{}]).catch(async (err: unknown) => {
    await session.release()
    return fail(`warm-up inference failed: ${String(err)}`, err)
  })
  if (!Number.isFinite(warm[0])) {
    await session.release()
    fail(`warm-up inference returned ${String(warm[0])}`)
  }
  return {
    name,
    version,
    metadata,
    pipeline,
    session,
    fingerprint: createHash('sha256').update(onnxBytes).update(metadataText).digest('hex'),
    loadSeconds: (performance.now() - started) / 1000,
    scoreRows: async (rows) => batcher.submit(rows),
    score: run,
    release: async () => session.release()
  }
}
