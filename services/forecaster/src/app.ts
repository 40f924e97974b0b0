import { createService, type ServiceInstance } from '@platform/service-kit'
import type { Config } from './config.js'

export interface AppOptions {
  version: string
  prettyLogs?: boolean
}

/** Composition root: the kit's cross-cutting plugins, then this service's plugins and routes. */
export async function buildApp (config: Config, { version, prettyLogs = false }: AppOptions): Promise<ServiceInstance> {
  const app = await createService({
    name: 'forecaster',
    version,
    description: 'Predictive autoscaler next to KEDA: forecasts load and plans replicas ahead of demand.',
    config,
    prettyLogs
  })
  return app
}
