// Install step (`pnpm install` runs it): compiles the addon with cmake-js and links it against
// the static LightGBM library that the `lightgbm` package built during its own install.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const lightgbmDir = dirname(require.resolve('lightgbm/package.json'))
const archive = join(lightgbmDir, 'dependencies', 'LightGBM', 'lib_lightgbm.a')

if (!existsSync(archive)) {
  console.error(`@platform/lightgbm: ${archive} is missing.
The "lightgbm" package builds it in its install script; make sure "lightgbm" is listed in
onlyBuiltDependencies in pnpm-workspace.yaml and that cmake and a C++ compiler are installed,
then run \`pnpm rebuild lightgbm && pnpm --filter @platform/lightgbm build:native\`.`)
  process.exit(1)
}

const cmakeJs = require.resolve('cmake-js/bin/cmake-js')
const nodeAddonApi = dirname(require.resolve('node-addon-api/package.json'))
const result = spawnSync(process.execPath, [
  cmakeJs, 'compile',
  `--CDLIGHTGBM_DIR=${lightgbmDir}`,
  `--CDNODE_ADDON_API_DIR=${nodeAddonApi}`
], { cwd: join(import.meta.dirname, '..'), stdio: 'inherit' })
process.exit(result.status ?? 1)
