import { z } from 'zod'
import { envBoolean, envList, envNumber, serviceEnv } from '@platform/service-kit'

/** The only place ml-inference reads its environment. Names and defaults follow the seed where it had them. */
export const Config = z.object({
  ...serviceEnv({ port: 8000 }),
  MODEL_DIR: z.string().default('models'),
  /** node:cluster workers; 1 serves from the primary process alone. */
  WORKERS: envNumber((n) => n.int().min(1).max(64)).default(2),
  /** Models that must be loaded (and warmed up) before /health/ready says 200. */
  REQUIRED_MODELS: envList().default(['fraud', 'ctr', 'bid']),
  /** Reload when files under MODEL_DIR change (POST /admin/models/reload works either way). */
  MODEL_WATCH: envBoolean(true),
  BATCH_MAX_SIZE: envNumber((n) => n.int().min(1).max(10_000)).default(256),
  BATCH_MAX_WAIT_MS: envNumber((n) => n.min(0).max(100)).default(0),
  ORT_INTRA_OP_THREADS: envNumber((n) => n.int().min(1).max(64)).default(1),
  ORT_GRAPH_OPTIMIZATION: z.enum(['disabled', 'basic', 'extended', 'all']).default('all'),
  /** Optional bearer token for the prediction routes (off when unset). */
  PREDICT_AUTH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Optional JWT bearer auth for the prediction routes: an HS256 secret and/or a JWKS file of public keys. */
  PREDICT_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 needs a 256-bit key)').optional(),
  PREDICT_JWT_JWKS_FILE: z.string().min(1).optional(),
  PREDICT_JWT_ISSUER: z.string().min(1).optional(),
  PREDICT_JWT_AUDIENCE: z.string().min(1).optional()
}).refine((env) => env.PREDICT_JWT_AUDIENCE !== undefined || (env.PREDICT_JWT_SECRET === undefined && env.PREDICT_JWT_JWKS_FILE === undefined), {
  // Without an audience check a token minted for any other service with the same keys would pass.
  path: ['PREDICT_JWT_AUDIENCE'],
  message: 'is required when PREDICT_JWT_SECRET or PREDICT_JWT_JWKS_FILE is set'
})
export type Config = z.infer<typeof Config>
