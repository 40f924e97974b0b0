import { type ExecutionRecord, ExportExecutionsResponse } from '@platform/contracts'

/** Pages through `GET /v1/telemetry/executions` from `since` until the cursor runs out. */
export async function fetchRecords (baseUrl: string, since: Date, onPage: (count: number) => void = () => {}): Promise<ExecutionRecord[]> {
  // Relative to the base with a trailing slash, so a path prefix (an ingress's `/ml-router`) is kept.
  const endpoint = new URL('v1/telemetry/executions', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  const records: ExecutionRecord[] = []
  let cursor: string | null | undefined
  do {
    const url = new URL(endpoint)
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
