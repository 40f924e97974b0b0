const segment = String.raw`(?:\.[A-Za-z_][\w-]*)+`
const optionalUse = new RegExp(String.raw`\((?:\$\w+)?\.Values(${segment})\)(${segment})`, 'g')
const aliasAssign = new RegExp(String.raw`\$(\w+)\s*:=\s*(?:\$\w+)?\.Values(${segment})`, 'g')
const valuesUse = new RegExp(String.raw`\.Values(${segment})`, 'g')

export interface TemplateUses {
  /** Paths a template reads; a path covers its whole subtree (`toYaml .Values.resources`). */
  uses: Set<string>
  /** Paths read through `(.Values.x).y`, which may be absent from a chart's values. */
  optional: Set<string>
}

const strip = (path: string) => path.slice(1)

/** Every `.Values` path a template reads, following `$x := .Values.a` aliases within the text. */
export function templateValuePaths (text: string): TemplateUses {
  const uses = new Set<string>()
  const optional = new Set<string>()
  let rest = text.replace(optionalUse, (_m, base: string, tail: string) => {
    optional.add(strip(base + tail))
    return ''
  })
  const aliases = new Map<string, string>()
  rest = rest.replace(aliasAssign, (_m, name: string, path: string) => {
    aliases.set(name, strip(path))
    return ''
  })
  for (const match of rest.matchAll(valuesUse)) uses.add(strip(match[1] as string))
  for (const [name, base] of aliases) {
    for (const match of rest.matchAll(new RegExp(String.raw`\$${name}(${segment})`, 'g'))) uses.add(`${base}.${strip(match[1] as string)}`)
  }
  return { uses, optional }
}

/** Leaf paths of a values tree; lists and empty maps are leaves (templates use them whole). */
export function valueLeaves (values: unknown, prefix = ''): string[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values) || Object.keys(values).length === 0) return [prefix]
  return Object.entries(values).flatMap(([key, child]) => valueLeaves(child, prefix === '' ? key : `${prefix}.${key}`))
}

const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`)

/** Values no template reads, and template paths values.yaml does not define. */
export function valuesCoverage (values: unknown, templates: readonly string[]): { unused: string[], undefinedPaths: string[] } {
  const uses = new Set<string>()
  const optional = new Set<string>()
  for (const text of templates) {
    const found = templateValuePaths(text)
    for (const u of found.uses) uses.add(u)
    for (const o of found.optional) optional.add(o)
  }
  const leaves = valueLeaves(values)
  const read = [...uses, ...optional]
  const unused = leaves.filter((leaf) => !read.some((u) => within(leaf, u)))
  const undefinedPaths = [...uses].filter((u) => !leaves.some((leaf) => within(leaf, u) || within(u, leaf))).sort()
  return { unused, undefinedPaths }
}

/** Named templates of a library chart, by name (text runs to the next `define`). */
export function defineBlocks (text: string): Map<string, string> {
  const blocks = new Map<string, string>()
  const starts = [...text.matchAll(/^\{\{-? define "([^"]+)"/gm)]
  starts.forEach((match, i) => {
    const end = starts[i + 1]?.index ?? text.length
    blocks.set(match[1] as string, text.slice(match.index, end))
  })
  return blocks
}

/** The library blocks a chart's templates include, directly or through other blocks. */
export function includedBlocks (chartTemplates: readonly string[], library: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>()
  const queue = chartTemplates.flatMap((t) => [...t.matchAll(/include "([^"]+)"/g)].map((m) => m[1] as string))
  while (queue.length > 0) {
    const name = queue.pop() as string
    const block = library.get(name)
    if (block === undefined || seen.has(name)) continue
    seen.add(name)
    for (const m of block.matchAll(/include "([^"]+)"/g)) queue.push(m[1] as string)
  }
  return [...seen].map((name) => library.get(name) as string)
}
