// The peer for the GetMetrics benchmark: the same proto and gRPC stack, a handler that does nothing.
import { loadPackageDefinition, Server, ServerCredentials, type ServiceClientConstructor } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'
import { protoPath } from './proto.js'

const pkg = loadPackageDefinition(loadSync(protoPath, { keepCase: true, longs: Number, defaults: true })) as unknown as { externalscaler: { ExternalScaler: ServiceClientConstructor } }
const server = new Server()
const reply = { metricValues: [{ metricName: 'm', metricValue: 3, metricValueFloat: 3 }] }
server.addService(pkg.externalscaler.ExternalScaler.service, {
  IsActive: (_call: unknown, cb: (err: null, res: object) => void) => { cb(null, { result: true }) },
  StreamIsActive: () => {},
  GetMetricSpec: (_call: unknown, cb: (err: null, res: object) => void) => { cb(null, { metricSpecs: [] }) },
  GetMetrics: (_call: unknown, cb: (err: null, res: object) => void) => { cb(null, reply) }
})
server.bindAsync(`127.0.0.1:${process.argv[2] ?? '0'}`, ServerCredentials.createInsecure(), (err) => {
  if (err !== null) throw err
})
process.on('SIGTERM', () => { server.forceShutdown(); process.exit(0) })
