#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that generic hypervisor code stays off the PV internals.

Three checks per source file or object of xen/common:

  include graph  every #include is resolved the way the compiler does it
                 (a quoted name beside the including file first, then the
                 -I directories of the build, then the compiler's own
                 directories) and followed transitively; no file reached
                 may lie under a forbidden directory (xen/arch/x86/pv,
                 xen/arch/x86/include/asm/pv). Both arms of every #if are
                 followed, so a header behind a condition is seen too.
                 An #include whose name comes from a macro, or that
                 resolves nowhere, fails: the checker cannot vouch for it.
  dependencies   the compiler's own list of headers for the object (the
                 .d file the build writes with -MMD) holds no forbidden
                 file either: what the preprocessor really opened.
  symbols        the object (read with nm) neither defines nor uses a
                 symbol named pv_*, and every symbol it takes from an
                 object under xen/arch/x86/pv is an arch_* hook, or is
                 declared in a header of xen/include (the interfaces
                 common code may call, listed in those headers).

Before judging the tree it runs itself on a fixture (selftest/) that
breaks each rule once, and fails unless it finds exactly those breaks.
Prints one PASS/FAIL line per case and 'N passed, N failed'.

  check-boundary.py --root XEN --build BUILD -I DIR... [--include FILE]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

INCLUDE_RE = re.compile(r'^\s*#\s*include(?:_next)?\s*(.*?)\s*(?://.*|/\*.*)?$')
FORBIDDEN = ('arch/x86/pv', 'arch/x86/include/asm/pv')


def compiler_dirs():
    """The directories gcc searches for <...> by itself (host and
    freestanding builds both stay within these)."""
    out = subprocess.run(['gcc', '-xc', '-E', '-v', '-'], input='',
                         capture_output=True, text=True).stderr
    dirs, on = [], False
    for line in out.splitlines():
        if line.startswith('#include <...> search starts here'):
            on = True
        elif line.startswith('End of search list'):
            break
        elif on:
            dirs.append(line.strip())
    return dirs


class Resolver:
    def __init__(self, root, incdirs, sysdirs):
        self.root = os.path.realpath(root)
        self.incdirs = [os.path.realpath(d) for d in incdirs]
        self.sysdirs = sysdirs
        self.cache = {}

    def forbidden(self, path):
        rel = os.path.relpath(path, self.root)
        return any(rel == f or rel.startswith(f + '/') for f in FORBIDDEN)

    def includes(self, path):
        """(kind, name) for each #include line: kind '<', '"' or '?'."""
        if path not in self.cache:
            found = []
            with open(path, errors='replace') as f:
                for line in f:
                    m = INCLUDE_RE.match(line)
                    if not m:
                        continue
                    arg = m.group(1)
                    if len(arg) > 2 and arg[0] == '<' and arg[-1] == '>':
                        found.append(('<', arg[1:-1]))
                    elif len(arg) > 2 and arg[0] == '"' and arg[-1] == '"':
                        found.append(('"', arg[1:-1]))
                    else:
                        found.append(('?', arg))
            self.cache[path] = found
        return self.cache[path]

    def resolve(self, kind, name, where):
        """(path, in_tree) or (None, None) when nothing matches."""
        cands = ([os.path.dirname(where)] if kind == '"' else []) + self.incdirs
        for d in cands:
            p = os.path.realpath(os.path.join(d, name))
            if os.path.isfile(p):
                return p, True
        for d in self.sysdirs:
            p = os.path.join(d, name)
            if os.path.isfile(p):
                return p, False
        return None, None

    def walk(self, start, forced=()):
        """Errors for one translation unit: forbidden files reached (with
        the chain that reached them) and includes that cannot be judged."""
        errors, seen = [], set()
        stack = [(os.path.realpath(p), [p]) for p in list(forced) + [start]]
        while stack:
            path, chain = stack.pop()
            if path in seen:
                continue
            seen.add(path)
            if self.forbidden(path):
                errors.append('reaches %s via %s' % (
                    os.path.relpath(path, self.root),
                    ' -> '.join(os.path.relpath(c, self.root) for c in chain)))
                continue
            for kind, name in self.includes(path):
                if kind == '?':
                    errors.append('%s: #include %s is not a plain file name'
                                  % (os.path.relpath(path, self.root), name))
                    continue
                p, in_tree = self.resolve(kind, name, path)
                if p is None:
                    errors.append('%s: #include %s resolves nowhere'
                                  % (os.path.relpath(path, self.root), name))
                elif in_tree:
                    stack.append((p, chain + [p]))
        return errors


def dep_errors(depfile, res):
    """Forbidden files in the compiler's own dependency list."""
    if not os.path.isfile(depfile):
        return ['no dependency file %s (build the hypervisor first)' % depfile]
    text = open(depfile).read().replace('\\\n', ' ')
    errs = []
    for line in text.splitlines():
        if ':' not in line:
            continue
        target, deps = line.split(':', 1)
        for dep in deps.split():
            p = os.path.realpath(os.path.join(res.root, dep))
            if res.forbidden(p):
                errs.append('compiler read %s' % os.path.relpath(p, res.root))
    return sorted(set(errs))


