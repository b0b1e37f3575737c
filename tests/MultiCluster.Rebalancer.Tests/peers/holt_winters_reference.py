"""Reference forecasts from statsmodels' ExponentialSmoothing (Debian's python3-statsmodels, /usr/bin/python3).

Reads one JSON object on stdin: y, period (0 for Holt's method), alpha, beta, gamma, level, trend, seasonal, horizon.
Prints one JSON object: statsmodels' forecast and SSE with the given weights and start states (optimized=False), and
the lowest SSE scipy's L-BFGS-B finds over the weights with those start states held. statsmodels' own optimiser is
not used for the latter: version 0.13 re-estimates start states even under initialization_method="known", which
would compare two different problems."""
import json
import sys
import warnings

import numpy as np
from scipy.optimize import minimize
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.simplefilter("ignore")
spec = json.load(sys.stdin)
y = np.asarray(spec["y"], dtype=float)
seasonal = spec["period"] > 0
kwargs = dict(trend="add", initialization_method="known", initial_level=spec["level"], initial_trend=spec["trend"])
if seasonal:
    kwargs.update(seasonal="add", seasonal_periods=spec["period"], initial_seasonal=np.asarray(spec["seasonal"], dtype=float))
model = ExponentialSmoothing(y, **kwargs)


def fit(w):
    weights = dict(smoothing_level=w[0], smoothing_trend=w[1])
    if seasonal:
        weights["smoothing_seasonal"] = w[2]
    return model.fit(optimized=False, **weights)


given = [spec["alpha"], spec["beta"], spec["gamma"]]
fixed = fit(given)
k = 3 if seasonal else 2
starts = [[s] * k for s in (0.1, 0.3, 0.5, 0.7, 0.9)]
best = min((minimize(lambda w: fit(w).sse, x0, bounds=[(0.0, 1.0)] * k, method="L-BFGS-B") for x0 in starts), key=lambda r: r.fun)
print(json.dumps({
    "forecast": [float(v) for v in fixed.forecast(spec["horizon"])],
    "sse": float(fixed.sse),
    "fitted_sse": float(best.fun),
    "fitted_weights": [float(v) for v in best.x],
}))
