import { z } from 'zod'
import { serviceEnv } from '@platform/service-kit'

/** The only place the forecaster reads its environment. */
export const Config = z.object({
  ...serviceEnv({ port: 8081 })
})
export type Config = z.infer<typeof Config>
