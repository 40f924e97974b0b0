import { Registry, collectDefaultMetrics } from 'prom-client'

export interface RegistryOptions {
  service: string
  version: string
  /** Process metrics (CPU, memory, event-loop lag, GC). On by default. */
  processMetrics?: boolean
}

/**
 * A fresh registry per service (never prom-client's global one), so tests and several apps in
 * one process never share series. Every series carries `service` and `version`.
 */
export function createRegistry ({ service, version, processMetrics = true }: RegistryOptions): Registry {
  const registry = new Registry()
  registry.setDefaultLabels({ service, version })
  if (processMetrics) collectDefaultMetrics({ register: registry })
  return registry
}
