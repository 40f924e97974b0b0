import { readFile } from 'node:fs/promises'
import { ExecutionRecord } from '@platform/contracts'

/** Reads a JSON-lines file of ExecutionRecords (as `simulate` writes); a bad line fails with its number. */
export async function readRecordsFile (path: string): Promise<ExecutionRecord[]> {
  // A byte-order mark (a file saved by some editors) is not part of the first record.
  const lines = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').split('\n')
  return lines.flatMap((line, i) => {
    if (line.trim() === '') return []
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch (err) {
      throw new Error(`${path}:${i + 1}: not JSON (${(err as Error).message})`)
    }
    const parsed = ExecutionRecord.safeParse(json)
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid record'}`)
    return [parsed.data]
  })
}
