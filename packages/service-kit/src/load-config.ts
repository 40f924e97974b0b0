import { z } from 'zod'
import { issuesToDetails } from '@platform/contracts'

/** Every invalid or missing variable at once, so an operator fixes the environment in one pass. */
export class ConfigError extends Error {
  readonly problems: ReadonlyArray<{ path: string, message: string }>

  constructor (problems: ReadonlyArray<{ path: string, message: string }>) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** Validates the environment once at start-up; returns a frozen config or throws one ConfigError. */
export function loadConfig<S extends z.ZodType> (schema: S, env: Record<string, string | undefined>): Readonly<z.infer<S>> {
  const result = schema.safeParse(env)
  if (!result.success) throw new ConfigError(issuesToDetails(result.error.issues))
  return Object.freeze(result.data)
}

/** `"true"`/`"false"` (and 1/0, yes/no); never `z.coerce.boolean()`, which reads "false" as true. */
export const envBoolean = (defaultValue: boolean) => z.stringbool().default(defaultValue)

const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * A number in decimal notation, checked by `check` (e.g. `(n) => n.int().min(0)`). Never
 * `z.coerce.number()`, which reads an empty value (`PORT=`, as a template leaves it) as 0 and
 * `0x10` as 16.
 */
export const envNumber = (check: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.string().trim().regex(decimal, 'must be a number').transform(Number).pipe(check(z.number()))

/** A comma-separated list, trimmed, empty entries dropped. */
export const envList = () => z.string().transform((value) => value.split(',').map((s) => s.trim()).filter((s) => s !== ''))

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** The variables every service reads; a service spreads `...serviceEnv({ port })` into its own schema. */
export function serviceEnv ({ port, logLevel = 'info' }: { port: number, logLevel?: typeof logLevels[number] }) {
  return {
    HOST: z.string().default('0.0.0.0'),
    PORT: envNumber((n) => n.int().min(0).max(65535)).default(port),
    // Seeds used upper-case names (LOG_LEVEL=INFO); accept either case.
    LOG_LEVEL: z.string().default(logLevel).transform((level) => level.toLowerCase()).pipe(z.enum(logLevels)),
    ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    ALLOW_UNAUTHENTICATED_ADMIN: envBoolean(false),
    BODY_LIMIT_BYTES: envNumber((n) => n.int().positive()).default(1_048_576),
    SHUTDOWN_GRACE_MS: envNumber((n) => n.int().positive()).default(10_000)
  }
}
