# SPDX-License-Identifier: GPL-2.0-only
"""Per-workload summaries over runs: median, min, max and a 95% confidence
interval of the mean (Student's t; none from a single run)."""
import math
import statistics

# two-sided 95% t quantiles by degrees of freedom; beyond 30, ~1.96
T95 = [None, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
       2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110,
       2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
       2.052, 2.048, 2.045, 2.042]


def t95(df):
    return T95[df] if df < len(T95) else 1.96


def summarize(values):
    """None for no values, else a dict of n, median, min, max, mean and
    ci95 = [low, high] (null with one value)."""
    if not values:
        return None
    n = len(values)
    mean = statistics.fmean(values)
    ci = None
    if n > 1:
        half = t95(n - 1) * statistics.stdev(values) / math.sqrt(n)
        ci = [mean - half, mean + half]
    return {"n": n, "median": statistics.median(values), "min": min(values),
            "max": max(values), "mean": mean, "ci95": ci,
            "values": list(values)}


def ratio(num, den):
    """Ratio of medians with the extreme ratios the ranges allow; `overlap`
    says the two ranges share values, so the runs cannot tell the set-ups
    apart (read such a ratio as 'same within noise')."""
    if not num or not den or den["median"] == 0 or den["min"] == 0:
        return None
    return {"ratio": num["median"] / den["median"],
            "low": num["min"] / den["max"], "high": num["max"] / den["min"],
            "overlap": num["min"] <= den["max"] and den["min"] <= num["max"]}


def summarize_setups(results, names, keys, pairs):
    """results[name]["values"][key] lists -> {name: {key: summary}}, and
    {"a/b": {key: ratio}} for each (a, b) of pairs."""
    summary = {n: {k: summarize(results.get(n, {}).get("values", {})
                                .get(k, []))
                   for k in keys} for n in names}
    ratios = {"%s/%s" % (a, b): {k: ratio(summary[a][k], summary[b][k])
                                 for k in keys}
              for a, b in pairs}
    return summary, ratios


def against_xeno(names):
    """Xeno against each other set-up, when Xeno is among them."""
    return [("xeno", n) for n in names if n != "xeno" and "xeno" in names]
