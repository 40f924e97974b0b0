#include "booster.h"

#include <algorithm>
#include <string>
#include <vector>

#include "addon-data.h"
#include "args.h"

namespace lgbm_node {

namespace {

// Calls one of LightGBM's "fill these string buffers" getters twice: once to learn the sizes,
// once with buffers large enough.
template <typename Getter>
Napi::Array ReadStrings(Napi::Env env, Getter getter) {
  int count = 0;
  size_t needed = 0;
  Check(env, getter(0, &count, 0, &needed, nullptr));
  std::vector<std::vector<char>> buffers(count, std::vector<char>(needed + 1));
  std::vector<char*> pointers;
  for (auto& buffer : buffers) pointers.push_back(buffer.data());
  Check(env, getter(count, &count, needed + 1, &needed, pointers.data()));
  Napi::Array out = Napi::Array::New(env, count);
  for (int i = 0; i < count; ++i) out.Set(i, Napi::String::New(env, pointers[i]));
  return out;
}

// With a `tree_sizes=` header line LightGBM parses the trees in parallel, and a malformed tree
// there aborts the whole process (std::terminate out of its OpenMP region). Without the line it
// parses them one after another and reports the same errors normally; the model is the same.
std::string WithoutTreeSizes(std::string model) {
  size_t first_tree = model.find("\nTree=");
  size_t line = model.rfind("tree_sizes=", first_tree);
  if (line != std::string::npos && (line == 0 || model[line - 1] == '\n')) {
    size_t end = model.find('\n', line);
    model.erase(line, end == std::string::npos ? std::string::npos : end - line);
  }
  return model;
}

}  // namespace

Napi::Function BoosterWrap::Define(Napi::Env env) {
  return DefineClass(env, "NativeBooster",
                     {
                         InstanceMethod<&BoosterWrap::Predict>("predict"),
                         InstanceMethod<&BoosterWrap::NumClasses>("numClasses"),
                         InstanceMethod<&BoosterWrap::NumFeatures>("numFeatures"),
                         InstanceMethod<&BoosterWrap::CurrentIteration>("currentIteration"),
                         InstanceMethod<&BoosterWrap::FeatureNames>("featureNames"),
                         InstanceMethod<&BoosterWrap::FeatureImportance>("featureImportance"),
                         InstanceMethod<&BoosterWrap::SaveModelToString>("saveModelToString"),
                         InstanceMethod<&BoosterWrap::Dispose>("dispose"),
                     });
}

Napi::Object BoosterWrap::FromHandle(Napi::Env env, BoosterHandle handle) {
  AddonData* data = env.GetInstanceData<AddonData>();
  return data->booster_constructor.New({Napi::External<void>::New(env, handle)});
}

BoosterWrap::BoosterWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<BoosterWrap>(info) {
  Napi::Env env = info.Env();
  if (info[0].IsExternal()) {
    Adopt(env, info[0].As<Napi::External<void>>().Data());
  } else {
    std::string model = WithoutTreeSizes(ReadString(env, info[0], "model"));
    int iterations = 0;
    BoosterHandle handle = nullptr;
    Check(env, LGBM_BoosterLoadModelFromString(model.c_str(), &iterations, &handle));
    Adopt(env, handle);
  }
}

void BoosterWrap::Adopt(Napi::Env env, BoosterHandle handle) {
  handle_ = handle;
  int features = 0;
  Check(env, LGBM_BoosterGetNumFeature(handle_, &features));
  num_features_ = features;
}

BoosterWrap::~BoosterWrap() { Free(); }

BoosterHandle BoosterWrap::Handle(Napi::Env env) const {
  if (handle_ == nullptr) {
    ThrowError(env, "booster is disposed");
  }
  return handle_;
}

FastConfigHandle BoosterWrap::FastConfig(Napi::Env env, int predict_type, int start, int num, int dtype, int32_t cols) {
  int key[5] = {predict_type, start, num, dtype, cols};
  if (fast_ != nullptr && std::equal(key, key + 5, fast_key_)) {
    return fast_;
  }
  if (fast_ != nullptr) {
    LGBM_FastConfigFree(fast_);
    fast_ = nullptr;
  }
  BoosterHandle handle = Handle(env);
  int64_t out_len = 0;
  Check(env, LGBM_BoosterCalcNumPredict(handle, 1, predict_type, start, num, &out_len));
  FastConfigHandle config = nullptr;
  Check(env, LGBM_BoosterPredictForMatSingleRowFastInit(handle, predict_type, start, num, dtype, cols, "", &config));
  fast_ = config;
  std::copy(key, key + 5, fast_key_);
  fast_out_len_ = out_len;
  return fast_;
}

Napi::Value BoosterWrap::Predict(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  BoosterHandle handle = Handle(env);
  Matrix data = ReadMatrix(env, info[0], "data");
  int32_t rows = ReadInt(env, info[1], "rows", 1, INT32_MAX);
  int32_t cols = ReadInt(env, info[2], "cols", 1, INT32_MAX);
  int predict_type = ReadInt(env, info[3], "predictType", C_API_PREDICT_NORMAL, C_API_PREDICT_CONTRIB);
  int start = ReadInt(env, info[4], "startIteration", 0, INT32_MAX);
  int num = ReadInt(env, info[5], "numIteration", -1, INT32_MAX);
  int threads = ReadInt(env, info[7], "numThreads", 0, INT32_MAX);
  if (data.length != static_cast<size_t>(rows) * static_cast<size_t>(cols)) {
    ThrowRangeError(env, "data has " + std::to_string(data.length) + " values but rows * cols = " +
                             std::to_string(rows) + " * " + std::to_string(cols));
  }
  if (cols != num_features_) {
    // LightGBM's own wording, checked here too because the single-row path reads `cols` values blindly.
    ThrowError(env, "The number of features in data (" + std::to_string(cols) +
                        ") is not the same as it was in training data (" + std::to_string(num_features_) + ").");
  }

  FastConfigHandle fast = nullptr;
  int64_t out_len = 0;
  if (rows == 1) {
    fast = FastConfig(env, predict_type, start, num, data.dtype, cols);
    out_len = fast_out_len_;
  } else {
    Check(env, LGBM_BoosterCalcNumPredict(handle, rows, predict_type, start, num, &out_len));
  }

  Napi::Float64Array out;
  if (info[6].IsUndefined()) {
    out = Napi::Float64Array::New(env, static_cast<size_t>(out_len));
  } else {
    if (!info[6].IsTypedArray() || info[6].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
      ThrowTypeError(env, "out must be a Float64Array");
    }
    out = info[6].As<Napi::Float64Array>();
    if (out.ElementLength() < static_cast<size_t>(out_len)) {
      ThrowRangeError(env, "out has room for " + std::to_string(out.ElementLength()) + " values but " +
                               std::to_string(out_len) + " are needed");
    }
  }

  int64_t written = 0;
  if (fast != nullptr) {
    Check(env, LGBM_BoosterPredictForMatSingleRowFast(fast, data.data, &written, out.Data()));
  } else {
    // LightGBM sets OpenMP's thread count on every call: "" restores the process default.
    const std::string parameters = threads > 0 ? "num_threads=" + std::to_string(threads) : "";
    Check(env, LGBM_BoosterPredictForMat(handle, data.data, data.dtype, rows, cols, 1, predict_type, start, num,
                                         parameters.c_str(), &written, out.Data()));
  }
  return out;
}

Napi::Value BoosterWrap::NumClasses(const Napi::CallbackInfo& info) {
  int out = 0;
  Check(info.Env(), LGBM_BoosterGetNumClasses(Handle(info.Env()), &out));
  return Napi::Number::New(info.Env(), out);
}

Napi::Value BoosterWrap::NumFeatures(const Napi::CallbackInfo& info) {
  Handle(info.Env());
  return Napi::Number::New(info.Env(), num_features_);
}

Napi::Value BoosterWrap::CurrentIteration(const Napi::CallbackInfo& info) {
  int out = 0;
  Check(info.Env(), LGBM_BoosterGetCurrentIteration(Handle(info.Env()), &out));
  return Napi::Number::New(info.Env(), out);
}

Napi::Value BoosterWrap::FeatureNames(const Napi::CallbackInfo& info) {
  BoosterHandle handle = Handle(info.Env());
  return ReadStrings(info.Env(), [handle](int len, int* count, size_t buffer_len, size_t* needed, char** out) {
    return LGBM_BoosterGetFeatureNames(handle, len, count, buffer_len, needed, out);
  });
}

Napi::Value BoosterWrap::FeatureImportance(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  BoosterHandle handle = Handle(env);
  int type = ReadInt(env, info[0], "importanceType", C_API_FEATURE_IMPORTANCE_SPLIT, C_API_FEATURE_IMPORTANCE_GAIN);
  int num = ReadInt(env, info[1], "numIteration", -1, INT32_MAX);
  Napi::Float64Array out = Napi::Float64Array::New(env, static_cast<size_t>(num_features_));
  Check(env, LGBM_BoosterFeatureImportance(handle, num, type, out.Data()));
  return out;
}

Napi::Value BoosterWrap::SaveModelToString(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  BoosterHandle handle = Handle(env);
  int start = ReadInt(env, info[0], "startIteration", 0, INT32_MAX);
  int num = ReadInt(env, info[1], "numIteration", -1, INT32_MAX);
  int type = ReadInt(env, info[2], "importanceType", C_API_FEATURE_IMPORTANCE_SPLIT, C_API_FEATURE_IMPORTANCE_GAIN);
  int64_t needed = 0;
  std::vector<char> buffer(1 << 20);
  Check(env, LGBM_BoosterSaveModelToString(handle, start, num, type, static_cast<int64_t>(buffer.size()), &needed,
                                           buffer.data()));
  if (needed > static_cast<int64_t>(buffer.size())) {
    buffer.resize(static_cast<size_t>(needed));
    Check(env, LGBM_BoosterSaveModelToString(handle, start, num, type, needed, &needed, buffer.data()));
  }
  return Napi::String::New(env, buffer.data());
}

Napi::Value BoosterWrap::Dispose(const Napi::CallbackInfo& info) {
  Free();
  return info.Env().Undefined();
}

void BoosterWrap::Free() {
  if (fast_ != nullptr) {
    LGBM_FastConfigFree(fast_);
    fast_ = nullptr;
  }
  if (handle_ != nullptr) {
    LGBM_BoosterFree(handle_);
    handle_ = nullptr;
  }
}

}  // namespace lgbm_node
