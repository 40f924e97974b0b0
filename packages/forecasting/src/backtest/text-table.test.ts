import { describe, expect, it } from 'vitest'
import { formatNumber, formatTable } from './text-table.js'

describe('formatTable', () => {
  it('aligns text left and numeric columns right under a rule', () => {
    const table = formatTable(['series', 'MASE', 'n'], [['nasa', 0.8123, 12], ['crane-input-13', 1.5, 3000]])
    expect(table.split('\n')).toEqual([
      'series           MASE     n',
      '--------------  -----  ----',
      'nasa            0.812    12',
      'crane-input-13  1.500  3000'
    ])
  })
})

describe('formatNumber', () => {
  it('keeps about four significant digits and no exponents', () => {
    expect([0.000123, 1.23456, 12.3456, 123.456, 12345.6, 7, -0.5].map(formatNumber))
      .toEqual(['0.000', '1.235', '12.35', '123.5', '12346', '7', '-0.500'])
    // At a range's edge the rounded value picks the range.
    expect([999.96, 99.996, 9.9996, -999.96].map(formatNumber)).toEqual(['1000', '100.0', '10.00', '-1000'])
  })
})
