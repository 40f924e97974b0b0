// k6 run [-e BASE_URL=http://host:port] [-e RATE=200] [-e DURATION=2m] infra/load/k6/forecaster.js
import { scenarioOptions, scenarioRequest } from './scenario.js'

export const options = scenarioOptions('forecaster')
export default scenarioRequest('forecaster', 'http://localhost:8081')
