"""Peer for the real-series protocol: statsmodels Holt-Winters (ExponentialSmoothing).

Reads one JSON job on stdin: {"values": [...], "period": int, "origins": [int], "horizon": int,
"maxHistory": int, "reoptimiseEvery": int}; writes {"forecasts": [[...] per origin], "spec": str}
on stdout. The TypeScript bench scores the forecasts with the same metrics as its own models.

A full optimisation takes several CPU seconds at a 1,440-step season, so the smoothing
parameters are re-optimised every `reoptimiseEvery` origins (one day of hourly origins) and, at
the origins in between, the model is re-initialised on the new history and filtered with them.
"""
import json
import sys
import warnings

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

PARAMS = ("smoothing_level", "smoothing_trend", "smoothing_seasonal", "damping_trend")


def build(history, period):
    # Additive damped trend plus an additive daily season when two cycles fit.
    seasonal = "add" if period >= 2 and len(history) >= 2 * period else None
    model = ExponentialSmoothing(
        history,
        trend="add",
        damped_trend=True,
        seasonal=seasonal,
        seasonal_periods=period if seasonal else None,
        initialization_method="heuristic" if seasonal else "estimated",
    )
    return model, seasonal


def main():
    job = json.load(sys.stdin)
    values = np.asarray(job["values"], dtype=float)
    forecasts = []
    params = None
    spec = ""
    for i, origin in enumerate(job["origins"]):
        history = values[max(0, origin - job["maxHistory"]):origin]
        model, seasonal = build(history, job["period"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if params is None or i % job["reoptimiseEvery"] == 0 or params["seasonal"] != seasonal:
                fitted = model.fit(optimized=True, use_brute=False)
                params = {name: fitted.params[name] for name in PARAMS if fitted.params.get(name) is not None}
                params["seasonal"] = seasonal
            else:
                fixed = {name: params[name] for name in PARAMS if name in params and np.isfinite(params[name])}
                fitted = model.fit(optimized=False, **fixed)
        out = np.asarray(fitted.forecast(job["horizon"]), dtype=float)
        # Loads are non-negative, and the bench's own models never forecast below zero either.
        out = np.where(np.isfinite(out), out, history[-1])
        forecasts.append(np.maximum(out, 0.0).tolist())
        spec = f"ExponentialSmoothing(trend=add damped, seasonal={seasonal}, period={job['period']})"
    json.dump({"forecasts": forecasts, "spec": spec}, sys.stdout)


if __name__ == "__main__":
    main()
