import { config } from '@platform/eslint-config'

export default config({ tsconfigRootDir: import.meta.dirname })
