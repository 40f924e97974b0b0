/** Why a raw series cannot be prepared; each code names one problem with the input. */
export type SeriesErrorCode =
  | 'EMPTY_SERIES'
  | 'TOO_SHORT'
  | 'LENGTH_MISMATCH'
  | 'INVALID_TIMESTAMP'
  | 'INVALID_STEP'
  | 'NON_FINITE_VALUE'
  | 'NEGATIVE_VALUE'
  | 'MOSTLY_GAPS'

export class SeriesError extends Error {
  readonly code: SeriesErrorCode

  constructor (code: SeriesErrorCode, message: string) {
    super(message)
    this.name = 'SeriesError'
    this.code = code
  }
}
