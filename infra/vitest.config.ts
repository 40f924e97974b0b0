import { config } from '@platform/vitest-config'

// The unit checks run the helm and promtool binaries: allow for a busy CI machine.
export default config({ unitTimeout: 60_000 })
