export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number
  /** How long the circuit stays open before one trial call is let through. */
  openMs: number
  now?: () => number
}

/**
 * Closed -> open after `failureThreshold` consecutive failures; open rejects at once for
 * `openMs`; then half-open lets one call through, which closes it on success or reopens it.
 * Keeps a dead BYOM endpoint from costing every tick its full timeout.
 */
export class CircuitBreaker {
  private failures = 0
  private openedAt: number | undefined
  private trialInFlight = false
  private readonly now: () => number

  constructor (private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now
  }

  get state (): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed'
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open'
  }

  /** Runs `call` unless the circuit is open; `undefined` means it was not called. */
  async run<T> (call: () => Promise<T>): Promise<{ called: true, value: T } | { called: false }> {
    const state = this.state
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) return { called: false }
    this.trialInFlight = state === 'half-open'
    try {
      const value = await call()
      this.failures = 0
      this.openedAt = undefined
      return { called: true, value }
    } catch (err) {
      this.failures++
      if (state === 'half-open' || this.failures >= this.options.failureThreshold) this.openedAt = this.now()
      throw err
    } finally {
      this.trialInFlight = false
    }
  }
}
