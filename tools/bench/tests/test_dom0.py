# SPDX-License-Identifier: GPL-2.0-only
"""Host tests of the dom0-boot mode: marker and banner parsing, the
schedule, the two set-ups' QEMU command lines, the summary table, and
run_boot's early stop against a fake QEMU (a Python child)."""
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchlib import boot, dom0, setups  # noqa: E402


class ParseTest(unittest.TestCase):
    def test_xeno_marker_with_domain_prefix(self):
        r = dom0.Dom0Result("xeno", 1, "log")
        r.take("(XEN) Xeno hypervisor 0.1 (abc), x86-64 PV, Xen 4.17 ABI", 3.0)
        r.take("(d0) XENO-INIT: reached /init (uptime 9.69 s)", 36.4)
        self.assertEqual((r.loader_s, r.boot_s, r.uptime_s), (3.0, 36.4, 9.69))
        self.assertTrue(r.banner.startswith("Xeno hypervisor 0.1"))

    def test_xen_marker_bare_and_first_line(self):
        r = dom0.Dom0Result("xen", 1, "log")
        r.take("  Booting `Xeno'", 0.5)
        r.take("(XEN) Xen version 4.17.7 (Debian 4.17.7-0) debug=n", 10.2)
        r.take("(XEN) Freed 656kB init memory", 14.7)
        r.take("XENO-INIT: reached /init (uptime 139 s)", 193.8)
        self.assertEqual((r.loader_s, r.boot_s, r.uptime_s), (10.2, 193.8, 139.0))
        self.assertEqual(r.banner, "Xen version 4.17.7 (Debian 4.17.7-0) debug=n")

    def test_only_the_first_marker_counts(self):
        r = dom0.Dom0Result("xen", 1, "log")
        r.take("XENO-INIT: reached /init (uptime 5.0 s)", 20.0)
        r.take("XENO-INIT: reached /init (uptime 9.0 s)", 30.0)
        self.assertEqual((r.boot_s, r.uptime_s), (20.0, 5.0))

    def test_marker_without_uptime_keeps_host_time_only(self):
        r = dom0.Dom0Result("xen", 1, "log")
        r.take("XENO-INIT: reached /init (uptime ? s)", 20.0)
        self.assertEqual((r.boot_s, r.uptime_s), (20.0, None))
        self.assertIsNone(r.loader_s)

    def test_other_lines_are_no_marker(self):
        r = dom0.Dom0Result("xen", 1, "log")
        for line in ("XENO-INIT: 9 modules loaded", "(d0) reached /init",
                     "XENO-INIT: insmod e1000.ko failed"):
            r.take(line, 1.0)
        self.assertIsNone(r.boot_s)
        self.assertFalse(dom0.reached_init(r))


