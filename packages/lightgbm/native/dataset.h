// A training or validation set. JS hands over copies of its arrays at construction; LightGBM's
// own Dataset (binning, the costly part) is built lazily on a worker thread by the first training
// that uses it, so building it never blocks the event loop.
#pragma once

#include <LightGBM/c_api.h>
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lgbm_node {

class DatasetWrap : public Napi::ObjectWrap<DatasetWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  // Unwraps a JS Dataset, refusing any other object (checked by type tag, not by prototype).
  static DatasetWrap* FromValue(Napi::Env env, const Napi::Value& value, const char* name);

  // (data, rows, cols, label, weight | undefined, featureNames | undefined, datasetParams)
  explicit DatasetWrap(const Napi::CallbackInfo& info);
  ~DatasetWrap() override;

  // JS thread: a training run takes the dataset for its whole duration.
  void Acquire(Napi::Env env);
  void Release() { busy_ = false; }

  // Worker thread. Builds LightGBM's dataset on first use (against `reference` for validation
  // sets) or checks that a dataset built earlier is compatible. Returns an error message or "".
  std::string Construct(const std::string& train_params, DatasetHandle reference);
  DatasetHandle handle() const { return handle_; }

 private:
  Napi::Value Dispose(const Napi::CallbackInfo& info);
  std::string BuildHandle(const std::string& params, DatasetHandle reference);
  void Free();

  int dtype_;
  std::vector<uint8_t> data_;
  int32_t rows_;
  int32_t cols_;
  std::vector<float> label_;
  std::vector<float> weight_;
  std::vector<std::string> feature_names_;
  std::string dataset_params_;

  DatasetHandle handle_ = nullptr;
  DatasetHandle built_reference_ = nullptr;
  std::string built_params_;
  bool busy_ = false;
  bool disposed_ = false;
};

}  // namespace lgbm_node
