# SPDX-License-Identifier: GPL-2.0-only
"""Host tests of the xl-create mode: the step and result lines (with and
without Xeno's "(d0) " prefix), failures reported as failed boots, the
two set-ups' command lines, the summary, and the dom0 script's output
parsed by the harness (the script run on the host with a fake xl)."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchlib import xlcreate  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def feed(res, lines):
    for now, line in lines:
        res.take(line, now)
    return res


GOOD = [
    (1.0, "(XEN) Xen version 4.17.7 (Debian 4.17.7-0) debug=n"),
    (30.0, "XENO-INIT: reached /init (uptime 8.1 s)"),
    (31.0, "XENO-TEST-BEGIN xl-bench"),
    (31.5, "XL-BENCH-T0 create 1"),
    (52.0, "XL-BENCH-INIT 1"),
    (52.1, "XL-BENCH-T0 destroy 1"),
    (52.6, "XL-BENCH-DESTROYED 1 rc=0"),
    (52.7, "XL-BENCH result=1 create_s=14.90 to_init_s=20.30 "
           "destroy_s=0.41 domu_uptime=6.65"),
    (53.0, "XL-BENCH-DONE"),
]


class ParseTest(unittest.TestCase):
    def test_xen_lines(self):
        r = feed(xlcreate.XlResult("xen", 1, "log"), GOOD)
        self.assertEqual(r.boot_s, 30.0)
        self.assertEqual(r.loader_s, 1.0)
        self.assertAlmostEqual(r.rows["to_init"][0], 20.5)
        self.assertAlmostEqual(r.rows["destroy"][0], 0.5)
        self.assertEqual(r.rows["to_init_dom0"], [20.3])
        self.assertEqual(r.rows["create_dom0"], [14.9])
        self.assertEqual(r.rows["destroy_dom0"], [0.41])
        self.assertEqual(r.rows["domu_uptime"], [6.65])
        self.assertEqual(r.rows["dom0_boot"], [30.0])
        self.assertTrue(r.done and xlcreate.finished(r))
        self.assertTrue(r.banner.startswith("Xen version 4.17.7"))
        self.assertIsNone(xlcreate.why_failed(r, 1))

    def test_xeno_prefix(self):
        lines = [(t, l if l.startswith("(XEN)") else "(XEN) (d0) " + l)
                 for t, l in GOOD]
        r = feed(xlcreate.XlResult("xeno", 1, "log"), lines)
        self.assertAlmostEqual(r.rows["to_init"][0], 20.5)
        self.assertEqual(r.rows["domu_uptime"], [6.65])
        self.assertTrue(r.done)

    def test_guest_marker_after_the_steps_is_not_dom0s(self):
        r = feed(xlcreate.XlResult("xen", 1, "log"), [
            (10.0, "XL-BENCH-T0 create 1"),
            (20.0, "XENO-INIT: reached /init (uptime 5.0 s)")])
        self.assertIsNone(r.boot_s)
        self.assertEqual(r.rows["dom0_boot"], [])

    def test_create_failure_is_a_failed_boot(self):
        r = feed(xlcreate.XlResult("xeno", 1, "log"), [
            (30.0, "(d0) XENO-INIT: reached /init (uptime 8.1 s)"),
            (31.0, "(d0) XL-BENCH-T0 create 1"),
            (35.0, "(d0) XL-BENCH error 1: xl create rc=1: libxl: error: "
                   "libxl_create.c:1237: cannot make domain: -3"),
            (35.1, "(d0) XL-BENCH-DONE")])
        self.assertEqual(r.rows["to_init"], [])
        self.assertTrue(xlcreate.finished(r))
        why = xlcreate.why_failed(r, 1)
        self.assertIn("xl create rc=1", why)
        results = {}
        xlcreate.collect(results, r, 1)
        self.assertEqual(results["xeno"]["values"]["to_init"], [])
        self.assertEqual(len(results["xeno"]["errors"]), 1)

    def test_fewer_creates_than_asked_is_a_failure(self):
        r = feed(xlcreate.XlResult("xen", 1, "log"), GOOD)
        self.assertIn("1 of 2 creates", xlcreate.why_failed(r, 2))

    def test_killed_and_never_booted(self):
        r = xlcreate.XlResult("xeno", 1, "log")
        r.killed = "silent for 300s"
        self.assertEqual(xlcreate.why_failed(r, 1), "killed: silent for 300s")
        r = xlcreate.XlResult("xeno", 1, "log")
        r.wall_s = 12.0
        self.assertIn("never reached /init", xlcreate.why_failed(r, 1))

    def test_failed_destroy_gives_no_host_destroy_time(self):
        r = feed(xlcreate.XlResult("xen", 1, "log"), [
            (1.0, "XL-BENCH-T0 destroy 1"),
            (2.0, "XL-BENCH-DESTROYED 1 rc=1")])
        self.assertEqual(r.rows["destroy"], [])


class SetupTest(unittest.TestCase):
    def test_argv_differs_only_in_the_iso(self):
        a = xlcreate.XlSetup("xeno", "/x/xeno.iso", "tcg").qemu_argv()
        b = xlcreate.XlSetup("xen", "/x/xen.iso", "tcg").qemu_argv()
        self.assertEqual([(x, y) for x, y in zip(a, b) if x != y],
                         [("/x/xeno.iso", "/x/xen.iso")])
        for flag, want in (("-m", "1536"), ("-smp", "2"), ("-cpu", "qemu64"),
                           ("-accel", "tcg")):
            self.assertEqual(a[a.index(flag) + 1], want)
        self.assertNotIn("-M", a)   # lib.sh's default pc machine

    def test_command_lines(self):
        size = "dom0_mem=512M,max:512M dom0_max_vcpus=1"
        for hv in xlcreate.ORDER:
            self.assertIn(size, xlcreate.HV_CMDLINE[hv])
        self.assertIn("bootscrub=off", xlcreate.HV_CMDLINE["xen"])
        self.assertNotIn("bootscrub", xlcreate.HV_CMDLINE["xeno"])
        self.assertEqual(xlcreate.dom0_cmdline(3),
                         "console=hvc0 loglevel=4 pci=nomsi "
                         "xeno.test=xl-bench XL_BENCH_CREATES=3")

    def test_limit_grows_with_creates(self):
        self.assertGreater(xlcreate.boot_limit(3), xlcreate.boot_limit(1))


class SummaryTest(unittest.TestCase):
    def test_ratio_and_table(self):
        results = {}
        for run, v in enumerate((20.0, 21.0, 25.0)):
            r = feed(xlcreate.XlResult("xen", run + 1, "log"), GOOD)
            r.rows["to_init"] = [v]
            xlcreate.collect(results, r, 1)
        for run, v in enumerate((40.0, 42.0, 50.0)):
            r = feed(xlcreate.XlResult("xeno", run + 1, "log"), GOOD)
            r.rows["to_init"] = [v]
            xlcreate.collect(results, r, 1)
        summary, ratio = xlcreate.summarize(results, ["xeno", "xen"])
        self.assertEqual(summary["xen"]["to_init"]["median"], 21.0)
        self.assertAlmostEqual(ratio["xeno/xen"]["to_init"]["ratio"], 2.0)
        table = xlcreate.markdown(summary, ratio, ["xeno", "xen"])
        self.assertIn("| xl create to the guest's /init (host s) | "
                      "42.00 [40.00-50.00] | 21.00 [20.00-25.00] | 2.00 |",
                      table)

    def test_failed_setup_is_missing_not_zero(self):
        results = {}
        r = feed(xlcreate.XlResult("xen", 1, "log"), GOOD)
        xlcreate.collect(results, r, 1)
        bad = xlcreate.XlResult("xeno", 1, "log")
        bad.failures = ["create 1: xl create rc=1"]
        xlcreate.collect(results, bad, 1)
        summary, ratio = xlcreate.summarize(results, ["xeno", "xen"])
        self.assertIsNone(summary["xeno"]["to_init"])
        self.assertIsNone(ratio["xeno/xen"]["to_init"])
        self.assertIn("MISSING", xlcreate.markdown(summary, ratio,
                                                   ["xeno", "xen"]))


FAKE_XL = """#!/bin/sh
# create: the guest's log gets its marker; destroy: ok; rc from $FAKE_RC
case $1 in
create) [ "${FAKE_RC:-0}" = 0 ] || { echo "libxl: error: no"; exit 3; }
        mkdir -p "$(dirname "$LOG")"
        echo "[ 1.0] boot" >>"$LOG"
        echo "XENO-INIT: reached /init (uptime 6.65 s)" >>"$LOG" ;;
