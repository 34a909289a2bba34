# SPDX-License-Identifier: GPL-2.0-only
"""Host tests of benchlib/campaign.py, the scaffolding the dom0-boot,
xl-create and io benchmarks share: options, interleaved boots, meta."""
import os
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchlib import campaign  # noqa: E402


class FakeBench:
    ROOT = "/r"

    def __init__(self, out):
        self.OUT = out

    def loadavg(self):
        return 1.5

    def machine(self):
        return "m"

    def qemu_version(self):
        return "q"

    def sha256(self, path):
        return "h:" + path


class Setup:
    def qemu_argv(self):
        return ["qemu"]


class TestCampaign(unittest.TestCase):
    def test_options(self):
        with mock.patch.object(sys, "argv", ["x", "--runs", "0"]):
            _, names, runs = campaign.options("d", ["a", "b"], ["a", "b"])
        self.assertEqual((names, runs), (["a", "b"], 1))
        with mock.patch.object(sys, "argv", ["x", "--only", "b", "--n", "4"]):
            a, names, _ = campaign.options(
                "d", ["a", "b"], ["a", "b"],
                lambda ap: ap.add_argument("--n", type=int))
        self.assertEqual((names, a.n), (["b"], 4))
        with mock.patch.object(sys, "argv", ["x", "--only", "c"]), \
                mock.patch.object(sys, "stderr"):
            with self.assertRaises(SystemExit):
                campaign.options("d", ["a", "b"], ["a", "b"])

    def test_boots_interleave_and_meta(self):
        with tempfile.TemporaryDirectory() as out:
            bench = FakeBench(out)
            seen = []
            logs = campaign.boots(bench, {"a": Setup(), "b": Setup()},
                                  ["a", "b"], 2, "p",
                                  lambda s, n, r, log: seen.append((n, r, log)))
            self.assertEqual(sorted((n, r) for n, r, _ in seen),
                             [("a", 1), ("a", 2), ("b", 1), ("b", 2)])
            self.assertTrue(all(log.endswith("p-%s-run%d.log" % (n, r))
                                for n, r, log in seen))
            self.assertEqual(len(logs), 4)
            m = campaign.meta(bench, campaign.Clock(bench), 2, ["a", "b"],
                              {"b": {"banner": "Xen 4.17"}}, {"a": Setup()},
                              logs, "/c/xen-pkg/x/xen.gz", "/k", extra=7)
        self.assertEqual(m["xen_package"], "xen-pkg")
        self.assertEqual(m["banner"], {"a": None, "b": "Xen 4.17"})
        self.assertEqual(m["kernel_elf_sha256"], "h:/k")
        self.assertEqual(m["extra"], 7)
        self.assertEqual(m["qemu_argv"], {"a": ["qemu"]})

    def test_finish_reports_errors(self):
        with tempfile.TemporaryDirectory() as out, \
                mock.patch("builtins.print") as say:
            bench = FakeBench(out)
            rep, status = campaign.finish(
                bench, "r.json", "r-*", {"b": {"errors": ["run 1: x"]}},
                ["a", "b"], {"m": 1}, {}, {}, "no /init on")
            with open(os.path.join(out, "r.json")) as f:
                self.assertIn('"run 1: x"', f.read())
        self.assertEqual(status, 1)
        self.assertEqual(rep["errors"], {"a": [], "b": ["run 1: x"]})
        say.assert_any_call("no /init on b, run 1: x")


if __name__ == "__main__":
    unittest.main()
