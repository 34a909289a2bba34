#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run the harness's host tests; close with 'N passed, N failed'."""
import os
import sys
import unittest

here = os.path.dirname(os.path.abspath(__file__))
suite = unittest.defaultTestLoader.discover(here)
result = unittest.TextTestRunner(verbosity=1).run(suite)
failed = len(result.failures) + len(result.errors)
print("%d passed, %d failed" % (result.testsRun - failed, failed))
sys.exit(1 if failed else 0)