class SetupTest(unittest.TestCase):
    def setUp(self):
        self.a = dom0.Dom0Setup("xeno", "/x/xeno.iso", ("/x/vd", "/x/sd"), "tcg")
        self.b = dom0.Dom0Setup("xen", "/x/xen.iso", ("/x/vd", "/x/sd"), "tcg")

    def test_argv_differs_only_in_the_iso(self):
        a, b = self.a.qemu_argv(), self.b.qemu_argv()
        self.assertEqual(len(a), len(b))
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        self.assertEqual(diff, [("/x/xeno.iso", "/x/xen.iso")])
        self.assertEqual(a[a.index("-cdrom") + 1], "/x/xeno.iso")

    def test_machine_of_the_dom0_suite(self):
        a = self.a.qemu_argv()
        for flag, want in (("-accel", "tcg"), ("-cpu", "qemu64"),
                           ("-M", "q35"), ("-m", "1536"), ("-smp", "2")):
            self.assertEqual(a[a.index(flag) + 1], want, flag)
        nets = [a[i + 1] for i, x in enumerate(a) if x == "-netdev"]
        self.assertEqual(len(nets), 2)
        for n in nets:
            self.assertIn("restrict=on", n.split(","))
        devs = " ".join(a[i + 1] for i, x in enumerate(a) if x == "-device")
        for d in ("virtio-blk-pci", "ide-hd,drive=sd,bus=ide.0",
                  "virtio-net-pci", "e1000"):
            self.assertIn(d, devs)
        self.assertNotIn("kvm", a)

    def test_command_lines(self):
        size = "dom0_mem=512M,max:512M dom0_max_vcpus=1"
        for hv in dom0.ORDER:
            self.assertIn(size, dom0.HV_CMDLINE[hv])
            self.assertIn("console=com1", dom0.HV_CMDLINE[hv])
        self.assertEqual(dom0.DOM0_CMDLINE, "console=hvc0 loglevel=4 pci=nomsi")
        self.assertNotIn("xeno.test", dom0.DOM0_CMDLINE)
        # the no-scrub arm is Xen's line plus that one option, nothing else
        self.assertEqual(dom0.HV_CMDLINE["xen-noscrub"],
                         dom0.HV_CMDLINE["xen"] + " bootscrub=off")
        self.assertNotIn("bootscrub", dom0.HV_CMDLINE["xen"])

    def test_kinds(self):
        self.assertEqual([dom0.kind(n) for n in dom0.ORDER],
                         ["xeno", "xen", "xen"])
        c = dom0.Dom0Setup("xen-noscrub", "/x/n.iso", ("/x/vd", "/x/sd"), "tcg")
        self.assertEqual(c.kind, "xen")
        self.assertTrue(c.has_xen)

    def test_is_a_xen_setup(self):
        self.assertTrue(self.a.has_xen and self.b.has_xen)


class ScheduleTest(unittest.TestCase):
    def test_rotates(self):
        self.assertEqual(dom0.schedule(["xeno", "xen"], 3), [
            (1, "xeno"), (1, "xen"), (2, "xen"), (2, "xeno"),
            (3, "xeno"), (3, "xen")])

    def test_three_setups(self):
        got = dom0.schedule(["a", "b", "c"], 3)
        self.assertEqual([n for _, n in got],
                         ["a", "b", "c", "b", "c", "a", "c", "a", "b"])

    def test_one_run(self):
        self.assertEqual(dom0.schedule(["xeno", "xen"], 1),
                         [(1, "xeno"), (1, "xen")])


def _res(name, run, boot_s, loader_s=None, uptime=None, killed=""):
    r = dom0.Dom0Result(name, run, "build/bench/logs/x.log")
    r.boot_s, r.loader_s, r.uptime_s, r.killed = boot_s, loader_s, uptime, killed
    r.wall_s = 99.0
    return r


