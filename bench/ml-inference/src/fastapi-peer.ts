import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Debian's interpreter has python3-fastapi/python3-uvicorn; the first python3 on PATH may not. */
export const systemPython = '/usr/bin/python3'
export const hasFastApi = (): boolean =>
  existsSync(systemPython) && spawnSync(systemPython, ['-c', 'import fastapi, uvicorn'], { stdio: 'ignore' }).status === 0
