#include "args.h"

#include <LightGBM/c_api.h>

#include <cmath>

namespace lgbm_node {

std::string LastError() {
  return std::string(kPrefix) + LGBM_GetLastError();
}

void Check(Napi::Env env, int rc) {
  if (rc != 0) {
    throw Napi::Error::New(env, LastError());
  }
}

void ThrowTypeError(Napi::Env env, const std::string& message) {
  throw Napi::TypeError::New(env, kPrefix + message);
}

void ThrowRangeError(Napi::Env env, const std::string& message) {
  throw Napi::RangeError::New(env, kPrefix + message);
}

void ThrowError(Napi::Env env, const std::string& message) {
  throw Napi::Error::New(env, kPrefix + message);
}

Matrix ReadMatrix(Napi::Env env, const Napi::Value& value, const char* name) {
  if (!value.IsTypedArray()) {
    ThrowTypeError(env, std::string(name) + " must be a Float32Array or a Float64Array");
  }
  Napi::TypedArray array = value.As<Napi::TypedArray>();
  int dtype;
  switch (array.TypedArrayType()) {
    case napi_float32_array:
      dtype = C_API_DTYPE_FLOAT32;
      break;
    case napi_float64_array:
      dtype = C_API_DTYPE_FLOAT64;
      break;
    default:
      ThrowTypeError(env, std::string(name) + " must be a Float32Array or a Float64Array");
  }
  const auto* base = static_cast<const uint8_t*>(array.ArrayBuffer().Data());
  // A detached buffer reports length 0 and no data; treat it as empty rather than dereferencing it.
  if (base == nullptr || array.ElementLength() == 0) {
    return Matrix{nullptr, 0, dtype};
  }
  return Matrix{base + array.ByteOffset(), array.ElementLength(), dtype};
}

int32_t ReadInt(Napi::Env env, const Napi::Value& value, const char* name, int32_t min, int32_t max) {
  if (!value.IsNumber()) {
    ThrowTypeError(env, std::string(name) + " must be a number");
  }
  double number = value.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(number) || std::trunc(number) != number || number < min || number > max) {
    ThrowRangeError(env, std::string(name) + " must be an integer in [" + std::to_string(min) + ", " +
                             std::to_string(max) + "], got " + value.ToString().Utf8Value());
  }
  return static_cast<int32_t>(number);
}

std::string ReadString(Napi::Env env, const Napi::Value& value, const char* name) {
  if (!value.IsString()) {
    ThrowTypeError(env, std::string(name) + " must be a string");
  }
  return value.As<Napi::String>().Utf8Value();
}

}  // namespace lgbm_node
