// Argument checks shared by every binding. The native layer validates everything itself:
// it is the memory-safety boundary, whatever the TypeScript wrapper already checked.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace lgbm_node {

// Every error thrown by the addon starts with this, so callers can tell where it came from.
inline const char* const kPrefix = "LightGBM: ";

// LightGBM's own message for the last failed C API call on this thread, prefixed.
std::string LastError();

// Throws a JS Error carrying LightGBM's message when a C API call failed (rc != 0).
void Check(Napi::Env env, int rc);

[[noreturn]] void ThrowTypeError(Napi::Env env, const std::string& message);
[[noreturn]] void ThrowRangeError(Napi::Env env, const std::string& message);
[[noreturn]] void ThrowError(Napi::Env env, const std::string& message);

// A row-major Float32Array or Float64Array seen as LightGBM's C_API_DTYPE_FLOAT32/64.
struct Matrix {
  const void* data;
  size_t length;
  int dtype;
};

Matrix ReadMatrix(Napi::Env env, const Napi::Value& value, const char* name);

// An integer in [min, max], rejecting fractions, NaN and non-numbers.
int32_t ReadInt(Napi::Env env, const Napi::Value& value, const char* name, int32_t min, int32_t max);

std::string ReadString(Napi::Env env, const Napi::Value& value, const char* name);

}  // namespace lgbm_node
