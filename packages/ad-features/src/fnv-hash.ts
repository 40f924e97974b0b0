/**
 * 32-bit FNV-1a over UTF-16 code units. Chosen because it is tiny, has no dependency, and gives the
 * same bucket in training and serving on every platform (unlike an engine's string hash).
 */
export function fnv1a32 (text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** The IPv4 network a host belongs to (`a.b.0.0/16`), or the first `prefixBits / 16` IPv6 groups. */
export function ipPrefix (address: string, prefixBits: number): string {
  const octets = address.split('.')
  if (octets.length === 4) {
    const value = octets.reduce((acc, octet) => (acc * 256) + (Number(octet) & 255), 0)
    const mask = prefixBits >= 32 ? 0xffffffff : (0xffffffff << (32 - prefixBits)) >>> 0
    const network = (value & mask) >>> 0
    return `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.${network & 255}/${prefixBits}`
  }
  const groups = address.toLowerCase().split(':').slice(0, Math.max(1, Math.floor(prefixBits / 16)))
  return `${groups.join(':')}::/${prefixBits}`
}

/**
 * The masked network of a canonical dotted-quad IPv4 address (four 1-3 digit octets, each <= 255)
 * as a number, without building strings; anything else is undefined and goes through `ipPrefix`.
 * Equal networks give equal `ipPrefix` text, so the number is a cache key for the hashed bucket.
 */
export function ipv4Network (address: string, prefixBits: number): number | undefined {
  let value = 0
  let octet = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i)
    if (code === 46) {
      if (digits === 0 || dots === 3) return undefined
      value = (value * 256) + octet
      octet = 0
      digits = 0
      dots++
    } else if (code >= 48 && code <= 57 && digits < 3) {
      octet = (octet * 10) + code - 48
      if (octet > 255) return undefined
      digits++
    } else {
      return undefined
    }
  }
  if (dots !== 3 || digits === 0) return undefined
  const mask = prefixBits >= 32 ? 0xffffffff : (0xffffffff << (32 - prefixBits)) >>> 0
  return (((value * 256) + octet) & mask) >>> 0
}
