#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Comment density of C sources, as docs/code-structure.md defines it.

For each file: non-blank lines, and comment-only lines (a line whose every
non-blank character belongs to a /* */ or // comment; a line of code with
a trailing comment is code). The ratio is comment-only lines over non-blank
lines, summed over the files. "Without header" leaves out each file's
leading comment block (licence line and file description) from both
counts, so a tree cannot reach the mark with file headers alone.

  comment-ratio.py [--ext .c,.h] [--exclude DIR]... DIR...

Prints one line per directory given and a total.
"""
import argparse
import os
import sys


def classify(text):
    """Per line: 'blank', 'comment' or 'code'."""
    kinds = []
    in_block = False
    for line in text.split('\n'):
        i, n = 0, len(line)
        has_code = has_comment = False
        while i < n:
            if in_block:
                has_comment = True
                end = line.find('*/', i)
                if end < 0:
                    i = n
                else:
                    in_block = False
                    i = end + 2
                continue
            c = line[i]
            if c.isspace():
                i += 1
            elif line.startswith('/*', i):
                in_block = True
                has_comment = True
                i += 2
            elif line.startswith('//', i):
                has_comment = True
                i = n
            elif c in '"\'':
                # a string or character literal: skip it whole
                has_code = True
                j = i + 1
                while j < n and line[j] != c:
                    j += 2 if line[j] == '\\' else 1
                i = j + 1
            else:
                has_code = True
                i += 1
        kinds.append('code' if has_code else 'comment' if has_comment else 'blank')
    return kinds


def count(path):
    """(non-blank, comment-only, header-comment lines) of one file."""
    with open(path, errors='replace') as f:
        kinds = classify(f.read())
    header = 0
    for k in kinds:
        if k == 'code':
            break
        if k == 'comment':
            header += 1
    nonblank = sum(1 for k in kinds if k != 'blank')
    comments = sum(1 for k in kinds if k == 'comment')
    return nonblank, comments, header


def walk(top, exts, excludes):
    for dp, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs
                         if os.path.normpath(os.path.join(dp, d)) not in excludes)
        for f in sorted(files):
            if f.endswith(exts):
                yield os.path.join(dp, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ext', default='.c')
    ap.add_argument('--exclude', action='append', default=[])
    ap.add_argument('--files', action='store_true', help='one line per file too')
    ap.add_argument('dirs', nargs='+')
    a = ap.parse_args()
    exts = tuple(a.ext.split(','))
    excludes = {os.path.normpath(e) for e in a.exclude}
    total = [0, 0, 0, 0]
    for top in a.dirs:
        t = [0, 0, 0, 0]
        for p in walk(top, exts, excludes):
            nb, cm, hd = count(p)
            t[0] += 1
            t[1] += nb
            t[2] += cm
            t[3] += hd
            if a.files:
                print('  %5.1f%%  %4d/%-5d %s' % (100.0 * cm / max(nb, 1), cm, nb, p))
        print('%-28s %4d files %6d lines  comments %5.1f%%  without headers %5.1f%%' % (
            top, t[0], t[1], 100.0 * t[2] / max(t[1], 1),
            100.0 * (t[2] - t[3]) / max(t[1] - t[3], 1)))
        total = [x + y for x, y in zip(total, t)]
    print('%-28s %4d files %6d lines  comments %5.1f%%  without headers %5.1f%%' % (
        'total', total[0], total[1], 100.0 * total[2] / max(total[1], 1),
        100.0 * (total[2] - total[3]) / max(total[1] - total[3], 1)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
