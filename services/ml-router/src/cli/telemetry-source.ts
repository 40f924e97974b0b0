import { readFile } from 'node:fs/promises'
import { ExecutionRecord } from '@platform/contracts'

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
