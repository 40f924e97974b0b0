/** One tree of a LightGBM model, as written in its text format (arrays indexed by internal node). */
export interface ModelTree {
  numLeaves: number
  splitFeature: number[]
  threshold: number[]
  decisionType: number[]
  /** Child of each internal node: >= 0 is an internal node, < 0 is leaf `~child`. */
  leftChild: number[]
  rightChild: number[]
  leafValue: number[]
  isLinear: boolean
}

export interface LightGbmModel {
  numClass: number
  numTreePerIteration: number
  maxFeatureIdx: number
  /** Objective name, e.g. `binary`, with its settings, e.g. `{ sigmoid: '1' }` (flags map to ''). */
  objective: { name: string, settings: Record<string, string> }
  /** Random-forest mode: the prediction is the mean of the iterations, not their sum. */
  averageOutput: boolean
  featureNames: string[]
  trees: ModelTree[]
}

function fail (message: string): never {
  throw new Error(`LightGBM: model text: ${message}`)
}

// LightGBM prints doubles with 17 significant digits, and non-finite values as inf/-inf/nan.
function parseNumber (token: string, key: string): number {
  switch (token.toLowerCase()) {
    case 'inf': case '+inf': return Number.POSITIVE_INFINITY
    case '-inf': return Number.NEGATIVE_INFINITY
    case 'nan': case '-nan': return Number.NaN
  }
  const value = Number(token)
  if (token === '' || Number.isNaN(value)) fail(`${key} has a non-numeric value ${JSON.stringify(token)}`)
  return value
}

function readBlock (lines: readonly string[]): Map<string, string> {
  const block = new Map<string, string>()
  for (const line of lines) {
    const eq = line.indexOf('=')
    if (eq > 0) block.set(line.slice(0, eq), line.slice(eq + 1))
    else if (line.trim() !== '') block.set(line.trim(), '')
  }
  return block
}

function field (block: Map<string, string>, key: string, where: string): string {
  const value = block.get(key)
  if (value === undefined) fail(`${where} has no ${key}`)
  return value
}

function numbers (block: Map<string, string>, key: string, length: number, where: string): number[] {
  const text = field(block, key, where).trim()
  const values = text === '' ? [] : text.split(/\s+/).map((token) => parseNumber(token, key))
  if (values.length !== length) fail(`${where} has ${values.length} ${key} values, expected ${length}`)
  return values
}

function integer (block: Map<string, string>, key: string, where: string): number {
  const value = parseNumber(field(block, key, where).trim(), key)
  if (!Number.isInteger(value) || value < 0) fail(`${where} has an invalid ${key}`)
  return value
}

function parseTree (lines: readonly string[], where: string): ModelTree {
  const block = readBlock(lines)
  const numLeaves = integer(block, 'num_leaves', where)
  if (numLeaves < 1) fail(`${where} has no leaves`)
  const internal = numLeaves - 1
  const tree: ModelTree = {
    numLeaves,
    splitFeature: numbers(block, 'split_feature', internal, where),
    threshold: numbers(block, 'threshold', internal, where),
    decisionType: numbers(block, 'decision_type', internal, where),
    leftChild: numbers(block, 'left_child', internal, where),
    rightChild: numbers(block, 'right_child', internal, where),
    leafValue: numbers(block, 'leaf_value', numLeaves, where),
    isLinear: (block.get('is_linear') ?? '0').trim() === '1'
  }
  checkShape(tree, where)
  checkCategories(block, tree, where)
  return tree
}

