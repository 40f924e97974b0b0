export * from './error-envelope.js'
export * from './validation-details.js'
export * from './health.js'
export * from './ml-inference/index.js'
