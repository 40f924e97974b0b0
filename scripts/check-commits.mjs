// Checks every commit subject on HEAD against the regex written once in docs/commit-convention.md.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const doc = readFileSync(new URL('../docs/commit-convention.md', import.meta.url), 'utf8')
const pattern = /```regex\n(.+)\n```/.exec(doc)?.[1]
if (pattern === undefined) throw new Error('docs/commit-convention.md has no ```regex block')
const accepted = new RegExp(pattern, 'u')

const subjects = execFileSync('git', ['log', '--no-merges', '--format=%h %s'], { encoding: 'utf8' }).trim().split('\n')
const bad = subjects.filter((line) => !accepted.test(line.slice(line.indexOf(' ') + 1)))
if (bad.length > 0) {
  process.stderr.write(`Commit subjects that do not follow docs/commit-convention.md:\n${bad.map((l) => `  ${l}`).join('\n')}\n`)
  process.exit(1)
}
process.stdout.write(`commit subjects: ${subjects.length} checked, all conventional\n`)
