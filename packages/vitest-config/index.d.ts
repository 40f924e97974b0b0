import type { UserConfig } from 'vitest/config'

export function config (options?: { unitTimeout?: number, integrationTimeout?: number }): UserConfig
