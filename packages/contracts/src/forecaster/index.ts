export * from './duration.js'
export * from './workload-config.js'
export * from './forecast-snapshot.js'
export * from './byom.js'
