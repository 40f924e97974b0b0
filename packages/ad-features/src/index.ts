export { compilePipeline, type FeaturePipeline, type FeatureSpec } from './feature-pipeline.js'
export { fnv1a32, ipPrefix } from './fnv-hash.js'
export { fitScaling } from './fit-scaling.js'
