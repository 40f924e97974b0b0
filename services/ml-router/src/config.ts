import { z } from 'zod'
import { envBoolean, envNumber, serviceEnv } from '@platform/service-kit'

/** The only place ml-router reads its environment. */
export const Config = z.object({
  ...serviceEnv({ port: 8080 }),
  /** 8 MiB, not the kit's 1 MiB: a full batch of 1,000 requests with their code (about 1.3 KB each, often more) is over 1 MiB. */
  BODY_LIMIT_BYTES: envNumber((n) => n.int().positive()).default(8 * 1024 * 1024),
  /** Where the training CLI reads telemetry (this service's own export by default). */
  TELEMETRY_URL: z.url().optional(),
  MODEL_STORE_PATH: z.string().min(1).default('./model-store'),
  MIN_TRAINING_DATA_POINTS: envNumber((n) => n.int().positive()).default(100),
  MAX_TRAINING_DATA_AGE_DAYS: envNumber((n) => n.int().positive()).default(30),
  CONFIDENCE_THRESHOLD: envNumber((n) => n.min(0).max(1)).default(0.7),
  FALLBACK_TO_RULE_BASED: envBoolean(true),
  /** Unset: telemetry, statistics and A/B state live in process memory (single replica, lost on restart). */
  REDIS_URL: z.url().optional(),
  /** Operators' provider catalog (JSON); the built-in one when unset. */
  PROVIDER_CATALOG_PATH: z.string().min(1).optional(),
  /** How long per-provider statistics are cached in process before Redis is read again. */
  CACHE_TTL_MS: envNumber((n) => n.int().positive()).default(30_000),
  /** How often the manifest and the A/B configuration are re-read (hot swap across replicas). */
  MODEL_RELOAD_INTERVAL_MS: envNumber((n) => n.int().positive()).default(15_000),
  /** Pruning keeps this many newest versions plus every version in use. */
  MODEL_KEEP_VERSIONS: envNumber((n) => n.int().positive()).default(5),
  /** Approximate cap on stored execution records (the Redis stream's MAXLEN). */
  TELEMETRY_MAX_RECORDS: envNumber((n) => n.int().positive()).default(2_000_000)
})
export type Config = z.infer<typeof Config>
