import { isIPv6 } from 'node:net'

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

/**
 * The network a host belongs to, as text: `a.b.0.0/16` for IPv4 (and for an IPv4-mapped IPv6
 * address, so `::ffff:a.b.c.d` shares its bucket), the first `prefixBits` bits of an IPv6 address
 * in canonical groups (`2001:db8::/32`, however the address was spelled). Other text hashes by
 * its own leading colon-separated parts.
 */
export function ipPrefix (address: string, prefixBits: number): string {
  const octets = address.split('.')
  if (octets.length === 4 && !address.includes(':')) {
    const value = octets.reduce((acc, octet) => (acc * 256) + (Number(octet) & 255), 0)
    const mask = prefixBits >= 32 ? 0xffffffff : (0xffffffff << (32 - prefixBits)) >>> 0
    const network = (value & mask) >>> 0
    return `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.${network & 255}/${prefixBits}`
  }
  const groups = ipv6Groups(address)
  if (groups === undefined) {
    return `${address.toLowerCase().split(':').slice(0, Math.max(1, Math.floor(prefixBits / 16))).join(':')}::/${prefixBits}`
  }
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6)
    return ipPrefix(`${high >>> 8}.${high & 255}.${low >>> 8}.${low & 255}`, prefixBits)
  }
  const kept = Math.max(1, Math.ceil(prefixBits / 16))
  const masked = groups.slice(0, kept).map((g, i) => {
    const bits = Math.min(16, Math.max(0, prefixBits - (i * 16)))
    return (g & ((0xffff << (16 - bits)) & 0xffff)).toString(16)
  })
  return `${masked.join(':')}::/${prefixBits}`
}

/** The eight 16-bit groups of a valid IPv6 address (zone id dropped), or undefined. */
function ipv6Groups (address: string): number[] | undefined {
  const text = address.split('%')[0] ?? ''
  if (!isIPv6(text)) return undefined
  const parse = (part: string): number[] => part === ''
    ? []
    : part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [Number.parseInt(group, 16)]
      const v4 = ipv4Network(group, 32) ?? 0
      return [v4 >>> 16, v4 & 0xffff]
    })
  const [head = '', tail] = text.split('::')
  const front = parse(head)
  const back = tail === undefined ? [] : parse(tail)
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back]
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
