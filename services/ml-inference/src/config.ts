import { z } from 'zod'
import { serviceEnv } from '@platform/service-kit'

/** The only place ml-inference reads its environment. */
export const Config = z.object({
  ...serviceEnv({ port: 8000 })
})
export type Config = z.infer<typeof Config>
