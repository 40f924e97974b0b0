import { describe, expect, it } from 'vitest'
import { ctrBody, fraudBody, testApp } from '../fixtures/test-app.js'

describe('Open Inference Protocol v2 (real ONNX Runtime)', () => {
  it('serves server and model health and metadata', async () => {
    const app = await testApp()
    expect((await app.inject('/v2/health/live')).json()).toEqual({ live: true })
    expect((await app.inject('/v2/health/ready')).json()).toEqual({ ready: true })
    const meta = (await app.inject('/v2/models/fraud')).json()
    expect(meta).toMatchObject({ name: 'fraud', platform: 'onnxruntime_onnx' })
    // The default fraud model is LightGBM's export: one double matrix named "input".
    expect(meta.inputs[0]).toMatchObject({ name: 'input', datatype: 'FP64' })
    expect(meta.inputs[0].shape[0]).toBe(-1)
    expect((await app.inject(`/v2/models/fraud/versions/${meta.versions[0] as string}/ready`)).json()).toEqual({ name: 'fraud', ready: true })
    expect((await app.inject('/v2/models/churn')).json().code).toBe('INFERENCE_MODEL_NOT_FOUND')
    expect((await app.inject('/v2/models/fraud/versions/9.9.9')).statusCode).toBe(404)
  })

  it('infers on encoded features and equals /predict (serving pipeline parity)', async () => {
    const app = await testApp()
    for (const [model, body, field] of [['fraud', fraudBody, 'fraud_score'], ['ctr', ctrBody, 'predicted_ctr']] as const) {
      const predicted = (await app.inject({ method: 'POST', url: `/predict/${model}`, payload: body })).json()
      const loaded = app.modelRepository.models.get(model)?.versions.get(predicted.model_version)
      if (loaded === undefined) throw new Error(`${model} not loaded`)
      const features = Array.from(loaded.pipeline.encodeMany([body]))
      const response = await app.inject({
        method: 'POST',
        url: `/v2/models/${model}/versions/${loaded.version}/infer`,
        payload: { id: 'r1', inputs: [{ name: loaded.metadata.inputs[0]?.name, shape: [1, features.length], datatype: 'FP32', data: features }], outputs: [{ name: loaded.metadata.task.output }] }
      })
      expect(response.statusCode).toBe(200)
      const out = response.json()
      expect(out).toMatchObject({ model_name: model, model_version: loaded.version, id: 'r1' })
      expect(out.outputs[0].data[loaded.metadata.task.column]).toBeCloseTo(predicted.prediction[field], 6)
    }
  })

  it('refuses tensors of the wrong name, shape or size', async () => {
    const app = await testApp()
    const infer = async (input: object) => app.inject({ method: 'POST', url: '/v2/models/ctr/infer', payload: { inputs: [input] } })
    const width = (await app.inject('/v2/models/ctr')).json().inputs[0].shape[1] as number
    expect((await infer({ name: 'x', shape: [1, width], datatype: 'FP32', data: new Array(width).fill(0) })).json().code).toBe('INFERENCE_BAD_TENSOR')
    expect((await infer({ name: 'features', shape: [1, width + 1], datatype: 'FP32', data: new Array(width + 1).fill(0) })).statusCode).toBe(400)
    expect((await infer({ name: 'features', shape: [2, width], datatype: 'FP32', data: new Array(width).fill(0) })).statusCode).toBe(400)
    expect((await infer({ name: 'features', shape: [1, width], datatype: 'FP32', data: [[...new Array(width).fill(0)]] })).statusCode).toBe(200)
    // Nested rows must each be a whole row: the right total split 1 short / 1 long is not.
    const ragged = await infer({ name: 'features', shape: [2, width], datatype: 'FP32', data: [new Array(width - 1).fill(0), new Array(width + 1).fill(1)] })
    expect(ragged.json()).toEqual({ code: 'INFERENCE_BAD_TENSOR', error: `Input tensor is invalid: row 0 has ${width - 1} values, shape needs ${width}` })
  })

  it('returns every output for an empty outputs list and refuses a repeated one', async () => {
    const app = await testApp()
    const width = (await app.inject('/v2/models/ctr')).json().inputs[0].shape[1] as number
    const infer = async (outputs: object[]) => app.inject({ method: 'POST', url: '/v2/models/ctr/infer', payload: { inputs: [{ name: 'features', shape: [1, width], datatype: 'FP32', data: new Array(width).fill(0) }], outputs } })
    const all = await infer([])
    expect(all.statusCode).toBe(200)
    const names = (all.json().outputs as Array<{ name: string }>).map((o) => o.name)
    expect(names.length).toBeGreaterThan(0)
    const [first = ''] = names
    expect((await infer([{ name: first }, { name: first }])).statusCode).toBe(400)
  })

  it('answers 400, not 500, when in-range inputs drive an output beyond the finite', async () => {
    const app = await testApp()
    // bid 1.0.0 is the linear model: a sum of in-range float32 values can overflow.
    const width = (await app.inject('/v2/models/bid/versions/1.0.0')).json().inputs[0].shape[1] as number
    const response = await app.inject({ method: 'POST', url: '/v2/models/bid/versions/1.0.0/infer', payload: { inputs: [{ name: 'features', shape: [1, width], datatype: 'FP32', data: new Array(width).fill(3e38) }] } })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('INFERENCE_BAD_TENSOR')
  })

  it('refuses values outside the float32 range for an FP32 input with 400 naming the input', async () => {
    const app = await testApp()
    const meta = (await app.inject('/v2/models/ctr')).json()
    const [declared] = meta.inputs as Array<{ name: string, datatype: string, shape: number[] }>
    if (declared === undefined) throw new Error('ctr declares no input')
    expect(declared.datatype).toBe('FP32')
    const width = declared.shape[1] ?? 0
    // Column 6 is one where the Infinity that float32 would make of these turned the answer into a 500.
    for (const value of [1e39, -1e39]) {
      const data = new Array(width).fill(0)
      data[6] = value
      const response = await app.inject({ method: 'POST', url: '/v2/models/ctr/infer', payload: { inputs: [{ name: declared.name, shape: [1, width], datatype: 'FP64', data }] } })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({ code: 'INFERENCE_BAD_TENSOR', error: `Input tensor is invalid: input "${declared.name}" value ${value} at index 6 is outside the float32 range` })
    }
    // The largest float32 itself is in range.
    const edge = new Array(width).fill(0)
    edge[6] = 3.4028234663852886e38
    expect((await app.inject({ method: 'POST', url: '/v2/models/ctr/infer', payload: { inputs: [{ name: declared.name, shape: [1, width], datatype: 'FP32', data: edge }] } })).statusCode).toBe(200)
  })

  it('takes an FP64 graph\'s input as doubles, so values beyond the float32 range are fine there', async () => {
    const app = await testApp()
    const meta = (await app.inject('/v2/models/fraud')).json()
    const [declared] = meta.inputs as Array<{ name: string, datatype: string, shape: number[] }>
    if (declared === undefined) throw new Error('fraud declares no input')
    expect(declared).toMatchObject({ name: 'input', datatype: 'FP64' })
    const data = new Array(declared.shape[1]).fill(0)
    data[0] = 1e39
    const response = await app.inject({ method: 'POST', url: '/v2/models/fraud/infer', payload: { inputs: [{ name: 'input', shape: [1, data.length], datatype: 'FP64', data }] } })
    expect(response.statusCode).toBe(200)
  })
})
