import { Tensor } from 'onnxruntime-node'
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { ErrorEnvelope, OipInferRequest, OipInferResponse, OipModelMetadata, OipModelReady, OipServerLive, OipServerReady, type OipTensorMetadata } from '@platform/contracts'
import { BadTensorError, ModelFailedError, ModelNotFoundError, namingModel, VersionNotFoundError } from '../errors.js'
import { oipDatatype } from '../models/graph-check.js'
import type { LoadedModel } from '../models/model-loader.js'
import { requireAuth, type PredictAuth } from './predict-auth.js'

const NameParams = z.object({ name: z.string() })
const VersionParams = z.object({ name: z.string(), version: z.string() })
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 404: ErrorEnvelope, 503: ErrorEnvelope }

/**
 * The request's values as the graph's input type: exact for FP64. For FP32, a value beyond float32's
 * range would become ±Infinity (a meaningless score, or a 500 when the answer is not finite): a 400.
 */
function requestTensor (declared: OipTensorMetadata, flat: readonly number[], dims: number[]): Tensor {
  if (declared.datatype === 'FP64') return new Tensor('float64', Float64Array.from(flat), dims)
  const values = Float32Array.from(flat)
  const overflow = values.findIndex((value) => !Number.isFinite(value))
  if (overflow !== -1) throw new BadTensorError(`input "${declared.name}" value ${String(flat[overflow])} at index ${overflow} is outside the float32 range`)
  return new Tensor('float32', values, dims)
}

/** Row-major values of an [rows, columns] tensor; nested data must have one array of `columns` per row. */
function flatRows (data: OipInferRequest['inputs'][number]['data'], rows: number, columns: number): number[] {
  // The contract takes all-flat or all-nested data, so one nested row means all are.
  const nested = data.filter((row): row is number[] => Array.isArray(row))
  if (nested.length > 0) {
    if (nested.length !== rows) throw new BadTensorError(`data has ${nested.length} rows, shape needs ${rows}`)
    const wrong = nested.findIndex((row) => row.length !== columns)
    if (wrong !== -1) throw new BadTensorError(`row ${wrong} has ${nested[wrong]?.length ?? 0} values, shape needs ${columns}`)
  }
  const flat = data.flat()
  if (flat.length !== rows * columns) throw new BadTensorError(`data has ${flat.length} values, shape needs ${rows * columns}`)
  return flat
}

/** The outputs asked for; none named (or an empty list, as Triton reads it) means every output. */
function outputNames (asked: OipInferRequest['outputs'], available: readonly string[]): readonly string[] {
  if (asked === undefined || asked.length === 0) return available
  const names = asked.map((o) => o.name)
  const unknown = names.filter((n) => !available.includes(n))
  if (unknown.length > 0) throw new BadTensorError(`unknown outputs ${unknown.join(', ')}`)
  if (new Set(names).size !== names.length) throw new BadTensorError('outputs names an output more than once')
  return names
}

/**
 * The Open Inference Protocol (KServe v2) for every loaded model. `infer` takes the encoded
 * `features` matrix (the metadata endpoint gives its width) and returns every graph output.
 */
export interface OpenInferenceRoutesOptions {
  /** The prediction routes' auth, applied to `infer` (metadata and health stay open). */
  auth: PredictAuth | undefined
}

