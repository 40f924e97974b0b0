#include "dataset.h"

#include <cmath>
#include <cstring>

#include "args.h"

namespace lgbm_node {

namespace {

const napi_type_tag kDatasetTag = {0x6c6967687467626dULL, 0x2d64617461736574ULL};

// LightGBM stores labels and weights as float32; it does not reject NaN or infinite labels
// itself (training then silently produces NaN trees), so they are refused here.
std::vector<float> ReadFiniteColumn(Napi::Env env, const Napi::Value& value, const char* name, int32_t rows) {
  Matrix column = ReadMatrix(env, value, name);
  if (column.length != static_cast<size_t>(rows)) {
    ThrowRangeError(env, std::string(name) + " has " + std::to_string(column.length) + " values but the data has " +
                             std::to_string(rows) + " rows");
  }
  std::vector<float> out(column.length);
  for (size_t i = 0; i < column.length; ++i) {
    double v = column.dtype == C_API_DTYPE_FLOAT32 ? static_cast<const float*>(column.data)[i]
                                                   : static_cast<const double*>(column.data)[i];
    if (!std::isfinite(v)) {
      ThrowRangeError(env, std::string(name) + " must be finite, got " + std::to_string(v) + " at index " +
                               std::to_string(i));
    }
    out[i] = static_cast<float>(v);
  }
  return out;
}

}  // namespace

Napi::Function DatasetWrap::Define(Napi::Env env) {
  return DefineClass(env, "NativeDataset", {InstanceMethod<&DatasetWrap::Dispose>("dispose")});
}

DatasetWrap* DatasetWrap::FromValue(Napi::Env env, const Napi::Value& value, const char* name) {
  if (!value.IsObject() || !value.As<Napi::Object>().CheckTypeTag(&kDatasetTag)) {
    ThrowTypeError(env, std::string(name) + " must be a Dataset");
  }
  return Napi::ObjectWrap<DatasetWrap>::Unwrap(value.As<Napi::Object>());
}

DatasetWrap::DatasetWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<DatasetWrap>(info) {
  Napi::Env env = info.Env();
  Matrix data = ReadMatrix(env, info[0], "data");
  rows_ = ReadInt(env, info[1], "rows", 1, INT32_MAX);
  cols_ = ReadInt(env, info[2], "cols", 1, INT32_MAX);
  if (data.length != static_cast<size_t>(rows_) * static_cast<size_t>(cols_)) {
    ThrowRangeError(env, "data has " + std::to_string(data.length) + " values but rows * cols = " +
                             std::to_string(rows_) + " * " + std::to_string(cols_));
  }
  label_ = ReadFiniteColumn(env, info[3], "label", rows_);
  if (!info[4].IsUndefined()) {
    weight_ = ReadFiniteColumn(env, info[4], "weight", rows_);
  }
  if (!info[5].IsUndefined()) {
    if (!info[5].IsArray()) {
      ThrowTypeError(env, "featureNames must be an array of strings");
    }
    Napi::Array names = info[5].As<Napi::Array>();
    if (names.Length() != static_cast<uint32_t>(cols_)) {
      ThrowRangeError(env, "featureNames has " + std::to_string(names.Length()) + " names but the data has " +
                               std::to_string(cols_) + " columns");
    }
    for (uint32_t i = 0; i < names.Length(); ++i) {
      feature_names_.push_back(ReadString(env, names.Get(i), "featureNames[i]"));
    }
  }
  dataset_params_ = ReadString(env, info[6], "datasetParams");

  // Copied so that later changes to (or transfer of) the caller's buffers cannot reach the worker thread.
  size_t bytes = data.length * (data.dtype == C_API_DTYPE_FLOAT32 ? sizeof(float) : sizeof(double));
  data_.resize(bytes);
  std::memcpy(data_.data(), data.data, bytes);
  dtype_ = data.dtype;
  info.This().As<Napi::Object>().TypeTag(&kDatasetTag);
}

DatasetWrap::~DatasetWrap() { Free(); }

void DatasetWrap::Acquire(Napi::Env env) {
  if (disposed_) {
    ThrowError(env, "dataset is disposed");
  }
  if (busy_) {
    ThrowError(env, "dataset is already used by a running training");
  }
  busy_ = true;
}

std::string DatasetWrap::Construct(const std::string& train_params, DatasetHandle reference) {
  // The dataset's own parameters come first: LightGBM keeps the first value of a repeated key.
  std::string params = dataset_params_ + " " + train_params;
  if (handle_ == nullptr) {
    return BuildHandle(params, reference);
  }
  if (built_reference_ != reference) {
    return std::string(kPrefix) + "a validation dataset can only be used with the training dataset it was first built against";
  }
  if (LGBM_DatasetUpdateParamChecking(built_params_.c_str(), params.c_str()) != 0) {
    return LastError();
  }
  return "";
}

std::string DatasetWrap::BuildHandle(const std::string& params, DatasetHandle reference) {
  DatasetHandle handle = nullptr;
  if (LGBM_DatasetCreateFromMat(data_.data(), dtype_, rows_, cols_, 1, params.c_str(), reference, &handle) != 0) {
    return LastError();
  }
  std::string error;
  if (LGBM_DatasetSetField(handle, "label", label_.data(), rows_, C_API_DTYPE_FLOAT32) != 0 ||
      (!weight_.empty() &&
       LGBM_DatasetSetField(handle, "weight", weight_.data(), rows_, C_API_DTYPE_FLOAT32) != 0)) {
    error = LastError();
  } else if (!feature_names_.empty()) {
    std::vector<const char*> names;
    for (const auto& name : feature_names_) names.push_back(name.c_str());
    if (LGBM_DatasetSetFeatureNames(handle, names.data(), static_cast<int>(names.size())) != 0) {
      error = LastError();
    }
  }
  if (!error.empty()) {
    LGBM_DatasetFree(handle);
    return error;
  }
  handle_ = handle;
  built_reference_ = reference;
  built_params_ = params;
  // LightGBM now holds its own binned copy; the raw rows are no longer needed.
  std::vector<uint8_t>().swap(data_);
  return "";
}

Napi::Value DatasetWrap::Dispose(const Napi::CallbackInfo& info) {
  if (busy_) {
    ThrowError(info.Env(), "dataset is used by a running training and cannot be disposed yet");
  }
  Free();
  disposed_ = true;
  return info.Env().Undefined();
}

void DatasetWrap::Free() {
  if (handle_ != nullptr) {
    LGBM_DatasetFree(handle_);
    handle_ = nullptr;
  }
  std::vector<uint8_t>().swap(data_);
}

}  // namespace lgbm_node
