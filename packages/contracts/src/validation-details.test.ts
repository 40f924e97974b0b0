import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ErrorEnvelope, issuesToDetails, sharedErrorDescriptions, sharedErrorStatus, zodErrorToDetails } from './index.js'

describe('zodErrorToDetails', () => {
  const Body = z.object({ user: z.object({ age: z.number().int().min(0) }), tags: z.array(z.string()) })

  it('gives one detail per field with a dotted path', () => {
    const result = Body.safeParse({ user: { age: -1 }, tags: ['a', 3] })
    expect(result.success).toBe(false)
    if (result.success) return
    const details = zodErrorToDetails(result.error, 'body')
    expect(details.map((d) => d.path).sort()).toEqual(['body.tags.1', 'body.user.age'])
    expect(ErrorEnvelope.parse({ error: 'Validation failed', code: 'VALIDATION_FAILED', details })).toBeTruthy()
  })

  it('names the root when the whole value is wrong', () => {
    expect(issuesToDetails([{ path: [], message: 'Expected object' }])).toEqual([{ path: '(root)', message: 'Expected object' }])
  })
})

describe('shared error codes', () => {
  it('every code has a 4xx/5xx status and a description', () => {
    for (const [code, status] of Object.entries(sharedErrorStatus)) {
      expect(status).toBeGreaterThanOrEqual(400)
      expect(sharedErrorDescriptions[code as keyof typeof sharedErrorStatus]).toMatch(/\w/)
    }
  })
})