destroy) exit 0 ;;
esac
"""


class ScriptTest(unittest.TestCase):
    """xl/xl-bench on the host: its lines are what the parser reads. The
    script's paths are fixed for dom0; a copy points them at a temp dir."""

    def run_script(self, env_extra):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "guest-guest.log")
            with open(os.path.join(HERE, "xl", "xl-bench")) as f:
                text = f.read().replace(
                    "LOG=/var/log/xen/console/guest-$NAME.log", "LOG=" + log)
            text = text.replace("/tmp/xl-bench.out",
                                os.path.join(d, "out"))
            script = os.path.join(d, "xl-bench")
            with open(script, "w") as f:
                f.write(text)
            xl = os.path.join(d, "xl")
            with open(xl, "w") as f:
                f.write(FAKE_XL)
            os.chmod(xl, 0o755)
            env = dict(os.environ, PATH=d + ":" + os.environ["PATH"],
                       LOG=log, **env_extra)
            out = subprocess.run(["sh", script], env=env, capture_output=True,
                                 text=True, timeout=60).stdout
        res = xlcreate.XlResult("xen", 1, "log")
        res.take("XENO-INIT: reached /init (uptime 9.0 s)", 0.0)
        for i, line in enumerate(out.splitlines()):
            res.take(line, float(i))
        return out, res

    def test_two_creates(self):
        out, res = self.run_script({"XL_BENCH_CREATES": "2"})
        self.assertEqual(len(res.rows["to_init"]), 2, out)
        self.assertEqual(res.rows["domu_uptime"], [6.65, 6.65])
        self.assertEqual(len(res.rows["destroy_dom0"]), 2)
        self.assertTrue(res.done)
        self.assertIsNone(xlcreate.why_failed(res, 2))

    def test_failing_create(self):
        out, res = self.run_script({"FAKE_RC": "1", "XL_BENCH_CREATES": "2"})
        self.assertTrue(res.done, out)
        self.assertEqual(res.rows["to_init"], [])
        self.assertIn("xl create rc=3", xlcreate.why_failed(res, 2))
        self.assertIn("libxl: error: no", xlcreate.why_failed(res, 2))
