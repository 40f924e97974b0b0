// A trained model. Owns its LightGBM booster handle (freed by dispose() or, as a safety net,
// by the GC finalizer) and a cached single-row predictor for the one-row fast path.
#pragma once

#include <LightGBM/c_api.h>
#include <napi.h>

#include <cstdint>

namespace lgbm_node {

class BoosterWrap : public Napi::ObjectWrap<BoosterWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  // Wraps a handle made on a worker thread; the new JS object owns it.
  static Napi::Object FromHandle(Napi::Env env, BoosterHandle handle);

  // (modelString) or, internally, (External<handle>)
  explicit BoosterWrap(const Napi::CallbackInfo& info);
  ~BoosterWrap() override;

 private:
  // (data, rows, cols, predictType, startIteration, numIteration, out | undefined) -> Float64Array
  Napi::Value Predict(const Napi::CallbackInfo& info);
  Napi::Value NumClasses(const Napi::CallbackInfo& info);
  Napi::Value NumFeatures(const Napi::CallbackInfo& info);
  Napi::Value CurrentIteration(const Napi::CallbackInfo& info);
  Napi::Value FeatureNames(const Napi::CallbackInfo& info);
  // (importanceType 0 split | 1 gain, numIteration) -> Float64Array
  Napi::Value FeatureImportance(const Napi::CallbackInfo& info);
  // (startIteration, numIteration, importanceType) -> string
  Napi::Value SaveModelToString(const Napi::CallbackInfo& info);
  Napi::Value Dispose(const Napi::CallbackInfo& info);

  BoosterHandle Handle(Napi::Env env) const;
  void Adopt(Napi::Env env, BoosterHandle handle);
  // Single-row predictor for this key, rebuilt only when the key changes.
  FastConfigHandle FastConfig(Napi::Env env, int predict_type, int start, int num, int dtype, int32_t cols);
  void Free();

  BoosterHandle handle_ = nullptr;
  int32_t num_features_ = 0;

  FastConfigHandle fast_ = nullptr;
  int fast_key_[5] = {0, 0, 0, 0, 0};
  int64_t fast_out_len_ = 0;
};

}  // namespace lgbm_node
