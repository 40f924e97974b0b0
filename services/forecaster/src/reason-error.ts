/** An error with a bounded `reason`, used as a metric label and to decide on retries or fallbacks. */
export class ReasonError<R extends string> extends Error {
  readonly reason: R

  constructor (reason: R, message: string, options?: ErrorOptions) {
    super(message, options)
    this.reason = reason
  }
}
