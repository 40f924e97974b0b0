import { config } from '@platform/vitest-config'

export default config()
