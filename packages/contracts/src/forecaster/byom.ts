import { z } from 'zod'

/** `POST {byomURL}` body: the recent history and what to forecast (the seed's BYOM contract). */
export const ByomRequest = z.object({
  now: z.iso.datetime(),
  horizonSeconds: z.number().int().positive(),
  stepSeconds: z.number().int().positive(),
  features: z.array(z.object({ ts: z.iso.datetime(), value: z.number() }))
})
export type ByomRequest = z.infer<typeof ByomRequest>

/** BYOM answer: `horizonSeconds / stepSeconds` values, optional quantiles keyed by level ("0.90"). */
export const ByomResponse = z.object({
  metric: z.string(),
  values: z.array(z.number()),
  quantiles: z.record(z.string(), z.array(z.number())).optional()
})
export type ByomResponse = z.infer<typeof ByomResponse>
