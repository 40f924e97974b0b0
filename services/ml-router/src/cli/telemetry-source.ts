import { readFile } from 'node:fs/promises'
import { ExecutionRecord, ExportExecutionsResponse } from '@platform/contracts'

/** Reads a JSON-lines file of ExecutionRecords (as `simulate` writes); a bad line fails with its number. */
export async function readRecordsFile (path: string): Promise<ExecutionRecord[]> {
  const lines = (await readFile(path, 'utf8')).split('\n')
  return lines.flatMap((line, i) => {
    if (line.trim() === '') return []
    const parsed = ExecutionRecord.safeParse(JSON.parse(line))
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid record'}`)
    return [parsed.data]
  })
}

/** Pages through `GET /v1/telemetry/executions` from `since` until the cursor runs out. */
export async function fetchRecords (baseUrl: string, since: Date, onPage: (count: number) => void): Promise<ExecutionRecord[]> {
  const records: ExecutionRecord[] = []
  let cursor: string | null | undefined
  do {
    const url = new URL('/v1/telemetry/executions', baseUrl)
    url.searchParams.set('since', since.toISOString())
    url.searchParams.set('limit', '10000')
    if (cursor !== undefined && cursor !== null) url.searchParams.set('cursor', cursor)
    const res = await fetch(url)
    if (!res.ok) throw new Error(`telemetry export ${url.toString()} answered ${res.status}: ${await res.text()}`)
    const page = ExportExecutionsResponse.parse(await res.json())
    records.push(...page.records)
    onPage(records.length)
    cursor = page.nextCursor
  } while (cursor !== null)
  return records
}
