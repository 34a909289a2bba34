# SPDX-License-Identifier: GPL-2.0-only
"""The benchmark harness: boot media, set-ups, boots, statistics, report."""
