import type { ExecutionRecord } from '@platform/contracts'

const namesOnly = (entries: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.keys(entries).map((name) => [name, '']))

/**
 * What telemetry stores of a run's environment and files: their names, with every value and
 * content blanked. They may hold credentials, they would sit in Redis and every export for the
 * retention period, and the router's features only count them.
 */
export function withoutSecrets (record: ExecutionRecord): ExecutionRecord {
  const { environment, files } = record.spec
  return { ...record, spec: { ...record.spec, environment: namesOnly(environment), files: namesOnly(files) } }
}
