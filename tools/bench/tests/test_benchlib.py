# SPDX-License-Identifier: GPL-2.0-only
"""Host tests of the harness's parsing, statistics and smoke verdicts
(python3 -m unittest discover tools/bench/tests)."""
import contextlib
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchlib import boot, report, stats  # noqa: E402


class ParseTest(unittest.TestCase):
    CASES = [
        ("(XEN) (d1) BENCH name=null_syscall ns_per_op=15.5 min=1.0 iters=9 batches=5",
         ("null_syscall", {"ns_per_op": "15.5", "min": "1.0", "iters": "9",
                           "batches": "5"})),
        ("BENCH name=hypercall absent=no-privcmd-device",
         ("hypercall", {"absent": "no-privcmd-device"})),
        ("BENCH-RUN null-syscall", None),
        ("BENCH-T0 name=cpu_loop", None),
        ("", None),
    ]

    def test_lines(self):
        for line, want in self.CASES:
            self.assertEqual(boot.parse_bench_line(line), want, line)

    def test_host_time_over_operations(self):
        r = boot.BootResult("x", 1, "log")
        r.take("BENCH-T0 name=w", 2.0)
        r.take("BENCH name=w ns_per_op=7 min=6 iters=10 batches=5", 3.0)
        self.assertAlmostEqual(r.values["w"], 1e9 / 50)
        self.assertEqual(r.guest["w"], 7.0)

    def test_timer_lateness_is_guest_clock_p50_and_p99(self):
        r = boot.BootResult("x", 1, "log")
        r.take("BENCH-T0 name=timer_late", 2.0)
        r.take("BENCH name=timer_late late_p50=120 late_p99=9000 early=0 samples=88", 3.0)
        self.assertEqual(r.values, {"timer_late": 120.0, "timer_late_p99": 9000.0})
        self.assertNotIn("timer_late", r.guest)

    def test_result_without_t0_has_no_host_number(self):
        r = boot.BootResult("x", 1, "log")
        r.take("BENCH name=w ns_per_op=7 min=6 iters=10 batches=5", 3.0)
        self.assertNotIn("w", r.values)


class StatsTest(unittest.TestCase):
    def test_empty_and_single(self):
        self.assertIsNone(stats.summarize([]))
        one = stats.summarize([4.0])
        self.assertEqual((one["median"], one["min"], one["max"]), (4, 4, 4))
        self.assertIsNone(one["ci95"])

    def test_ci_of_three(self):
        s = stats.summarize([1.0, 2.0, 3.0])
        self.assertEqual(s["median"], 2.0)
        half = 4.303 * 1.0 / 3 ** 0.5
        self.assertAlmostEqual(s["ci95"][0], 2.0 - half, places=6)
        self.assertAlmostEqual(s["ci95"][1], 2.0 + half, places=6)

    def test_ratio_overlap(self):
        a, b = stats.summarize([1, 2, 3]), stats.summarize([3, 4, 5])
        self.assertTrue(stats.ratio(a, b)["overlap"])
        c = stats.summarize([10, 11, 12])
        r = stats.ratio(a, c)
        self.assertFalse(r["overlap"])
        self.assertAlmostEqual(r["ratio"], 2 / 11)

    def test_ratio_missing_or_zero(self):
        a = stats.summarize([1.0])
        self.assertIsNone(stats.ratio(a, None))
        self.assertIsNone(stats.ratio(None, a))
        self.assertIsNone(stats.ratio(a, stats.summarize([0.0])))


def _results(names, fill, absent=None):
    out = {}
    for n in names:
        vals = {k: [1.0] for k, _, _ in report.ROWS if fill(n, k)}
        out[n] = {"values": vals, "guest": {}, "absent": (absent or {}).get(n, {}),
                  "errors": {}}
    return out


class SmokeTest(unittest.TestCase):
    META = {"kind": {"hvm": "hvm", "xeno": "xeno", "xen": "xen"}}

    def verdict(self, results):
        rep = report.build(results, ["hvm", "xeno", "xen"], dict(self.META))
        with contextlib.redirect_stdout(io.StringIO()):
            return report.smoke_check(rep)

    def test_all_numbers_pass(self):
        absent = {"hvm": {k: "x" for k in report.XEN_ONLY}}
        res = _results(["hvm", "xeno", "xen"],
                       lambda n, k: n != "hvm" or k not in report.XEN_ONLY,
                       absent)
        self.assertEqual(self.verdict(res), (3 * len(report.ROWS), 0))

    def test_expected_absence_passes(self):
        absent = {"hvm": {k: "x" for k in report.XEN_ONLY},
                  "xeno": {"hypercall": "privcmd-open-waits-for-xenstore"}}
        res = _results(["hvm", "xeno", "xen"],
                       lambda n, k: n != "hvm" and k != "hypercall" or
                       k not in report.XEN_ONLY or n == "xen",
                       absent)
        self.assertEqual(self.verdict(res), (3 * len(report.ROWS), 0))

    def test_absent_on_xen_fails(self):
        absent = {"hvm": {k: "x" for k in report.XEN_ONLY},
                  "xen": {"event_rt": "no-evtchn-device"}}
        res = _results(["hvm", "xeno", "xen"],
                       lambda n, k: n != "hvm" and not (n == "xen" and
                                                        k == "event_rt") or
                       k not in report.XEN_ONLY,
                       absent)
        self.assertEqual(self.verdict(res), (3 * len(report.ROWS) - 1, 1))

    def test_missing_number_fails(self):
        res = _results(["hvm", "xeno", "xen"], lambda n, k: k != "boot")
        # the three boots fail; hvm's Xen-only rows have values, so pass
        self.assertEqual(self.verdict(res), (3 * len(report.ROWS) - 3, 3))


if __name__ == "__main__":
    unittest.main()
