export interface VectorSample { metric: Record<string, string>, value: [number, string] }

interface ApiAnswer { status: 'success' | 'error', error?: string, data?: { resultType: string, result: VectorSample[] } }

/** One instant query against Prometheus' HTTP API; keeps any path prefix of `baseUrl`. */
export async function instantQuery (baseUrl: string, query: string, timeSeconds: number, timeoutMs = 10_000): Promise<VectorSample[]> {
  const url = new URL('api/v1/query', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  const body = new URLSearchParams({ query, time: String(timeSeconds) })
  const response = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) })
  const answer = await response.json() as ApiAnswer
  if (answer.status !== 'success' || answer.data === undefined) throw new Error(`prometheus: ${answer.error ?? `http ${response.status}`} for ${query}`)
  if (answer.data.resultType !== 'vector') throw new Error(`prometheus: expected a vector, got ${answer.data.resultType} for ${query}`)
  return answer.data.result
}

/** The single value of a one-element vector; `fallback` for an empty one (no series matched). */
export function scalarOf (samples: readonly VectorSample[], fallback: number): number {
  const first = samples[0]
  return first === undefined ? fallback : Number(first.value[1])
}
