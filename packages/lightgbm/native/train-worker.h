// train(): builds the datasets and boosts on a libuv worker thread so the event loop keeps
// running; each iteration's evaluation scores are queued back to the JS thread.
#pragma once

#include <napi.h>

#include <vector>

namespace lgbm_node {

// One iteration's scores, laid out [validSet0 metric0, validSet0 metric1, ..., validSet1 metric0, ...].
struct IterationScores {
  int iteration = 0;
  std::vector<double> scores;
};

// JS: train(trainSet, validSets, params, numBoostRound, earlyStoppingRounds, onIteration | undefined)
//   -> Promise<{ booster, bestIteration, metricNames, history }>
Napi::Value Train(const Napi::CallbackInfo& info);

}  // namespace lgbm_node
