import type { ExecutionRecord, ExportExecutionsQuery, ExportExecutionsResponse } from '@platform/contracts'

/**
 * One export page from entries in storage order: records submitted in [since, until) up to
 * `limit`; the cursor is the storage id of the last entry examined, so the next page resumes
 * after it. `exhausted` says whether `entries` reached the end of storage.
 */
export function pageOf (entries: ReadonlyArray<{ id: string, record: ExecutionRecord }>, query: ExportExecutionsQuery, exhausted: boolean): ExportExecutionsResponse {
  const since = query.since === undefined ? -Infinity : Date.parse(query.since)
  const until = query.until === undefined ? Infinity : Date.parse(query.until)
  const records: ExecutionRecord[] = []
  let lastId: string | undefined
  for (const entry of entries) {
    lastId = entry.id
    const at = Date.parse(entry.record.submittedAt)
    if (at >= since && at < until) records.push(entry.record)
    if (records.length >= query.limit) break
  }
  const atEnd = exhausted && (lastId === undefined || lastId === entries[entries.length - 1]?.id)
  return { records, nextCursor: atEnd ? null : lastId ?? query.cursor ?? null }
}
