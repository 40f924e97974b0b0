import { createService, type ServiceInstance } from '@platform/service-kit'
import type { Config } from './config.js'

export interface AppOptions {
  version: string
  prettyLogs?: boolean
}

/** Composition root: the kit's cross-cutting plugins, then this service's plugins and routes. */
export async function buildApp (config: Config, { version, prettyLogs = false }: AppOptions): Promise<ServiceInstance> {
  const app = await createService({
    name: 'ml-inference',
    version,
    description: 'ONNX Runtime inference for the ad platform: fraud, CTR and bid models.',
    config,
    prettyLogs
  })
  return app
}
