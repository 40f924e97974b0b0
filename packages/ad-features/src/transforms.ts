import type { FeatureTransform } from '@platform/contracts'
import { fieldReader, numberReader, textReader } from './field-value.js'
import { fnv1a32, ipPrefix, ipv4Network } from './fnv-hash.js'

type Row = Readonly<Record<string, unknown>>

/** A transform compiled once per model load: how many columns it writes and how. */
export interface CompiledTransform {
  width: number
  columnNames(name: string): string[]
  /** Writes into `out[offset .. offset + width)`, which the pipeline has zeroed. */
  write(row: Row, out: Float32Array | Float64Array, offset: number): void
}

// Networks remembered per transform: a /16 has at most 65,536, wider prefixes are capped here.
const maxCachedNetworks = 65_536

/** Bucket of an address's network; IPv4 networks are cached by number, so most rows skip the string work. */
function networkBucket (bits: number, buckets: number): (address: string) => number {
  const cache = new Map<number, number>()
  const hashed = (address: string) => fnv1a32(ipPrefix(address, bits)) % buckets
  return (address) => {
    const network = ipv4Network(address, bits)
    if (network === undefined) return hashed(address)
    let bucket = cache.get(network)
    if (bucket === undefined) {
      if (cache.size >= maxCachedNetworks) cache.clear()
      bucket = hashed(address)
      cache.set(network, bucket)
    }
    return bucket
  }
}

// Distinct texts remembered per pattern_flags transform. User agents repeat heavily (a few hundred
// cover most traffic); a flood of new ones only empties the cache now and then.
const maxCachedTexts = 1024

/**
 * Each pattern's case-insensitive match on a text, remembered per text: four regex tests per row
 * were the costliest transform of the fraud pipeline. The regexes have no `g`/`y` flag, so a test
 * has no state and the remembered answer is the answer.
 */
function patternMatches (patterns: readonly string[]): (text: string) => Uint8Array {
  const regexes = patterns.map((pattern) => new RegExp(pattern, 'i'))
  const cache = new Map<string, Uint8Array>()
  return (text) => {
    let matches = cache.get(text)
    if (matches === undefined) {
      if (cache.size >= maxCachedTexts) cache.clear()
      matches = Uint8Array.from(regexes, (regex) => regex.test(text) ? 1 : 0)
      cache.set(text, matches)
    }
    return matches
  }
}

const indexed = (width: number) => (name: string) => Array.from({ length: width }, (_, i) => `${name}[${i}]`)
const labelled = (labels: readonly string[]) => (name: string) => labels.map((label) => `${name}=${label}`)

/** Column of a term within its vocabulary block; unknown or missing terms share the last column. */
function vocabularySlot (vocabulary: readonly string[]): (term: string | undefined) => number {
  const index = new Map(vocabulary.map((term, i) => [term, i]))
  return (term) => (term === undefined ? undefined : index.get(term)) ?? vocabulary.length
}

const vocabularyColumns = (vocabulary: readonly string[]) => ({
  width: vocabulary.length + 1,
  columnNames: labelled([...vocabulary, '<other>'])
})

/** Compiles one declared transform; the switch is exhaustive, so a new type cannot be forgotten here. */
export function compileTransform (transform: FeatureTransform): CompiledTransform {
  switch (transform.type) {
    case 'numeric': {
      const { log1p, mean, std } = transform
      const read = numberReader(transform.source)
      const scale = transform.scale ?? 1
      return {
        width: 1,
        columnNames: (name) => [name],
        write: (row, out, offset) => {
          const value = read(row) * scale
          out[offset] = ((log1p ? Math.log1p(Math.max(value, 0)) : value) - mean) / std
        }
      }
    }
    case 'ratio': {
      const { mean, std } = transform
      const numerator = numberReader(transform.numerator)
      const denominator = numberReader(transform.denominator)
      return {
        width: 1,
        columnNames: (name) => [name],
        // A denominator of zero (or below) reads as 1, so a row with no impressions has ratio 0, not NaN.
        write: (row, out, offset) => {
          const divisor = denominator(row)
          out[offset] = ((numerator(row) / (divisor > 0 ? divisor : 1)) - mean) / std
        }
      }
    }
    case 'hash': {
      const { buckets } = transform
      const read = textReader(transform.source)
      return {
        width: buckets,
        columnNames: indexed(buckets),
        write: (row, out, offset) => {
          const text = read(row)
          if (text !== undefined) out[offset + (fnv1a32(text) % buckets)] = 1
        }
      }
    }
    case 'ipv4_prefix_hash': {
      const { prefix_bits: bits, buckets } = transform
      const read = textReader(transform.source)
      const bucketOf = networkBucket(bits, buckets)
      return {
        width: buckets,
        columnNames: indexed(buckets),
        write: (row, out, offset) => {
          const text = read(row)
          if (text !== undefined) out[offset + bucketOf(text)] = 1
        }
      }
    }
    case 'one_hot': {
      const slot = vocabularySlot(transform.vocabulary)
      const read = textReader(transform.source)
      return {
        ...vocabularyColumns(transform.vocabulary),
        write: (row, out, offset) => { out[offset + slot(read(row))] = 1 }
      }
    }
    case 'multi_hot': {
      const slot = vocabularySlot(transform.vocabulary)
      const read = fieldReader(transform.source)
      return {
        ...vocabularyColumns(transform.vocabulary),
        write: (row, out, offset) => {
          const values = read(row)
          if (Array.isArray(values)) for (const value of values) out[offset + slot(typeof value === 'string' ? value : undefined)] = 1
        }
      }
    }
    case 'pattern_flags': {
      const { patterns } = transform
      const read = textReader(transform.source)
      const matchesOf = patternMatches(patterns)
      return {
        width: patterns.length,
        columnNames: labelled(patterns),
        write: (row, out, offset) => {
          const matches = matchesOf(read(row) ?? '')
          for (let i = 0; i < matches.length; i++) out[offset + i] = matches[i] ?? 0
        }
      }
    }
    case 'cyclic': {
      const read = numberReader(transform.source)
      const step = (2 * Math.PI) / transform.period
      return {
        width: 2,
        columnNames: (name) => [`${name}_sin`, `${name}_cos`],
        write: (row, out, offset) => {
          const angle = read(row) * step
          out[offset] = Math.sin(angle)
          out[offset + 1] = Math.cos(angle)
        }
      }
    }
  }
}
