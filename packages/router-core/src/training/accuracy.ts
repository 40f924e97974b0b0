/** Mean absolute percentage error, as a fraction (0.12 = 12%); pairs with a zero actual are skipped. */
export function mape (actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number
    if (a === 0) continue
    sum += Math.abs(((predicted[i] as number) - a) / a)
    n++
  }
  return n === 0 ? Number.NaN : sum / n
}

export function mse (actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < actual.length; i++) sum += ((predicted[i] as number) - (actual[i] as number)) ** 2
  return actual.length === 0 ? Number.NaN : sum / actual.length
}

/** Area under the ROC curve by the rank-sum statistic, ties counted as half. */
export function auc (labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number))
  let positives = 0
  let rankSum = 0
  let i = 0
  while (i < order.length) {
    let j = i
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++
    const averageRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) { positives++; rankSum += averageRank }
    }
    i = j + 1
  }
  const negatives = labels.length - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
}
