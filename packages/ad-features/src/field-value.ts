type Row = Readonly<Record<string, unknown>>

/** Reads a request field by dotted path (`device_info.os`); the path is split once, not per row. */
export function fieldReader (path: string): (row: Row) => unknown {
  if (!path.includes('.')) return (row) => row[path]
  const keys = path.split('.')
  return (row) => {
    let value: unknown = row
    for (const key of keys) {
      if (typeof value !== 'object' || value === null) return undefined
      value = (value as Record<string, unknown>)[key]
    }
    return value
  }
}

export function numberReader (path: string): (row: Row) => number {
  const read = fieldReader(path)
  return (row) => {
    const value = read(row)
    return typeof value === 'number' && Number.isFinite(value) ? value : 0
  }
}

/** Strings as they are, numbers and booleans as text; anything else is missing. */
export function textReader (path: string): (row: Row) => string | undefined {
  const read = fieldReader(path)
  return (row) => {
    const value = read(row)
    if (typeof value === 'string') return value
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    return undefined
  }
}
