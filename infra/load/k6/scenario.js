/* global __ENV, open */
// Shared by the per-service k6 scripts. Request and thresholds come from ../scenarios.json, the
// same file the CI autocannon run (infra/src/load/run-load.ts) reads.
import http from 'k6/http'
import { check } from 'k6'

const scenarios = JSON.parse(open('../scenarios.json'))

export function scenarioOptions (service) {
  const { thresholds } = scenarios[service]
  return {
    scenarios: {
      steady: { executor: 'constant-arrival-rate', rate: Number(__ENV.RATE || 200), timeUnit: '1s', duration: __ENV.DURATION || '2m', preAllocatedVUs: 50, maxVUs: 200 }
    },
    thresholds: {
      http_req_duration: [`p(95)<${thresholds.p95Ms}`, `p(99)<${thresholds.p99Ms}`],
      http_req_failed: [`rate<${thresholds.errorRate}`]
    }
  }
}

export function scenarioRequest (service, defaultBaseUrl) {
  const { method, path, body } = scenarios[service]
  const baseUrl = __ENV.BASE_URL || defaultBaseUrl
  const params = { headers: { 'content-type': 'application/json' } }
  return () => {
    const res = http.request(method, baseUrl + path, body === undefined ? null : JSON.stringify(body), params)
    check(res, { 'status is 200': (r) => r.status === 200 })
  }
}
