import { z } from 'zod'

/** Open Inference Protocol (KServe v2) tensor datatypes this service reads and writes. */
export const OipDatatype = z.enum(['BOOL', 'INT32', 'INT64', 'FP32', 'FP64'])
export type OipDatatype = z.infer<typeof OipDatatype>

export const OipTensorMetadata = z.object({
  name: z.string(),
  datatype: OipDatatype,
  /** -1 marks a variable dimension (the batch). */
  shape: z.array(z.number().int())
})
export type OipTensorMetadata = z.infer<typeof OipTensorMetadata>

export const OipServerLive = z.object({ live: z.boolean() })
export const OipServerReady = z.object({ ready: z.boolean() })
export const OipModelReady = z.object({ name: z.string(), ready: z.boolean() })

export const OipModelMetadata = z.object({
  name: z.string(),
  versions: z.array(z.string()),
  platform: z.string(),
  inputs: z.array(OipTensorMetadata),
  outputs: z.array(OipTensorMetadata)
})
export type OipModelMetadata = z.infer<typeof OipModelMetadata>

// Row-major data, flat or nested one level per row as clients commonly send it.
const tensorData = z.union([z.array(z.number()), z.array(z.array(z.number()))])

export const OipInferRequest = z.object({
  id: z.string().max(256).optional(),
  inputs: z.array(z.object({
    name: z.string(),
    shape: z.array(z.number().int().min(0)).min(1),
    datatype: OipDatatype,
    data: tensorData
  })).min(1),
  outputs: z.array(z.object({ name: z.string() })).optional()
})
export type OipInferRequest = z.infer<typeof OipInferRequest>

export const OipInferResponse = z.object({
  model_name: z.string(),
  model_version: z.string(),
  id: z.string().optional(),
  outputs: z.array(z.object({
    name: z.string(),
    shape: z.array(z.number().int()),
    datatype: OipDatatype,
    data: z.array(z.number())
  }))
})
export type OipInferResponse = z.infer<typeof OipInferResponse>
