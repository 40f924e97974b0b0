import type { ModelMetadata, ModelTask } from '@platform/contracts'
import { compilePipeline, fitScaling, type FeatureSpec } from '@platform/ad-features'
import { bestF1Threshold, bootstrapInterval, expectedCalibrationError, logLoss, meanAbsoluteError, quantile, referenceDistribution, rocAuc } from './evaluation.js'
import { fitLinear, predictLinear, type FitOptions } from './linear-model.js'
import { linearModelToOnnx } from './linear-onnx.js'
import type { Random } from '@platform/seeded-random'

type Row = Readonly<Record<string, unknown>>

export interface ModelArtifact { metadata: ModelMetadata, onnx: Uint8Array }

export interface TrainingSet {
  train: Array<{ row: Row, label: number }>
  test: Array<{ row: Row, label: number }>
  dataset: string
  dataSha256: string
  notes?: string
}

export interface LinearTrainOptions {
  name: string
  version: string
  features: FeatureSpec[]
  data: TrainingSet
  kind: 'classifier' | 'regressor'
  /** `f1`: the cut that maximises F1 on the training rows. */
  threshold?: number | 'f1'
  fit: Omit<FitOptions, 'loss' | 'random'>
  random: Random
  now: Date
}

export const inputName = 'features'

/** Quality figures for a binary classifier, with 95% bootstrap intervals where positives are few. */
export function classifierMetrics (scores: Float64Array, labels: Float64Array, trainPositiveRate: number, random: Random): Record<string, number> {
  const [aucLow, aucHigh] = bootstrapInterval(rocAuc, scores, labels, random)
  const positives = labels.reduce((a, b) => a + b, 0)
  return {
    auc: rocAuc(scores, labels),
    auc_ci95_low: aucLow,
    auc_ci95_high: aucHigh,
    log_loss: logLoss(scores, labels),
    // The log loss of always answering the training base rate: the bar a useful model must beat.
    base_rate_log_loss: logLoss(new Float64Array(labels.length).fill(trainPositiveRate), labels),
    calibration_ece: expectedCalibrationError(scores, labels),
    mean_predicted: scores.reduce((a, b) => a + b, 0) / scores.length,
    positive_rate: positives / labels.length
  }
}

/** Regressor figures in target units (CPM) for `expm1(raw)` predictions. */
export function regressorMetrics (raw: Float64Array, labels: Float64Array, trainMedian: number): Record<string, number> {
  const predicted = raw.map(Math.expm1)
  const median = trainMedian
  return {
    mae: meanAbsoluteError(predicted, labels),
    // MAE of always answering the training median: the bar a useful model must beat.
    baseline_median_mae: meanAbsoluteError(new Float64Array(labels.length).fill(median), labels),
    mape: labels.reduce((sum, y, i) => sum + Math.abs((predicted[i] ?? 0) - y) / Math.max(y, 1e-9), 0) / labels.length
  }
}

/** Fits a logistic or linear model on the declared features and packages it with its metadata. */
export function trainLinearArtifact (options: LinearTrainOptions): ModelArtifact {
  const { data, random } = options
  const features = fitScaling(options.features, data.train.map((d) => d.row))
  const pipeline = compilePipeline(features)
  const regression = options.kind === 'regressor'
  const target = (label: number) => regression ? Math.log1p(label) : label
  const xTrain = pipeline.encodeMany(data.train.map((d) => d.row))
  const yTrain = Float32Array.from(data.train, (d) => target(d.label))
  const loss = regression ? 'squared' : 'logistic'
  const model = fitLinear(xTrain, yTrain, pipeline.width, { ...options.fit, loss, random })
  const xTest = pipeline.encodeMany(data.test.map((d) => d.row))
  const testScores = predictLinear(model, xTest, data.test.length, loss)
  const testLabels = Float64Array.from(data.test, (d) => d.label)
  const threshold = options.threshold === 'f1'
    ? bestF1Threshold(predictLinear(model, xTrain, data.train.length, loss), yTrain)
    : options.threshold ?? 0.5
  const outputName = regression ? 'log_cpm' : 'probability'
  const residuals = testScores.map((score, i) => Math.log1p(testLabels[i] ?? 0) - score)
  const task: ModelTask = regression
    ? { kind: 'regressor', output: outputName, column: 0, target_log1p: true, residual_interval: [quantile(residuals, 0.1), quantile(residuals, 0.9)] }
    : { kind: 'binary_classifier', output: outputName, column: 0, threshold }
  return {
    onnx: linearModelToOnnx(model, { inputName, outputName, link: regression ? 'identity' : 'sigmoid' }),
    metadata: artifactMetadata({
      options,
      framework: regression ? 'linear-regression' : 'logistic-regression',
      features,
      inputs: [{ name: inputName, datatype: 'FP32', shape: [-1, pipeline.width] }],
      outputs: [{ name: outputName, datatype: 'FP32', shape: [-1, 1] }],
      task,
      metrics: regression
        ? regressorMetrics(testScores, testLabels, quantile(data.train.map((d) => d.label), 0.5))
        : classifierMetrics(testScores, testLabels, data.train.reduce((n, d) => n + d.label, 0) / data.train.length, random),
      testScores
    })
  }
}

export interface MetadataParts {
  options: Pick<LinearTrainOptions, 'name' | 'version' | 'data' | 'now'>
  framework: ModelMetadata['framework']
  features: FeatureSpec[]
  inputs: ModelMetadata['inputs']
  outputs: ModelMetadata['outputs']
  task: ModelTask
  metrics: Record<string, number>
  /** Held-out raw scores: the drift reference. */
  testScores: ArrayLike<number>
}

export function artifactMetadata ({ options, framework, features, inputs, outputs, task, metrics, testScores }: MetadataParts): ModelMetadata {
  const { data } = options
  return {
    name: options.name,
    version: options.version,
    framework,
    created_at: options.now.toISOString(),
    features,
    inputs,
    outputs,
    task,
    training: {
      dataset: data.dataset,
      data_sha256: data.dataSha256,
      rows: { train: data.train.length, test: data.test.length },
      metrics,
      ...(data.notes === undefined ? {} : { notes: data.notes })
    },
    reference_distribution: referenceDistribution(testScores)
  }
}
