#include "train-worker.h"

#include <LightGBM/c_api.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <string>

#include "args.h"
#include "booster.h"
#include "dataset.h"
#include "early-stopping.h"

namespace lgbm_node {

namespace {

struct ValidEntry {
  DatasetWrap* dataset;
  int data_idx;  // LightGBM's evaluation index: 0 is the training data itself
};

class TrainWorker : public Napi::AsyncProgressQueueWorker<IterationScores> {
 public:
  TrainWorker(Napi::Env env, DatasetWrap* train, std::vector<ValidEntry> valid, std::vector<Napi::Object> holders,
              std::string params, int rounds, int early_stopping, bool first_metric_only, double min_delta,
              Napi::Value on_iteration)
      : Napi::AsyncProgressQueueWorker<IterationScores>(env, "lightgbm:train"),
        deferred_(Napi::Promise::Deferred::New(env)),
        train_(train),
        valid_(std::move(valid)),
        params_(std::move(params)),
        rounds_(rounds),
        early_stopping_(early_stopping),
        first_metric_only_(first_metric_only),
        min_delta_(min_delta) {
    // Keeps the JS datasets (and so their native memory) alive until the run completes.
    for (auto& holder : holders) holders_.push_back(Napi::Persistent(holder));
    if (on_iteration.IsFunction()) on_iteration_ = Napi::Persistent(on_iteration.As<Napi::Function>());
  }

  ~TrainWorker() override {
    if (booster_ != nullptr) LGBM_BoosterFree(booster_);
    if (result_ != nullptr) LGBM_BoosterFree(result_);
  }

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override {
    std::string error = Run(progress);
    if (!error.empty()) SetError(error);
  }

  void OnProgress(const IterationScores* items, size_t count) override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    // Written before the first Send() on the worker thread; the progress queue orders the read after it.
    Napi::Array names = MetricNames(env);
    for (size_t i = 0; i < count && callback_error_.IsEmpty(); ++i) {
      Napi::Float64Array scores = Napi::Float64Array::New(env, items[i].scores.size());
      std::copy(items[i].scores.begin(), items[i].scores.end(), scores.Data());
      try {
        on_iteration_.Call({Napi::Number::New(env, items[i].iteration), scores, names});
      } catch (const Napi::Error& e) {
        // A throwing callback stops training and becomes the rejection, never an abort.
        callback_error_ = e;
        stop_.store(true);
      }
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    ReleaseDatasets();
    if (!callback_error_.IsEmpty()) {
      deferred_.Reject(callback_error_.Value());
      return;
    }
    Napi::Object out = Napi::Object::New(env);
    out.Set("booster", BoosterWrap::FromHandle(env, result_));
    result_ = nullptr;
    out.Set("bestIteration", Napi::Number::New(env, best_iteration_));
    out.Set("metricNames", MetricNames(env));
    Napi::Array history = Napi::Array::New(env, history_.size());
    for (size_t i = 0; i < history_.size(); ++i) {
      Napi::Float64Array row = Napi::Float64Array::New(env, history_[i].size());
      std::copy(history_[i].begin(), history_[i].end(), row.Data());
      history.Set(i, row);
    }
    out.Set("history", history);
    deferred_.Resolve(out);
  }

  void OnError(const Napi::Error& error) override {
    ReleaseDatasets();
    deferred_.Reject(callback_error_.IsEmpty() ? error.Value() : callback_error_.Value());
  }

 private:
  Napi::Array MetricNames(Napi::Env env) const {
    Napi::Array names = Napi::Array::New(env, metric_names_.size());
    for (size_t i = 0; i < metric_names_.size(); ++i) names.Set(i, Napi::String::New(env, metric_names_[i]));
    return names;
  }

  std::string Run(const ExecutionProgress& progress) {
    std::string error = train_->Construct(params_, nullptr);
    for (size_t i = 0; error.empty() && i < valid_.size(); ++i) {
      if (valid_[i].data_idx != 0) error = valid_[i].dataset->Construct(params_, train_->handle());
    }
    if (!error.empty()) return error;
    if (LGBM_BoosterCreate(train_->handle(), params_.c_str(), &booster_) != 0) return LastError();
    for (const auto& entry : valid_) {
      if (entry.data_idx != 0 && LGBM_BoosterAddValidData(booster_, entry.dataset->handle()) != 0) return LastError();
    }
    error = ReadMetricNames();
    if (!error.empty()) return error;

    std::vector<bool> watched;
    for (const auto& entry : valid_) watched.push_back(entry.data_idx != 0);
    EarlyStopping stopping(early_stopping_, first_metric_only_, min_delta_, metric_names_, watched);
    if (early_stopping_ > 0 && !stopping.HasWatchedScore()) {
      return std::string(kPrefix) + "early stopping needs at least one validation set (other than the training set) and one metric";
    }

    for (int iteration = 0; iteration < rounds_ && !stop_.load(); ++iteration) {
      int finished = 0;
      if (LGBM_BoosterUpdateOneIter(booster_, &finished) != 0) return LastError();
      // LightGBM drops an iteration whose trees could not split at all; nothing more to learn.
      if (finished == 1) break;
      IterationScores item{iteration + 1, {}};
      for (const auto& entry : valid_) {
        std::vector<double> scores(metric_names_.size());
        int len = 0;
        if (LGBM_BoosterGetEval(booster_, entry.data_idx, &len, scores.data()) != 0) return LastError();
        item.scores.insert(item.scores.end(), scores.begin(), scores.end());
      }
      history_.push_back(item.scores);
      if (!on_iteration_.IsEmpty()) progress.Send(&item, 1);
      if (early_stopping_ > 0 && stopping.Update(iteration, item.scores, iteration == rounds_ - 1)) break;
    }
    return Finish(stopping.BestIteration());
  }

