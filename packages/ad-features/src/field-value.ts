/** A request field by dotted path (`device_info.os`); undefined when any step is missing. */
export function fieldValue (row: Readonly<Record<string, unknown>>, path: string): unknown {
  if (!path.includes('.')) return row[path]
  let value: unknown = row
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

export function numberField (row: Readonly<Record<string, unknown>>, path: string): number {
  const value = fieldValue(row, path)
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** Strings as they are, numbers and booleans as text; anything else is missing. */
export function textField (row: Readonly<Record<string, unknown>>, path: string): string | undefined {
  const value = fieldValue(row, path)
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}
