import { z } from 'zod'

const count = z.number().int().min(0).max(1e12)
const id = z.string().min(1).max(256)

/** `POST /predict/fraud`: one impression/click's traffic signals (the seed's field names). */
export const FraudRequest = z.object({
  user_id: id,
  ip_address: z.union([z.ipv4(), z.ipv6()]),
  user_agent: z.string().max(2048),
  impressions_24h: count,
  clicks_24h: count,
  app_id: id.optional(),
  device_info: z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()])).optional()
}).refine((body) => body.clicks_24h <= body.impressions_24h, {
  path: ['clicks_24h'],
  message: 'clicks_24h cannot exceed impressions_24h'
})
export type FraudRequest = z.infer<typeof FraudRequest>

export const adFormats = ['banner', 'native', 'video', 'interstitial', 'rewarded'] as const

/** `POST /predict/ctr`: placement, creative format, audience segments and the time slot. */
export const CtrRequest = z.object({
  placement_id: id,
  ad_format: z.enum(adFormats),
  user_segments: z.array(z.string().min(1).max(128)).max(100),
  time_of_day: z.number().int().min(0).max(23),
  day_of_week: z.number().int().min(0).max(6)
})
export type CtrRequest = z.infer<typeof CtrRequest>

export const competitionLevels = ['low', 'medium', 'high'] as const

/**
 * `POST /predict/bid`. A CPM bid pays bid/1000 per impression, so the budget allows at most
 * `budget_remaining * 1000` CPM; a floor above that cannot be met and is refused.
 */
export const BidRequest = z.object({
  placement_id: id,
  floor_cpm: z.number().min(0).max(1e6),
  predicted_ctr: z.number().min(0).max(1),
  competition_level: z.enum(competitionLevels),
  budget_remaining: z.number().min(0).max(1e12)
}).refine((body) => body.floor_cpm <= body.budget_remaining * 1000, {
  path: ['budget_remaining'],
  message: 'budget_remaining cannot pay the floor (floor_cpm / 1000 per impression)'
})
export type BidRequest = z.infer<typeof BidRequest>

/** Rows per batch request: every row of a batch goes through one `session.run`. */
export const maxBatchRows = 1000

const batchOf = <T extends z.ZodType>(row: T) => z.object({ instances: z.array(row).min(1).max(maxBatchRows) })

export const FraudBatchRequest = batchOf(FraudRequest)
export type FraudBatchRequest = z.infer<typeof FraudBatchRequest>
export const CtrBatchRequest = batchOf(CtrRequest)
export type CtrBatchRequest = z.infer<typeof CtrBatchRequest>
export const BidBatchRequest = batchOf(BidRequest)
export type BidBatchRequest = z.infer<typeof BidBatchRequest>
