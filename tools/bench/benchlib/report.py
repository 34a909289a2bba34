# SPDX-License-Identifier: GPL-2.0-only
"""The report: a Markdown table on the terminal, a JSON file and a PNG bar
chart of the ratios (gnuplot)."""
import json
import os
import shutil
import subprocess

from . import stats

# (key, label, unit) in table order; boot is host seconds, the timer rows
# guest-clock ns of lateness, the rest ns/op
ROWS = [
    ("boot", "boot to /init", "s"),
    ("boot_hv", "boot, hypervisor start to /init", "s"),
    ("null_syscall", "null syscall", "ns"),
    ("page_fault", "page fault (per 4K page)", "ns"),
    ("fork_exit", "fork+exit", "ns"),
    ("fork_exec", "fork+exec", "ns"),
    ("pipe_rt", "pipe round trip", "ns"),
    ("ctx_switch", "context switch", "ns"),
    ("mmap_1m", "mmap+munmap 1 MiB", "ns"),
    ("cpu_loop", "CPU loop (sanity)", "ns"),
    ("hypercall", "null hypercall (privcmd)", "ns"),
    ("event_rt", "event channel round trip", "ns"),
    ("timer_late", "timer lateness p50 (nanosleep 50us-20ms)", "ns"),
    ("timer_late_p99", "timer lateness p99", "ns"),
]
XEN_ONLY = {"boot_hv", "hypercall", "event_rt"}
# (set-up kind, row) pairs whose absence is the set-up's nature, not a
# fault: hvm is no Xen guest; a dom0less domU (xeno) gets no privcmd, its
# open() waiting for a xenstore that is not there.
EXPECTED_ABSENT = {("hvm", row) for row in XEN_ONLY} | {("xeno", "hypercall")}


def _num(x, unit):
    if x is None:
        return "-"
    if unit == "s":
        return "%.1f" % x
    for div, suf in ((1e6, "ms"), (1e3, "us")):
        if x >= div:
            return "%.3g%s" % (x / div, suf)
    return "%.3gns" % x


def _cell(summary, unit, absent):
    if summary is None:
        return "absent" if absent else "MISSING"
    return "%s [%s-%s]" % (_num(summary["median"], unit),
                           _num(summary["min"], unit),
                           _num(summary["max"], unit))


def _ratio_cell(r):
    if r is None:
        return "n/a"
    return ("~%.2f" if r["overlap"] else "%.2f") % r["ratio"]


def ratio_pairs(names):
    """The ratio columns: xeno/hvm, xen/hvm, xeno/xen, or A'/A in A/A."""
    if len(names) == 2:
        return [(names[1], names[0])]
    return [(a, b) for a, b in (("xeno", "hvm"), ("xen", "hvm"),
                                ("xeno", "xen")) if a in names and b in names]


def build(results, names, meta):
    """results: {setup: {row: [values]}}; absent: {setup: {row: why}}."""
    summary = {s: {k: stats.summarize(results[s]["values"].get(k, []))
                   for k, _, _ in ROWS} for s in names}
    pairs = ratio_pairs(names)
    ratios = {"%s/%s" % p: {k: stats.ratio(summary[p[0]][k], summary[p[1]][k])
                            for k, _, _ in ROWS} for p in pairs}
    guest = {s: {k: stats.summarize(v) for k, v in results[s]["guest"].items()}
             for s in names}
    return {"meta": meta, "setups": names, "rows": [k for k, _, _ in ROWS],
            "summary": summary, "ratios": ratios, "guest_clock": guest,
            "clock_rate": {s: _clock_rate(summary[s], guest[s]) for s in names},
            "loader": {s: stats.summarize(results[s].get("loader", []))
                       for s in names},
            "absent": {s: results[s]["absent"] for s in names},
            "errors": {s: results[s]["errors"] for s in names}}


