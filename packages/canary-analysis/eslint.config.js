import { config } from '@platform/eslint-config'

// Not pure: the CLI queries Prometheus over HTTP.
export default config({ tsconfigRootDir: import.meta.dirname })
