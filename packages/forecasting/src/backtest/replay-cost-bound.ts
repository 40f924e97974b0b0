/** What any autoscaler could achieve on a replayed series, knowing every future load exactly. */
export interface ReplayCostBoundInput {
  /** Replicas the load needs at each step (`neededReplicas`). */
  readonly needed: readonly number[]
  readonly stepSeconds: number
  /** Replicas asked for at t are ready at t + podStartupSeconds. */
  readonly podStartupSeconds: number
  /** Replicas ready before the first step. */
  readonly initialReplicas: number
  readonly minReplicas: number
  readonly maxReplicas: number
  /** The most under-provisioned replica-minutes allowed. */
  readonly maxUnder: number
}

// Steps of the concave dual's ternary search; far more than the float precision needs.
const SEARCH_ITERATIONS = 80

/**
 * A lower bound on the total replica-minutes (ready or starting) of ANY autoscaler of the replay
 * (`PodPool` semantics) whose under-provisioning stays within `maxUnder`, however it decides,
 * even knowing the future loads. So a replay goal whose budget is below it cannot be met.
 *
 * Relaxation: the replicas ready by the end of each step are free to choose (no rate limits); a
 * replica is paid for the steps it is counted in, plus the whole steps of one start-up time per
 * replica added. Any real replay pays at least that: a replica ready by the end of step t was
 * asked for at the start of a step at least that many whole steps earlier and existed since, and
 * within a step the ready count only grows (scale-downs happen at its start), so the step is
 * short of at least what its end is.
 * The under-provisioning budget is dualised: for a price `lambda` per missing replica-minute,
 * `L(lambda)` = min over ready counts of cost + lambda x under is found exactly by dynamic
 * programming, and cost >= L(lambda) - lambda x maxUnder for every schedule within the budget
 * (weak duality); the bound is the best lambda's.
 */
export function replayCostBound (input: ReplayCostBoundInput): number {
  const stepMinutes = input.stepSeconds / 60
  const startupMinutes = Math.floor(input.podStartupSeconds / input.stepSeconds) * stepMinutes
  // Above this price serving every need is cheapest (a replica costs at most one step plus a
  // start-up per step served), so the dual only decreases beyond it.
  const highest = 1 + startupMinutes / stepMinutes
  const dual = (lambda: number): number => lagrangian(input, stepMinutes, startupMinutes, lambda) - lambda * input.maxUnder
  let lo = 0
  let hi = highest
  for (let i = 0; i < SEARCH_ITERATIONS; i++) {
    const a = lo + (hi - lo) / 3
    const b = hi - (hi - lo) / 3
    if (dual(a) < dual(b)) lo = a
    else hi = b
  }
  return Math.max(dual(0), dual(lo), dual(highest))
}

/** min over ready counts r_t of sum(r_t m + lambda m max(0, n_t - r_t) + startup max(0, r_t - r_t-1)). */
function lagrangian (input: ReplayCostBoundInput, m: number, startup: number, lambda: number): number {
  const lowest = input.minReplicas
  const top = Math.min(input.maxReplicas, input.needed.reduce((a, b) => Math.max(a, b), input.initialReplicas))
  const size = top - lowest + 1
  let value = new Float64Array(size).fill(Infinity)
  value[input.initialReplicas - lowest] = 0
  let next = new Float64Array(size)
  for (const need of input.needed) {
    // Arriving at r from r' >= r is free (a scale-down); from r' < r costs startup x (r - r').
    let fromBelow = Infinity
    for (let i = 0; i < size; i++) {
      fromBelow = Math.min(fromBelow, (value[i] as number) - startup * i)
      next[i] = fromBelow + startup * i
    }
    let fromAbove = Infinity
    for (let i = size - 1; i >= 0; i--) {
      fromAbove = Math.min(fromAbove, value[i] as number)
      const r = lowest + i
      next[i] = Math.min(next[i] as number, fromAbove) + r * m + lambda * m * Math.max(0, need - r)
    }
    ;[value, next] = [next, value]
  }
  return Math.min(...value)
}
