import { fileURLToPath } from 'node:url'

/** The forecaster's copy of KEDA's External Scaler proto (read as data, the wire contract under test). */
export const protoPath = fileURLToPath(new URL('../../../services/forecaster/proto/externalscaler.proto', import.meta.url))
