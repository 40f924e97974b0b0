import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { helmRoot, serviceCharts } from './helm-cli.js'
import { defineBlocks, includedBlocks, templateValuePaths, valueLeaves, valuesCoverage } from './values-coverage.js'

const templatesOf = (chart: string) => {
  const dir = join(helmRoot, chart, 'templates')
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
}

describe('templateValuePaths', () => {
  it('finds direct, aliased and optional reads', () => {
    const { uses, optional } = templateValuePaths([
      '{{ .Values.image.repository }} {{ $root.Values.service.type }}',
      '{{- $a := .Values.rollout.analysis }} {{ $a.interval }}',
      '{{- if not ($root.Values.autoscaling).enabled }}'
    ].join('\n'))
    expect([...uses].sort()).toEqual(['image.repository', 'rollout.analysis.interval', 'service.type'])
    expect([...optional]).toEqual(['autoscaling.enabled'])
  })
})

describe('valuesCoverage', () => {
  it('reports values no template reads and reads of undefined values', () => {
    const values = { image: { repository: 'r', tag: '' }, resources: { requests: { cpu: 1 } }, extra: [] }
    const result = valuesCoverage(values, ['{{ .Values.image.repository }} {{ toYaml .Values.resources }} {{ .Values.image.digest }}'])
    expect(result.unused).toEqual(['image.tag', 'extra'])
    expect(result.undefinedPaths).toEqual(['image.digest'])
  })

  it('treats lists and empty maps as leaves', () => {
    expect(valueLeaves({ a: [], b: {}, c: { d: 1 } })).toEqual(['a', 'b', 'c.d'])
  })
})

describe('includedBlocks', () => {
  it('follows includes through the library and skips blocks nobody includes', () => {
    const library = defineBlocks('{{- define "a" -}}{{ include "b" . }}{{- end -}}\n{{- define "b" -}}B{{- end -}}\n{{- define "c" -}}C{{- end -}}\n')
    expect(includedBlocks(['{{ include "a" . }}'], library).sort()).toEqual([library.get('a'), library.get('b')].sort())
  })
})

describe.each(serviceCharts)('helm/%s values', (chart) => {
  it('every value is read by a template and every read value exists', () => {
    const values: unknown = parse(readFileSync(join(helmRoot, chart, 'values.yaml'), 'utf8'))
    const library = new Map(templatesOf('platform-common').flatMap((t) => [...defineBlocks(t)]))
    const templates = templatesOf(chart)
    const result = valuesCoverage(values, [...templates, ...includedBlocks(templates, library)])
    expect(result).toEqual({ unused: [], undefinedPaths: [] })
  })
})
