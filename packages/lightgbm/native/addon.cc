// Node-API addon over LightGBM's C API: Dataset, Booster and an asynchronous train().
#include <napi.h>

#include "addon-data.h"
#include "booster.h"
#include "dataset.h"
#include "train-worker.h"

namespace lgbm_node {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* data = new AddonData();
  Napi::Function booster = BoosterWrap::Define(env);
  data->booster_constructor = Napi::Persistent(booster);
  env.SetInstanceData<AddonData>(data);

  exports.Set("Dataset", DatasetWrap::Define(env));
  exports.Set("Booster", booster);
  exports.Set("train", Napi::Function::New<Train>(env, "train"));
  return exports;
}

NODE_API_MODULE(lightgbm_node, Init)

}  // namespace lgbm_node
