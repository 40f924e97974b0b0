export * from './predict-requests.js'
export * from './predict-responses.js'
export * from './open-inference.js'
export * from './model-metadata.js'
