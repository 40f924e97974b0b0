import { InferenceSession, Tensor } from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { compilePipeline } from '@platform/ad-features'
import { fitLinear, predictLinear } from './linear-model.js'
import { linearModelToOnnx } from './linear-onnx.js'
import { fraudFeatures } from './model-specs.js'
import { generateFraudTraffic } from './fraud-traffic.js'
import { seededRandom } from '@platform/seeded-random'

describe('linear model export (real ONNX Runtime)', () => {
  it.each(['sigmoid', 'identity'] as const)('ONNX output equals the trainer within 1e-5 (%s link)', async (link) => {
    const random = seededRandom(11)
    const data = generateFraudTraffic(random, 3000)
    const pipeline = compilePipeline(fraudFeatures)
    const x = pipeline.encodeMany(data.map((d) => d.row))
    const y = Float32Array.from(data, (d) => d.label)
    const loss = link === 'sigmoid' ? 'logistic' : 'squared'
    const model = fitLinear(x, y, pipeline.width, { loss, epochs: 2, batchSize: 128, learningRate: 0.01, l2: 1e-4, random })
    const session = await InferenceSession.create(linearModelToOnnx(model, { inputName: 'features', outputName: 'out', link }))
    try {
      const result = await session.run({ features: new Tensor('float32', x, [data.length, pipeline.width]) })
      const onnx = result.out?.data as Float32Array
      const reference = predictLinear(model, x, data.length, loss)
      let worst = 0
      for (let i = 0; i < data.length; i++) worst = Math.max(worst, Math.abs((onnx[i] ?? 0) - (reference[i] ?? 0)))
      expect(worst).toBeLessThan(1e-5)
    } finally {
      await session.release()
    }
  })
})
