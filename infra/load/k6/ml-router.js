// k6 run [-e BASE_URL=http://host:port] [-e RATE=200] [-e DURATION=2m] infra/load/k6/ml-router.js
import { scenarioOptions, scenarioRequest } from './scenario.js'

export const options = scenarioOptions('ml-router')
export default scenarioRequest('ml-router', 'http://localhost:8080')
