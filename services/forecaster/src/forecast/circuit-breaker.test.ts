import { describe, expect, it } from 'vitest'
import { CircuitBreaker } from './circuit-breaker.js'

const fail = async (): Promise<never> => { throw new Error('down') }
const ok = async (): Promise<string> => 'ok'

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, then lets one trial through after the open time', async () => {
    let now = 0
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000, now: () => now })
    await expect(breaker.run(fail)).rejects.toThrow('down')
    expect(breaker.state).toBe('closed')
    await expect(breaker.run(fail)).rejects.toThrow('down')
    expect(breaker.state).toBe('open')
    expect(await breaker.run(ok)).toEqual({ called: false })
    now = 1000
    expect(breaker.state).toBe('half-open')
    await expect(breaker.run(fail)).rejects.toThrow('down')
    expect(breaker.state).toBe('open')
    now = 2000
    expect(await breaker.run(ok)).toEqual({ called: true, value: 'ok' })
    expect(breaker.state).toBe('closed')
  })

  it('a success resets the failure count', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000 })
    await expect(breaker.run(fail)).rejects.toThrow()
    await breaker.run(ok)
    await expect(breaker.run(fail)).rejects.toThrow()
    expect(breaker.state).toBe('closed')
  })

  it('lets only one trial through while half-open', async () => {
    let now = 0
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 10, now: () => now })
    await expect(breaker.run(fail)).rejects.toThrow()
    now = 10
    let release: () => void = () => {}
    const slow = breaker.run(async () => await new Promise<string>((resolve) => { release = () => resolve('late') }))
    expect(await breaker.run(ok)).toEqual({ called: false })
    release()
    expect(await slow).toEqual({ called: true, value: 'late' })
  })
})
