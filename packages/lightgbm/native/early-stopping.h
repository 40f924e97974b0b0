// Early stopping with the rules of LightGBM's Python package (callback.early_stopping): every
// (validation set, metric) pair is watched, or with `first_metric_only` each set's first metric;
// a score improves when it beats the best by more than `min_delta`; training stops when a watched
// pair has not improved for `rounds` iterations, and the best iteration is that pair's. At the
// last round the first pair's best iteration is kept. Training-set scores are never watched.
#pragma once

#include <string>
#include <vector>

namespace lgbm_node {

class EarlyStopping {
 public:
  EarlyStopping(int rounds, bool first_metric_only, double min_delta, const std::vector<std::string>& metric_names,
                const std::vector<bool>& watched_sets)
      : rounds_(rounds), min_delta_(min_delta) {
    for (size_t set = 0; set < watched_sets.size(); ++set) {
      for (size_t m = 0; m < metric_names.size(); ++m) {
        watched_.push_back(watched_sets[set] && (!first_metric_only || m == 0));
        higher_better_.push_back(HigherIsBetter(metric_names[m]));
      }
    }
    best_score_.assign(watched_.size(), 0.0);
    best_iteration_.assign(watched_.size(), -1);
  }

  bool HasWatchedScore() const {
    for (bool w : watched_) {
      if (w) return true;
    }
    return false;
  }

  // `iteration` is 0-based. Returns true when training should stop; BestIteration() is then final.
  bool Update(int iteration, const std::vector<double>& scores, bool last_round) {
    for (size_t i = 0; i < scores.size(); ++i) {
      double score = scores[i];
      bool better = higher_better_[i] ? score > best_score_[i] + min_delta_ : score < best_score_[i] - min_delta_;
      if (best_iteration_[i] < 0 || better) {
        best_score_[i] = score;
        best_iteration_[i] = iteration;
      }
    }
    for (size_t i = 0; i < scores.size(); ++i) {
      if (!watched_[i]) continue;
      if (iteration - best_iteration_[i] >= rounds_ || last_round) {
        stopped_at_ = static_cast<int>(i);
        return true;
      }
    }
    return false;
  }

  // 1-based count of iterations to keep, or 0 when no pair has stopped training.
  int BestIteration() const { return stopped_at_ < 0 ? 0 : best_iteration_[stopped_at_] + 1; }

 private:
  static bool HigherIsBetter(const std::string& metric) {
    for (const char* prefix : {"auc", "ndcg@", "map@", "average_precision"}) {
      if (metric.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }

  int rounds_;
  double min_delta_;
  std::vector<bool> watched_;
  std::vector<bool> higher_better_;
  std::vector<double> best_score_;
  std::vector<int> best_iteration_;
  int stopped_at_ = -1;
};

}  // namespace lgbm_node