class SummaryTest(unittest.TestCase):
    def test_numbers_ratio_and_table(self):
        results = {}
        for run, b in enumerate((30.0, 36.0, 40.0)):
            dom0.collect(results, _res("xeno", run + 1, b, b - 20, b / 4))
        for run, b in enumerate((150.0, 190.0, 200.0)):
            dom0.collect(results, _res("xen", run + 1, b, 10.0, b - 50))
        summary, ratio = dom0.summarize(results, ["xeno", "xen"])
        self.assertEqual(summary["xeno"]["boot"]["median"], 36.0)
        self.assertEqual(summary["xen"]["boot_hv"]["median"], 180.0)
        self.assertEqual(summary["xeno"]["uptime"]["max"], 10.0)
        self.assertEqual(list(ratio), ["xeno/xen"])
        self.assertAlmostEqual(ratio["xeno/xen"]["boot"]["ratio"], 36.0 / 190.0)
        self.assertFalse(ratio["xeno/xen"]["boot"]["overlap"])
        table = dom0.markdown(summary, ratio, ["xeno", "xen"])
        self.assertIn("| QEMU start to /init (host s) | 36.0 [30.0-40.0] | "
                      "190.0 [150.0-200.0] | 0.19 |", table)

    def test_missing_boot_is_an_error_not_a_number(self):
        results = {}
        dom0.collect(results, _res("xeno", 1, 30.0, 10.0, 8.0))
        dom0.collect(results, _res("xen", 1, None, 10.0, killed="silent for 600s"))
        self.assertEqual(results["xen"]["values"]["boot"], [])
        self.assertEqual(len(results["xen"]["errors"]), 1)
        self.assertIn("killed: silent for 600s", results["xen"]["errors"][0])
        summary, ratio = dom0.summarize(results, ["xeno", "xen"])
        self.assertIsNone(summary["xen"]["boot"])
        self.assertIsNone(ratio["xeno/xen"]["boot"])
        table = dom0.markdown(summary, ratio, ["xeno", "xen"])
        self.assertIn("| 30.0 [30.0-30.0] | MISSING | n/a |", table)

    def test_a_ratio_column_per_xen_setup(self):
        results = {}
        for n, b in (("xeno", 30.0), ("xen", 200.0), ("xen-noscrub", 30.0)):
            dom0.collect(results, _res(n, 1, b, 10.0, 5.0))
        names = ["xeno", "xen", "xen-noscrub"]
        summary, ratio = dom0.summarize(results, names)
        self.assertEqual(list(ratio), ["xeno/xen", "xeno/xen-noscrub"])
        table = dom0.markdown(summary, ratio, names)
        self.assertIn("| xeno/xen | xeno/xen-noscrub |", table)
        self.assertIn("| 0.15 | ~1.00 |", table)

    def test_without_xeno_no_ratios(self):
        results = {}
        dom0.collect(results, _res("xen", 1, 200.0, 10.0, 5.0))
        summary, ratio = dom0.summarize(results, ["xen"])
        self.assertEqual(ratio, {})
        self.assertNotIn("xeno/", dom0.markdown(summary, ratio, ["xen"]))

    def test_exit_without_marker_says_so(self):
        self.assertIn("without the /init marker",
                      dom0.why_missing(_res("xen", 1, None)))


class FakeQemu(setups.Setup):
    """A set-up whose 'QEMU' is a Python child printing `script`."""

    def __init__(self, script):
        super().__init__("xen", "xen", [], "tcg")
        self.script = script

    def qemu_argv(self):
        return [sys.executable, "-c", self.script]


class RunBootTest(unittest.TestCase):
    PRINT = ("import sys, time\n"
             "sys.stdout.write('\\r(XEN) Xen version 4.17.7 (t)\\r\\n')\n"
             "sys.stdout.write('%s\\r\\n'); sys.stdout.flush()\n"
             "time.sleep(%d)\n")

    def boot(self, script, limit=60, stall=30):
        d = tempfile.mkdtemp()
        log = os.path.join(d, "b.log")
        t = time.monotonic()
        r = boot.run_boot(FakeQemu(script), 1, log, limit, stall,
                          dom0.Dom0Result("xen", 1, log), dom0.reached_init)
        with open(log) as f:
            return r, time.monotonic() - t, f.read()

    def test_stops_at_marker(self):
        r, took, log = self.boot(self.PRINT % (
            "XENO-INIT: reached /init (uptime 1.5 s)", 30))
        self.assertLess(took, 10)
        self.assertTrue(r.stopped)
        self.assertEqual(r.killed, "")
        self.assertEqual(r.uptime_s, 1.5)
        self.assertIsNotNone(r.loader_s)  # the leading \r is no obstacle
        self.assertEqual(r.banner, "Xen version 4.17.7 (t)")
        self.assertIn("stopped=measured", log.splitlines()[-1])

    def test_no_marker_runs_until_exit(self):
        r, _, log = self.boot(self.PRINT % ("XENO-INIT: 3 modules", 0))
        self.assertFalse(r.stopped)
        self.assertIsNone(r.boot_s)
        self.assertNotIn("stopped=", log)
        self.assertIn("without the /init marker", dom0.why_missing(r))

    def test_silent_boot_is_killed(self):
        r, took, _ = self.boot(self.PRINT % ("booting", 30), stall=2)
        self.assertLess(took, 10)
        self.assertFalse(r.stopped)
        self.assertEqual(r.killed, "silent for 2s")
        self.assertIn("killed: silent for 2s", dom0.why_missing(r))


if __name__ == "__main__":
    unittest.main()
