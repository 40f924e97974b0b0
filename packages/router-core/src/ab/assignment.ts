import { createHash } from 'node:crypto'
import type { AbArm } from '@platform/contracts'

export interface AbWindow {
  enabled: boolean
  trafficSplit: number
  startTime: string | null
  endTime: string | null
}

/** Whether a test is running at `now`: enabled, and inside its optional start/end window. */
export function abTestActive (test: AbWindow, now: Date): boolean {
  if (!test.enabled) return false
  const ms = now.getTime()
  if (test.startTime !== null && ms < Date.parse(test.startTime)) return false
  if (test.endTime !== null && ms >= Date.parse(test.endTime)) return false
  return true
}

/**
 * Sticky assignment: the stable key (tenant, else request id) is hashed with the test id into
 * [0, 1); keys below `trafficSplit` get treatment. The same key always lands in the same arm of
 * the same test, on every replica, with no shared state.
 */
export function assignArm (testId: string, key: string, trafficSplit: number): AbArm {
  const digest = createHash('sha256').update(testId).update('\u0000').update(key).digest()
  const unit = digest.readUInt32BE(0) / 4294967296
  return unit < trafficSplit ? 'treatment' : 'control'
}