def nm(obj):
    """(defined, undefined) symbol names of an object."""
    out = subprocess.run(['nm', '-P', obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            (undefined if parts[1] == 'U' else defined).add(parts[0])
    return defined, undefined


def declared_in(headers_dir):
    """Every identifier that appears in a header under headers_dir."""
    names = set()
    for dp, _, files in os.walk(headers_dir):
        for f in files:
            if f.endswith('.h'):
                names |= set(re.findall(r'\b[A-Za-z_]\w*\b',
                                        open(os.path.join(dp, f)).read()))
    return names


def symbol_errors(obj, pv_defined, public_names):
    defined, undefined = nm(obj)
    errs = ['defines %s' % s for s in sorted(defined) if s.startswith('pv_')]
    errs += ['uses %s' % s for s in sorted(undefined) if s.startswith('pv_')]
    for s in sorted(undefined & pv_defined):
        if not s.startswith('pv_') and not s.startswith('arch_') \
                and s not in public_names:
            errs.append('takes %s from xen/arch/x86/pv without a declared '
                        'interface' % s)
    return errs


def sources(root, sub):
    out = []
    for dp, _, files in os.walk(os.path.join(root, sub)):
        out += [os.path.join(dp, f) for f in files if f.endswith(('.c', '.S'))]
    return sorted(out)


def objects(build, sub):
    out = []
    for dp, _, files in os.walk(os.path.join(build, sub)):
        out += [os.path.join(dp, f) for f in files if f.endswith('.o')]
    return sorted(out)


def judge(root, build, incdirs, forced, report):
    """Run every check over root (built into build); report(ok, name, why)."""
    res = Resolver(root, incdirs, compiler_dirs())
    for src in sources(root, 'common'):
        rel = os.path.relpath(src, root)
        errs = res.walk(src, forced)
        report(not errs, 'include graph: ' + rel, errs)
        obj = os.path.join(build, os.path.splitext(rel)[0] + '.o')
        if os.path.isfile(obj):
            errs = dep_errors(os.path.splitext(obj)[0] + '.d', res)
            report(not errs, 'dependencies: ' + rel, errs)
    pv_defined = set()
    for o in objects(build, 'arch/x86/pv'):
        pv_defined |= nm(o)[0]
    public = declared_in(os.path.join(root, 'include'))
    objs = objects(build, 'common')
    report(bool(objs), 'symbols: objects of common/ exist',
           [] if objs else ['no objects under %s/common' % build])
    for o in objs:
        errs = symbol_errors(o, pv_defined, public)
        report(not errs, 'symbols: ' + os.path.relpath(o, build), errs)


def selftest(here):
    """The fixture breaks each rule once; exactly those must fail."""
    fix = os.path.join(here, 'selftest')
    with open(os.path.join(fix, 'EXPECTED')) as f:
        expected = {l.strip() for l in f if l.strip() and not l.startswith('#')}
    with tempfile.TemporaryDirectory() as build:
        # Objects as the build would leave them: compiled from the
        # fixture's sources with its include directories.
        for sub in ('common', 'arch/x86/pv'):
            for src in sources(fix, sub):
                rel = os.path.relpath(src, fix)
                obj = os.path.join(build, os.path.splitext(rel)[0] + '.o')
                os.makedirs(os.path.dirname(obj), exist_ok=True)
                subprocess.run(['gcc', '-c', '-MMD', '-I', os.path.join(fix, 'include'),
                                '-I', os.path.join(fix, 'arch/x86/include'),
                                '-DHDR=<asm/pv/pv.h>', src, '-o', obj],
                               check=True, cwd=fix)
        failed = set()
        judge(fix, build, [os.path.join(fix, 'include'),
                           os.path.join(fix, 'arch/x86/include')], [],
              lambda ok, name, why: ok or failed.add(name))
    return failed == expected, sorted(failed ^ expected)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', required=True)
    ap.add_argument('--build', required=True)
    ap.add_argument('-I', dest='incdirs', action='append', default=[])
    ap.add_argument('--include', dest='forced', action='append', default=[])
    a = ap.parse_args()
    counts = [0, 0]

    def report(ok, name, why):
        counts[0 if ok else 1] += 1
        print('%s %s' % ('PASS' if ok else 'FAIL', name))
        for w in ([] if ok else why):
            print('    ' + w)

    ok, diff = selftest(os.path.dirname(os.path.abspath(__file__)))
    report(ok, 'selftest: the fixture fails exactly where EXPECTED says',
           ['unexpected verdict: ' + d for d in diff])
    judge(a.root, a.build, a.incdirs, a.forced, report)
    print('%d passed, %d failed' % tuple(counts))
    return 1 if counts[1] else 0


if __name__ == '__main__':
    sys.exit(main())