def _clock_rate(host, guest):
    """How fast the guest's clock runs against the host's, from the CPU
    loop (guest ns / host ns per op): 1.0 when the guest keeps time."""
    h, g = host.get("cpu_loop"), guest.get("cpu_loop")
    if not h or not g or not h["median"]:
        return None
    return g["median"] / h["median"]


def markdown(rep):
    names, pairs = rep["setups"], list(rep["ratios"])
    head = ["workload"] + ["%s median [min-max]" % s for s in names] + pairs
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for key, label, unit in ROWS:
        cells = [label + (" (s)" if unit == "s" else "")]
        for s in names:
            cells.append(_cell(rep["summary"][s][key], unit,
                               key in rep["absent"][s]))
        for p in pairs:
            cells.append(_ratio_cell(rep["ratios"][p][key]))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def write_json(rep, path):
    with open(path, "w") as f:
        json.dump(rep, f, indent=1, sort_keys=True)
        f.write("\n")


def write_png(rep, path):
    """Clustered bars of the ratios, log scale (TCG ratios span decades);
    returns False without gnuplot."""
    pairs = list(rep["ratios"])
    if not pairs or not shutil.which("gnuplot"):
        return False
    dat = path[:-4] + ".dat"
    with open(dat, "w") as f:
        f.write("row " + " ".join(pairs) + "\n")
        for key, label, _ in ROWS:
            vals = []
            for p in pairs:
                r = rep["ratios"][p][key]
                vals.append("%.4f" % r["ratio"] if r else "NaN")
            f.write('"%s" %s\n' % (label, " ".join(vals)))
    plots = ", ".join("'%s' using %d:xtic(1) title '%s'" % (dat, i + 2, p)
                      for i, p in enumerate(pairs))
    script = """
set terminal pngcairo size 1200,600 font ',10'
set output '%s'
set title 'Ratios of medians (%s, %s); 1.0 = same speed, lower = first faster'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y 2
set grid ytics
set ylabel 'ratio'
set xtics rotate by -30
set key top left autotitle columnheader
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2
plot %s
""" % (path, rep["meta"]["accel"], rep["meta"]["date"], plots)
    r = subprocess.run(["gnuplot"], input=script, text=True,
                       capture_output=True)
    if r.returncode != 0:
        print(r.stderr.strip())
    return r.returncode == 0 and os.path.exists(path)


def smoke_check(rep):
    """Every set-up produced every number: a value, or 'absent' where
    EXPECTED_ABSENT says the set-up has no such door. Prints PASS/FAIL
    lines and returns (passed, failed)."""
    passed = failed = 0
    for s in rep["setups"]:
        for key, _, _ in ROWS:
            got = rep["summary"][s][key]
            why = rep["absent"][s].get(key)
            name = "%s/%s" % (s, key)
            if got is not None:
                passed += 1
                print("PASS " + name)
            elif why and (rep["meta"]["kind"][s], key) in EXPECTED_ABSENT:
                passed += 1
                print("PASS %s (absent: %s)" % (name, why))
            else:
                failed += 1
                err = rep["errors"][s].get(key) or why or "no number"
                print("FAIL %s: %s" % (name, err))
    return passed, failed


def setup_table(summary, ratio, names, rows, digits):
    """Markdown: a row per (key, label) of rows, a column per set-up
    (median [min-max] with digits decimals) and per ratio (~ when the
    two ranges overlap)."""
    head = ["measure"] + ["%s median [min-max]" % n for n in names] + list(ratio)
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    num = "%%.%df" % digits
    for key, label in rows:
        cells = [label]
        for n in names:
            s = summary[n][key]
            cells.append("MISSING" if s is None else "%s [%s-%s]" % (
                num % s["median"], num % s["min"], num % s["max"]))
        for pair in ratio.values():
            r = pair[key]
            cells.append("n/a" if r is None else
                         ("~%.2f" if r["overlap"] else "%.2f") % r["ratio"])
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)
