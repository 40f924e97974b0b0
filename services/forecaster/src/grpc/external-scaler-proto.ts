import { fileURLToPath } from 'node:url'
import { loadPackageDefinition, type ServiceClientConstructor, type ServiceDefinition } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'

/** KEDA's External Scaler proto, shipped beside src/ and dist/ in the package. */
export const externalScalerProtoPath = fileURLToPath(new URL('../../proto/externalscaler.proto', import.meta.url))

const definition = loadSync(externalScalerProtoPath, { keepCase: true, longs: Number, defaults: true })
const pkg = loadPackageDefinition(definition) as unknown as { externalscaler: { ExternalScaler: ServiceClientConstructor } }

/** The service definition for `server.addService`, and the client constructor tests and benchmarks use. */
export const ExternalScaler = pkg.externalscaler.ExternalScaler
export const externalScalerService: ServiceDefinition = ExternalScaler.service

export interface ScaledObjectRef {
  name: string
  namespace: string
  scalerMetadata: Record<string, string>
}

export interface GetMetricsRequest {
  scaledObjectRef: ScaledObjectRef | null
  metricName: string
}
