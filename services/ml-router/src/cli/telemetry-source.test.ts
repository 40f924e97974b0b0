import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { readRecordsFile } from './telemetry-source.js'

const record = { id: 'a', provider: 'e2b', spec: { language: 'python', codeLength: 10 }, submittedAt: '2026-11-01T10:00:00Z', outcome: { success: true, latencyMs: 400, costUsd: 0.0001 } }

describe('readRecordsFile', () => {
  it('reads JSON lines and names the line that is not JSON or not a record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'router-records-'))
    onTestFinished(async () => rm(dir, { recursive: true, force: true }))
    const file = join(dir, 'records.jsonl')
    await writeFile(file, `${JSON.stringify(record)}\n\n`)
    expect((await readRecordsFile(file)).map((r) => r.id)).toEqual(['a'])
    // What `pnpm --filter ... simulate > file` writes first: pnpm's script banner.
    await writeFile(file, `\n> ml-router@0.1.0 simulate\n${JSON.stringify(record)}\n`)
    await expect(readRecordsFile(file)).rejects.toThrow(/records\.jsonl:2: not JSON/)
    await writeFile(file, `${JSON.stringify({ ...record, provider: 'nope' })}\n`)
    await expect(readRecordsFile(file)).rejects.toThrow(/records\.jsonl:1: /)
    // Windows line ends and a byte-order mark, as some editors save a file.
    await writeFile(file, `\uFEFF${JSON.stringify(record)}\r\n${JSON.stringify({ ...record, id: 'b' })}\r\n`)
    expect((await readRecordsFile(file)).map((r) => r.id)).toEqual(['a', 'b'])
  })
})
