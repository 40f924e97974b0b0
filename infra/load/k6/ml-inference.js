// k6 run [-e BASE_URL=http://host:port] [-e RATE=200] [-e DURATION=2m] infra/load/k6/ml-inference.js
import { scenarioOptions, scenarioRequest } from './scenario.js'

export const options = scenarioOptions('ml-inference')
export default scenarioRequest('ml-inference', 'http://localhost:8000')
