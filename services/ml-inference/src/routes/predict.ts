import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import {
  BidBatchRequest, BidBatchResponse, BidRequest, BidResponse, CtrBatchRequest, CtrBatchResponse, CtrRequest, CtrResponse,
  ErrorEnvelope, FraudBatchRequest, FraudBatchResponse, FraudRequest, FraudResponse, type ModelMetadata
} from '@platform/contracts'
import { fraudAnswerJson, fraudBatchAnswerJson } from '../serving/answer-json.js'
import { bidAnswer, ctrAnswer, fraudAnswer } from '../serving/answers.js'
import { requireAuth, type PredictAuth } from './predict-auth.js'

export interface PredictRoutesOptions {
  /** When set, prediction routes need a bearer the check accepts (off by default). */
  auth: PredictAuth | undefined
}

type Row = Readonly<Record<string, unknown>>

const versionHeader = 'x-model-version'
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 404: ErrorEnvelope, 503: ErrorEnvelope }

/** `/predict/{fraud,ctr,bid}` and their `/batch` variants: thin handlers over the scorer. */
export const predictRoutes: FastifyPluginAsyncZod<PredictRoutesOptions> = async (app, { auth }) => {
  // Answers are checked with zod's compiled parser (2 µs instead of the runtime encode, ~10 µs, for
  // one answer): these schemas have no codecs, so parsing and encoding check the same thing. A
  // mismatch is still a 500 INTERNAL, never a malformed body. The fraud answers have their own
  // writer, which checks the same types field by field (1,000 batch answers through zod and
  // JSON.stringify cost ~10x as much). Bodies: the kit compiles every schema.
  app.setSerializerCompiler(({ schema }) => {
    if (schema === FraudResponse) return fraudAnswerJson
    if (schema === FraudBatchResponse) return fraudBatchAnswerJson
    const compiled = z.compile(schema as z.ZodType)
    return (data) => {
      const checked = compiled.safeParse(data)
      if (!checked.success) throw new Error('prediction answer does not match its response schema', { cause: checked.error })
      return JSON.stringify(checked.data)
    }
  })
  if (auth !== undefined) app.addHook('onRequest', requireAuth(auth))
  const pinned = (headers: Record<string, unknown>) => {
    const value = headers[versionHeader]
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const elapsedMs = (started: number) => performance.now() - started
  const tags = ['predict']

  /** One row: the version that scored it answers, and names itself in the body and header. */
  const answerOne = async <R extends Row, P>(name: string, row: R, key: string, request: FastifyRequest, reply: FastifyReply, answer: (metadata: ModelMetadata, score: number, row: R) => P) => {
    const started = performance.now()
    const scored = await app.scorer.score({ model: name, rows: [row], keys: [key], pinnedVersion: pinned(request.headers) })
    const model = scored.versions[0] ?? scored.model
    void reply.header(versionHeader, model.version)
    return { model_name: model.name, model_version: model.version, prediction: answer(model.metadata, scored.scores[0] ?? 0, row), latency_ms: elapsedMs(started), source: 'model' as const }
  }

  /** Many rows in request order, each with the version that scored it (a canary splits by each row's key). */
  const answerBatch = async <R extends Row, P extends object>(name: string, rows: readonly R[], keys: readonly string[], request: FastifyRequest, reply: FastifyReply, answer: (metadata: ModelMetadata, score: number, row: R) => P) => {
    const started = performance.now()
    const { model, scores, versions } = await app.scorer.score({ model: name, rows, keys, pinnedVersion: pinned(request.headers) })
    void reply.header(versionHeader, model.version)
    // Object.assign, not a spread: spreading each fresh answer took ~0.4 ms per 1,000 rows.
    const predictions = rows.map((row, i) => {
      const version = versions[i] ?? model
      return Object.assign(answer(version.metadata, scores[i] ?? 0, row), { model_version: version.version })
    })
    return { model_name: model.name, model_version: model.version, predictions, latency_ms: elapsedMs(started), source: 'model' as const }
  }

  app.post('/predict/fraud', { schema: { tags, summary: 'Fraud score for one impression or click', body: FraudRequest, response: { 200: FraudResponse, ...errors } } },
    async (request, reply) => answerOne('fraud', request.body, request.body.user_id, request, reply, fraudAnswer))
  app.post('/predict/ctr', { schema: { tags, summary: 'Click-through probability', body: CtrRequest, response: { 200: CtrResponse, ...errors } } },
    async (request, reply) => answerOne('ctr', request.body, request.body.placement_id, request, reply, ctrAnswer))
  app.post('/predict/bid', { schema: { tags, summary: 'CPM to bid, within floor and budget', body: BidRequest, response: { 200: BidResponse, ...errors } } },
    async (request, reply) => answerOne('bid', request.body, request.body.placement_id, request, reply, bidAnswer))

  const batchSummary = 'Up to 1,000 rows; one session.run per answering version (a canary splits rows by their own key)'
  app.post('/predict/fraud/batch', { schema: { tags, summary: batchSummary, body: FraudBatchRequest, response: { 200: FraudBatchResponse, ...errors } } },
    async (request, reply) => answerBatch('fraud', request.body.instances, request.body.instances.map((row) => row.user_id), request, reply, fraudAnswer))
  app.post('/predict/ctr/batch', { schema: { tags, summary: batchSummary, body: CtrBatchRequest, response: { 200: CtrBatchResponse, ...errors } } },
    async (request, reply) => answerBatch('ctr', request.body.instances, request.body.instances.map((row) => row.placement_id), request, reply, ctrAnswer))
  app.post('/predict/bid/batch', { schema: { tags, summary: batchSummary, body: BidBatchRequest, response: { 200: BidBatchResponse, ...errors } } },
    async (request, reply) => answerBatch('bid', request.body.instances, request.body.instances.map((row) => row.placement_id), request, reply, bidAnswer))
}