// LightGBM trusts its model text: a child index out of range or a cycle crashes or hangs its
// prediction. Every leaf and every internal node but the root must have exactly one parent.
function checkShape (tree: ModelTree, where: string): void {
  const internal = tree.numLeaves - 1
  const nodeParents = new Array<number>(internal).fill(0)
  const leafParents = new Array<number>(tree.numLeaves).fill(0)
  for (const child of [...tree.leftChild, ...tree.rightChild]) {
    if (!Number.isInteger(child) || child >= internal || child === 0 || ~child >= tree.numLeaves) {
      fail(`${where} has a child index out of range: ${child}`)
    }
    if (child > 0) nodeParents[child] = (nodeParents[child] ?? 0) + 1
    else leafParents[~child] = (leafParents[~child] ?? 0) + 1
  }
  const leavesOk = tree.numLeaves === 1 || leafParents.every((n) => n === 1)
  if (nodeParents.some((n, i) => i > 0 && n !== 1) || !leavesOk) fail(`${where} is not a tree`)
}

// For categorical splits the threshold indexes cat_boundaries, which delimit cat_threshold.
function checkCategories (block: Map<string, string>, tree: ModelTree, where: string): void {
  const categorical = tree.decisionType.map((d, node) => (d & 1) !== 0 ? node : -1).filter((node) => node >= 0)
  if (categorical.length === 0) return
  const numCat = integer(block, 'num_cat', where)
  const bounds = numbers(block, 'cat_boundaries', numCat + 1, where)
  const words = field(block, 'cat_threshold', where).trim().split(/\s+/).filter((w) => w !== '').length
  const ordered = bounds.every((b, i) => Number.isInteger(b) && b >= (bounds[i - 1] ?? 0)) && bounds[0] === 0 && bounds[numCat] === words
  if (!ordered || categorical.some((node) => !Number.isInteger(tree.threshold[node]) || (tree.threshold[node] ?? -1) < 0 || (tree.threshold[node] ?? numCat) >= numCat)) {
    fail(`${where} has inconsistent categorical split data`)
  }
}

function parseObjective (text: string): LightGbmModel['objective'] {
  const [name = '', ...rest] = text.trim().split(/\s+/)
  const settings: Record<string, string> = {}
  for (const item of rest) {
    const colon = item.indexOf(':')
    if (colon < 0) settings[item] = ''
    else settings[item.slice(0, colon)] = item.slice(colon + 1)
  }
  return { name, settings }
}

/** Parses a model in LightGBM's text format (`saveModelToString()`, or a model file from any LightGBM tool). */
export function parseModelText (text: string): LightGbmModel {
  const lines = text.split(/\r?\n/)
  const end = lines.indexOf('end of trees')
  if (end < 0) fail('no "end of trees" line')
  const starts = lines.flatMap((line, index) => index < end && line.startsWith('Tree=') ? [index] : [])
  const header = readBlock(lines.slice(0, starts[0] ?? end))
  const trees = starts.map((start, i) => parseTree(lines.slice(start + 1, starts[i + 1] ?? end), `tree ${i}`))
  const numClass = integer(header, 'num_class', 'the header')
  const numTreePerIteration = integer(header, 'num_tree_per_iteration', 'the header')
  const maxFeatureIdx = integer(header, 'max_feature_idx', 'the header')
  if (numTreePerIteration < 1 || numTreePerIteration !== numClass || trees.length % numTreePerIteration !== 0) {
    fail(`${trees.length} trees do not make whole iterations of ${numTreePerIteration} trees for ${numClass} classes`)
  }
  const featureNames = (header.get('feature_names') ?? '').trim().split(/\s+/).filter((name) => name !== '')
  if (featureNames.length !== maxFeatureIdx + 1) fail(`${featureNames.length} feature names for ${maxFeatureIdx + 1} features`)
  for (const tree of trees) {
    if (tree.splitFeature.some((feature) => !Number.isInteger(feature) || feature < 0 || feature > maxFeatureIdx)) {
      fail('a split uses a feature index beyond max_feature_idx')
    }
  }
  return {
    numClass,
    numTreePerIteration,
    maxFeatureIdx,
    objective: parseObjective(header.get('objective') ?? ''),
    averageOutput: header.has('average_output'),
    featureNames,
    trees
  }
}
