// Per-environment state (one per Node.js thread that loads the addon, workers included).
#pragma once

#include <napi.h>

namespace lgbm_node {

struct AddonData {
  Napi::FunctionReference booster_constructor;
};

}  // namespace lgbm_node
