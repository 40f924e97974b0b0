import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
const services = [
  { name: 'forecaster', port: 8081, native: false },
  { name: 'ml-router', port: 8080, native: true },
  { name: 'ml-inference', port: 8000, native: true }
]

// No Docker engine runs here: these checks read the files for the properties the images must have.
describe.each(services)('infra/docker/$name.Dockerfile', ({ name, port, native }) => {
  const text = read(`docker/${name}.Dockerfile`)
  const stages = text.split(/^FROM /m).slice(1)

  it('builds in one stage and runs the pnpm deploy output in another, as a non-root user', () => {
    expect(stages).toHaveLength(2)
    expect(stages[0]).toContain(`pnpm --filter ${name} deploy --prod`)
    expect(stages[1]).toContain('COPY --from=build --chown=10001:10001 /out /app')
    expect(stages[1]).toMatch(/^USER 10001:10001$/m)
    expect(stages[1]).toContain('CMD ["node", "dist/main.js"]')
  })

  it('health-checks /healthz on the port the chart probes', () => {
    expect(stages[1]).toContain(`fetch('http://127.0.0.1:${port}/healthz')`)
    expect(stages[1]).toMatch(new RegExp(`^EXPOSE ${port}\\b`, 'm'))
    const values = parse(read(`../helm/${name}/values.yaml`)) as { service: { httpPort: number } }
    expect(values.service.httpPort).toBe(port)
  })

  it(native ? 'compiles LightGBM in the build stage and ships the OpenMP runtime' : 'needs no native toolchain', () => {
    expect(stages[0]?.includes('cmake g++')).toBe(native)
    expect(stages[1]?.includes('libgomp1')).toBe(native)
  })
})

describe('infra/docker-compose.yaml', () => {
  it('builds each service from its Dockerfile and runs Prometheus and Grafana with the repo config', () => {
    const compose = parse(read('docker-compose.yaml')) as { services: Record<string, { build?: { dockerfile: string }, ports?: string[], volumes?: string[] }> }
    for (const { name, port } of services) {
      expect(compose.services[name]?.build?.dockerfile).toBe(`infra/docker/${name}.Dockerfile`)
      expect(compose.services[name]?.ports).toContain(`${port}:${port}`)
    }
    expect(compose.services.prometheus?.volumes).toContain('./prometheus:/etc/prometheus:ro')
    expect(compose.services.grafana?.volumes).toContain('./grafana/dashboards:/var/lib/grafana/dashboards:ro')
  })
})