  std::string ReadMetricNames() {
    int count = 0;
    if (LGBM_BoosterGetEvalCounts(booster_, &count) != 0) return LastError();
    const size_t buffer_len = 256;
    std::vector<std::vector<char>> buffers(count, std::vector<char>(buffer_len));
    std::vector<char*> pointers;
    for (auto& buffer : buffers) pointers.push_back(buffer.data());
    size_t needed = 0;
    if (LGBM_BoosterGetEvalNames(booster_, count, &count, buffer_len, &needed, pointers.data()) != 0) return LastError();
    for (int i = 0; i < count; ++i) metric_names_.emplace_back(pointers[i]);
    return "";
  }

  // Rebuilds the model from its own text, cut at the best iteration (as LightGBM's Python package
  // does), so the returned booster no longer points at the datasets, which may then be disposed.
  std::string Finish(int best_iteration) {
    int current = 0;
    if (LGBM_BoosterGetCurrentIteration(booster_, &current) != 0) return LastError();
    best_iteration_ = best_iteration > 0 ? best_iteration : current;
    int64_t needed = 0;
    std::string model(1 << 20, '\0');
    int num_iteration = best_iteration > 0 ? best_iteration : -1;
    if (LGBM_BoosterSaveModelToString(booster_, 0, num_iteration, C_API_FEATURE_IMPORTANCE_SPLIT,
                                      static_cast<int64_t>(model.size()), &needed, model.data()) != 0) {
      return LastError();
    }
    if (needed > static_cast<int64_t>(model.size())) {
      model.resize(static_cast<size_t>(needed));
      if (LGBM_BoosterSaveModelToString(booster_, 0, num_iteration, C_API_FEATURE_IMPORTANCE_SPLIT, needed, &needed,
                                        model.data()) != 0) {
        return LastError();
      }
    }
    LGBM_BoosterFree(booster_);
    booster_ = nullptr;
    int iterations = 0;
    if (LGBM_BoosterLoadModelFromString(model.c_str(), &iterations, &result_) != 0) return LastError();
    return "";
  }

  void ReleaseDatasets() {
    train_->Release();
    for (auto& entry : valid_) entry.dataset->Release();
  }

  Napi::Promise::Deferred deferred_;
  DatasetWrap* train_;
  std::vector<ValidEntry> valid_;
  std::vector<Napi::ObjectReference> holders_;
  Napi::FunctionReference on_iteration_;
  Napi::Error callback_error_;
  std::atomic<bool> stop_{false};

  std::string params_;
  int rounds_;
  int early_stopping_;
  bool first_metric_only_;
  double min_delta_;

  BoosterHandle booster_ = nullptr;
  BoosterHandle result_ = nullptr;
  std::vector<std::string> metric_names_;
  std::vector<std::vector<double>> history_;
  int best_iteration_ = 0;
};

}  // namespace

Napi::Value Train(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DatasetWrap* train = DatasetWrap::FromValue(env, info[0], "trainSet");
  if (!info[1].IsArray()) ThrowTypeError(env, "validSets must be an array of Datasets");
  Napi::Array valid_array = info[1].As<Napi::Array>();
  std::string params = ReadString(env, info[2], "params");
  int rounds = ReadInt(env, info[3], "numBoostRound", 1, INT32_MAX);
  int early_stopping = ReadInt(env, info[4], "earlyStoppingRounds", 0, INT32_MAX);
  if (!info[5].IsBoolean()) ThrowTypeError(env, "firstMetricOnly must be a boolean");
  bool first_metric_only = info[5].As<Napi::Boolean>().Value();
  if (!info[6].IsNumber()) ThrowTypeError(env, "minDelta must be a number");
  double min_delta = info[6].As<Napi::Number>().DoubleValue();
  if (!(min_delta >= 0) || !std::isfinite(min_delta)) ThrowRangeError(env, "minDelta must be a finite number >= 0");
  if (!info[7].IsUndefined() && !info[7].IsFunction()) ThrowTypeError(env, "onIteration must be a function");

  std::vector<ValidEntry> valid;
  std::vector<Napi::Object> holders{info[0].As<Napi::Object>()};
  for (uint32_t i = 0; i < valid_array.Length(); ++i) {
    Napi::Value item = valid_array.Get(i);
    DatasetWrap* dataset = DatasetWrap::FromValue(env, item, "validSets[i]");
    valid.push_back({dataset, dataset == train ? 0 : static_cast<int>(i + 1)});
    holders.push_back(item.As<Napi::Object>());
  }
  // LightGBM numbers validation data in the order it was added, skipping the training set.
  int next_idx = 1;
  for (auto& entry : valid) {
    if (entry.data_idx != 0) entry.data_idx = next_idx++;
  }

  std::vector<DatasetWrap*> acquired;
  try {
    train->Acquire(env);
    acquired.push_back(train);
    for (auto& entry : valid) {
      if (entry.data_idx == 0) continue;
      entry.dataset->Acquire(env);
      acquired.push_back(entry.dataset);
    }
  } catch (...) {
    for (DatasetWrap* dataset : acquired) dataset->Release();
    throw;
  }

  auto* worker = new TrainWorker(env, train, std::move(valid), holders, std::move(params), rounds, early_stopping,
                                 first_metric_only, min_delta, info[7]);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace lgbm_node