export const openInferenceRoutes: FastifyPluginAsyncZod<OpenInferenceRoutesOptions> = async (app, { auth }) => {
  const tags = ['open-inference']
  const guarded = auth === undefined ? {} : { onRequest: requireAuth(auth) }
  const find = (name: string, version?: string): LoadedModel => {
    const entry = app.modelRepository.models.get(name)
    if (entry === undefined) throw new ModelNotFoundError(name)
    const model = entry.versions.get(version ?? entry.defaultVersion)
    if (model === undefined) throw new VersionNotFoundError(name, version ?? entry.defaultVersion)
    return model
  }
  const metadata = (model: LoadedModel) => {
    const entry = app.modelRepository.models.get(model.name)
    return {
      name: model.name,
      versions: entry === undefined ? [model.version] : [...entry.versions.keys()],
      platform: 'onnxruntime_onnx',
      inputs: model.metadata.inputs,
      outputs: model.metadata.outputs
    }
  }

  app.get('/v2/health/live', { logLevel: 'silent', schema: { tags, response: { 200: OipServerLive } } }, async () => ({ live: true }))
  app.get('/v2/health/ready', { logLevel: 'silent', schema: { tags, response: { 200: OipServerReady, 503: OipServerReady } } }, async (_request, reply) => {
    const ready = app.missingModels().length === 0
    return reply.status(ready ? 200 : 503).send({ ready })
  })

  app.get('/v2/models/:name', { schema: { tags, params: NameParams, response: { 200: OipModelMetadata, ...errors } } }, async (request) => metadata(find(request.params.name)))
  app.get('/v2/models/:name/versions/:version', { schema: { tags, params: VersionParams, response: { 200: OipModelMetadata, ...errors } } }, async (request) => metadata(find(request.params.name, request.params.version)))
  app.get('/v2/models/:name/ready', { schema: { tags, params: NameParams, response: { 200: OipModelReady, ...errors } } }, async (request) => ({ name: find(request.params.name).name, ready: true }))
  app.get('/v2/models/:name/versions/:version/ready', { schema: { tags, params: VersionParams, response: { 200: OipModelReady, ...errors } } }, async (request) => ({ name: find(request.params.name, request.params.version).name, ready: true }))

  const infer = async (model: LoadedModel, body: OipInferRequest) => {
    const declared = model.metadata.inputs[0]
    const input = body.inputs[0]
    if (declared === undefined || input === undefined || body.inputs.length !== 1 || input.name !== declared.name) {
      throw new BadTensorError(`expected one input named "${declared?.name ?? 'features'}"`)
    }
    if (input.datatype !== 'FP32' && input.datatype !== 'FP64') throw new BadTensorError(`datatype ${input.datatype}; send FP32 or FP64`)
    const [rows = 0, columns = 1] = input.shape
    if (input.shape.length !== 2 || columns !== model.pipeline.width) throw new BadTensorError(`shape must be [N, ${model.pipeline.width}]`)
    const flat = flatRows(input.data, rows, columns)
    const names = outputNames(body.outputs, model.session.outputNames)
    const tensor = requestTensor(declared, flat, [rows, columns])
    const started = performance.now()
    let result
    try {
      result = await model.session.run({ [declared.name]: tensor }, names)
    } catch (err) {
      app.inferenceMetrics.error(model.name, 'run_failed')
      app.inferenceMetrics.request(model.name, model.version, 'error', (performance.now() - started) / 1000)
      throw namingModel(new ModelFailedError(model.name, model.version, { cause: err }), model.name, model.version)
    }
    app.inferenceMetrics.request(model.name, model.version, 'ok', (performance.now() - started) / 1000)
    return {
      model_name: model.name,
      model_version: model.version,
      ...(body.id === undefined ? {} : { id: body.id }),
      outputs: names.map((name) => {
        const tensor = result[name]
        const data = Array.from(tensor?.data as ArrayLike<number | bigint>, Number)
        const overflow = data.findIndex((value) => !Number.isFinite(value))
        if (overflow !== -1) throw new BadTensorError(`output "${name}" is not finite at index ${overflow}: the input is outside the range this model scores`)
        return { name, shape: tensor?.dims.map(Number) ?? [], datatype: oipDatatype(tensor?.type ?? 'float32') ?? 'FP32', data }
      })
    }
  }

  app.post('/v2/models/:name/infer', { ...guarded, schema: { tags, params: NameParams, body: OipInferRequest, response: { 200: OipInferResponse, ...errors } } }, async (request) => infer(find(request.params.name), request.body))
  app.post('/v2/models/:name/versions/:version/infer', { ...guarded, schema: { tags, params: VersionParams, body: OipInferRequest, response: { 200: OipInferResponse, ...errors } } }, async (request) => infer(find(request.params.name, request.params.version), request.body))
}
