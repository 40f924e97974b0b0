import { describe, expect, it } from 'vitest'
import { InputBuffers } from './input-buffers.js'

describe('InputBuffers', () => {
  it('lends a released buffer again when it is long enough, and a new one otherwise', () => {
    const buffers = new InputBuffers((length) => new Float32Array(length), 8)
    const first = buffers.acquire(4)
    expect(first.length).toBe(8)
    expect(buffers.acquire(4)).not.toBe(first)
    buffers.release(first)
    expect(buffers.acquire(6)).toBe(first)
    buffers.release(first)
    const long = buffers.acquire(20)
    expect(long).not.toBe(first)
    expect(long.length).toBe(20)
  })

  it('keeps at most four free buffers', () => {
    const buffers = new InputBuffers((length) => new Float64Array(length), 1)
    const lent = Array.from({ length: 6 }, () => buffers.acquire(1))
    for (const buffer of lent) buffers.release(buffer)
    const again = Array.from({ length: 6 }, () => buffers.acquire(1))
    expect(again.filter((buffer) => lent.includes(buffer))).toHaveLength(4)
  })
})
