import { availableParallelism, hostname } from 'node:os'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { envNumber, serviceEnv } from '@platform/service-kit'
import { Duration } from '@platform/contracts'

/**
 * The seed's command-line flags and the environment variable each one sets. Flags win over the
 * environment; both feed the one zod schema below.
 */
export const flagEnv = {
  config: 'CONFIG',
  model: 'MODEL',
  'byom-url': 'BYOM_URL',
  'byom-timeout': 'BYOM_TIMEOUT',
  'fallback-model': 'FALLBACK_MODEL',
  workload: 'WORKLOAD',
  metric: 'METRIC',
  'prom-url': 'PROM_URL',
  'prom-query': 'PROM_QUERY',
  'current-replicas-query': 'CURRENT_REPLICAS_QUERY',
  file: 'FILE',
  horizon: 'HORIZON',
  step: 'STEP',
  interval: 'INTERVAL',
  window: 'WINDOW',
  'target-per-pod': 'TARGET_PER_POD',
  headroom: 'HEADROOM',
  'quantile-level': 'QUANTILE_LEVEL',
  min: 'MIN_REPLICAS',
  max: 'MAX_REPLICAS',
  'up-max-factor': 'UP_MAX_FACTOR',
  'down-max-percent': 'DOWN_MAX_PERCENT',
  'lead-time': 'LEAD_TIME',
  storage: 'STORAGE',
  'redis-url': 'REDIS_URL',
  listen: 'PORT',
  'grpc-port': 'GRPC_PORT'
} as const

/** Turns `--flag value` / `--flag=value` arguments into environment entries; unknown flags throw. */
export function flagsToEnv (args: readonly string[]): Record<string, string> {
  const options = Object.fromEntries(Object.keys(flagEnv).map((flag) => [flag, { type: 'string' as const }]))
  // `pnpm dev -- --flag` passes the separator through.
  const rest = args[0] === '--' ? args.slice(1) : [...args]
  const { values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false })
  const env: Record<string, string> = {}
  for (const [flag, value] of Object.entries(values)) {
    if (typeof value === 'string') env[flagEnv[flag as keyof typeof flagEnv]] = value
  }
  return env
}

const optionalText = z.string().min(1).optional()

/** The only place the forecaster reads its environment. */
export const Config = z.object({
  ...serviceEnv({ port: 8081 }),
  GRPC_PORT: envNumber((n) => n.int().min(0).max(65535)).default(50051),
  /** PEM files; a CA turns on mutual TLS (clients must present a certificate it signed). */
  GRPC_TLS_CERT: optionalText,
  GRPC_TLS_KEY: optionalText,
  GRPC_TLS_CA: optionalText,
  /** Multi-workload YAML file; without it the single-workload variables below describe one workload. */
  CONFIG: optionalText,
  WORKLOAD: optionalText,
  METRIC: optionalText,
  MODEL: optionalText,
  BYOM_URL: optionalText,
  BYOM_TIMEOUT: optionalText,
  FALLBACK_MODEL: optionalText,
  PROM_URL: optionalText,
  PROM_QUERY: optionalText,
  CURRENT_REPLICAS_QUERY: optionalText,
  FILE: optionalText,
  HORIZON: optionalText,
  STEP: optionalText,
  INTERVAL: optionalText,
  WINDOW: optionalText,
  TARGET_PER_POD: optionalText,
  HEADROOM: optionalText,
  QUANTILE_LEVEL: optionalText,
  MIN_REPLICAS: optionalText,
  MAX_REPLICAS: optionalText,
  UP_MAX_FACTOR: optionalText,
  DOWN_MAX_PERCENT: optionalText,
  LEAD_TIME: optionalText,
  PROM_BEARER_TOKEN: optionalText,
  PROM_USERNAME: optionalText,
  PROM_PASSWORD: optionalText,
  PROM_CA_FILE: optionalText,
  PROM_TIMEOUT: Duration.default(10),
  PROM_RETRIES: envNumber((n) => n.int().min(0).max(10)).default(3),
  STORAGE: z.enum(['memory', 'redis']).default('memory'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Identifies this replica in leases and snapshots (the pod name in Kubernetes). */
  REPLICA_ID: z.string().min(1).default(hostname()),
  /** Worker threads that fit models off the event loop; 0 fits on the event loop. */
  FIT_WORKERS: envNumber((n) => n.int().min(0).max(64)).default(Math.max(1, availableParallelism() - 1)),
  /** What the scaler answers when a forecast is stale or missing. */
  SAFE_VALUE: z.enum(['last-plan', 'current-replicas']).default('last-plan')
}).superRefine((c, ctx) => {
  if (c.STORAGE === 'redis' && c.REDIS_URL === undefined) ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when STORAGE is redis' })
  if ((c.GRPC_TLS_CERT === undefined) !== (c.GRPC_TLS_KEY === undefined)) ctx.addIssue({ code: 'custom', path: ['GRPC_TLS_KEY'], message: 'GRPC_TLS_CERT and GRPC_TLS_KEY go together' })
  if (c.GRPC_TLS_CA !== undefined && c.GRPC_TLS_CERT === undefined) ctx.addIssue({ code: 'custom', path: ['GRPC_TLS_CA'], message: 'mutual TLS needs GRPC_TLS_CERT and GRPC_TLS_KEY too' })
  if ((c.PROM_USERNAME === undefined) !== (c.PROM_PASSWORD === undefined)) ctx.addIssue({ code: 'custom', path: ['PROM_PASSWORD'], message: 'PROM_USERNAME and PROM_PASSWORD go together' })
  if (c.PROM_USERNAME !== undefined && c.PROM_BEARER_TOKEN !== undefined) ctx.addIssue({ code: 'custom', path: ['PROM_BEARER_TOKEN'], message: 'use either bearer or basic auth, not both' })
})
export type Config = z.infer<typeof Config>
