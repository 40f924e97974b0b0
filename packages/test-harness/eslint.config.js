import { config } from '@platform/eslint-config'

// Not pure: this package spawns redis-server and prometheus for integration tests.
export default config({ tsconfigRootDir: import.meta.dirname })
