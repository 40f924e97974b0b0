import { config } from '@platform/eslint-config'

// Not pure: the checks run helm and promtool and read the charts, rules and dashboards from disk.
export default config({ tsconfigRootDir: import.meta.dirname })
