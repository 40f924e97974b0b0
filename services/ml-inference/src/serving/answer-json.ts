// The fraud answers' JSON, written field by field. Checking 1,000 batch answers with zod and then
// running JSON.stringify cost about ten times this per batch. The text is the same as
// JSON.stringify of the zod-checked answer (answer-json.test.ts checks that on generated answers),
// and a value of the wrong type is still an error, so a bug is a 500 and never a malformed body.

type Fields = Readonly<Record<string, unknown>>

function mismatch (field: string): Error {
  return new Error('prediction answer does not match its response schema', { cause: new TypeError(`${field} has the wrong type`) })
}

function fields (value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(field)
  return value as Fields
}

function text (value: unknown, field: string): string {
  if (typeof value !== 'string') throw mismatch(field)
  return JSON.stringify(value)
}

/** zod's `z.number()` refuses NaN and ±Infinity; a finite number prints as JSON.stringify prints it. */
function finite (value: unknown, field: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch(field)
  return String(value)
}

function flag (value: unknown, field: string): string {
  if (typeof value !== 'boolean') throw mismatch(field)
  return value ? 'true' : 'false'
}

function source (value: unknown): string {
  if (value !== 'model') throw mismatch('source')
  return '"model"'
}

// Field names for errors are constants: a batch writes 1,000 predictions and builds no path text.
const fraudFields = (prediction: Fields, field: 'prediction' | 'predictions[]') =>
  `"fraud_score":${finite(prediction.fraud_score, field)},"is_fraud":${flag(prediction.is_fraud, field)}`

/** `FraudResponse` as JSON. */
export function fraudAnswerJson (data: unknown): string {
  const answer = fields(data, 'answer')
  const prediction = fields(answer.prediction, 'prediction')
  return `{"model_name":${text(answer.model_name, 'model_name')},"model_version":${text(answer.model_version, 'model_version')},` +
    `"prediction":{${fraudFields(prediction, 'prediction')}},"latency_ms":${finite(answer.latency_ms, 'latency_ms')},"source":${source(answer.source)}}`
}

/** `FraudBatchResponse` as JSON. Rows name one of a few versions, so each version is escaped once. */
export function fraudBatchAnswerJson (data: unknown): string {
  const answer = fields(data, 'answer')
  const predictions = answer.predictions
  if (!Array.isArray(predictions)) throw mismatch('predictions')
  let out = `{"model_name":${text(answer.model_name, 'model_name')},"model_version":${text(answer.model_version, 'model_version')},"predictions":[`
  let lastVersion: unknown
  let lastVersionJson = ''
  for (let i = 0; i < predictions.length; i++) {
    const prediction = fields(predictions[i], 'predictions[]')
    const version = prediction.model_version
    if (version !== lastVersion || i === 0) {
      lastVersionJson = text(version, 'predictions[].model_version')
      lastVersion = version
    }
    out += `${i === 0 ? '' : ','}{${fraudFields(prediction, 'predictions[]')},"model_version":${lastVersionJson}}`
  }
  return `${out}],"latency_ms":${finite(answer.latency_ms, 'latency_ms')},"source":${source(answer.source)}}`
}
