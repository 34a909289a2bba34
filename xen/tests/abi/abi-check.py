#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare our public ABI headers with Xen's (the reference).

Layouts come from the compiler itself: both header sets are compiled with
-g -fno-eliminate-unused-debug-types, and the DWARF of each object (read
with readelf) gives every struct, union, enum and typedef with each
member's offset, size and type. Macros come from `gcc -E -dD` (which says
which file defines each) and from a generated program per side that
prints every macro's value, C type and size.

Every type and macro the reference defines in a mirrored header must
exist in ours and match, unless skip.txt names it with a reason. A type
ours defines beyond the reference must be in extras.txt, which states its
expected layout; a macro beyond it fails. Nothing is taken from our
headers as the expected value. Before judging, the checker runs itself
on selftest/, a fixture pair that differs on purpose, and must find
exactly the differences listed in SELFTEST.

One checker for the project: each header set (a folder with headers.txt,
skip.txt and optionally required.txt, extras.txt, facts.txt) is judged the
same way. The hypervisor's public headers are the set in this folder;
sets/xenstore (xenstore/src/wire.h) and sets/ring-io (ring-io's protocol
headers) mirror Xen's io/ headers under other file names ("ours = ref" in
headers.txt). facts.txt holds expressions that cannot meet by name (our
ring header struct against Xen's blkif_sring, slot counts a function
computes): each side's generated program evaluates its own expression.

  abi-check.py includes ...     write one side's -include file
  abi-check.py gen-consts ...   write the macro-printing program
  abi-check.py check ...        judge; one PASS/FAIL line per type or
                                group, then 'N passed, N failed'
"""
import argparse
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True      # no __pycache__ beside the sources
from abi_config import (read_extras, read_facts, read_headers, read_pairs,  # noqa: E402
                        read_skip)


# ----------------------------------------------------------------- DWARF


class Die:
    __slots__ = ('off', 'tag', 'attrs', 'children', 'parent')

    def __init__(self, off, tag, parent):
        self.off, self.tag, self.parent = off, tag, parent
        self.attrs, self.children = {}, []

    def name(self):
        return self.attrs.get('DW_AT_name')


RE_DIE = re.compile(r'^\s*<(\d+)><([0-9a-f]+)>: Abbrev Number: (\d+)(?: \((\w+)\))?')
RE_ATTR = re.compile(r'^\s*<[0-9a-f]+>\s+(DW_AT_\w+)\s*: ?(.*)$')


def attr_value(raw):
    raw = raw.strip()
    if raw.startswith('(') and '): ' in raw:
        return raw.rsplit('): ', 1)[1]
    return raw


def leading_int(v):
    m = re.match(r'-?(0x[0-9a-fA-F]+|\d+)', v)
    return int(m.group(0), 0) if m else None


def readelf(args, obj):
    r = subprocess.run(['readelf'] + args + [obj], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'readelf failed on {obj}: {r.stderr}')
    return r.stdout


def file_table(obj):
    """File index -> path, from the DWARF 5 line table."""
    dirs, files, section = {}, {}, None
    for line in readelf(['--debug-dump=line'], obj).splitlines():
        if 'The Directory Table' in line:
            section = 'dir'
            continue
        if 'The File Name Table' in line:
            section = 'file'
            continue
        if not line.strip():
            section = None
            continue
        if section == 'dir':
            m = re.match(r'^\s+(\d+)\t(.*)$', line)
            if m:
                dirs[int(m.group(1))] = attr_value(m.group(2))
        elif section == 'file':
            m = re.match(r'^\s+(\d+)\t(\d+)\t(.*)$', line)
            if m:
                name = attr_value(m.group(3))
                d = dirs.get(int(m.group(2)), '')
                files[int(m.group(1))] = os.path.normpath(
                    name if name.startswith('/') else os.path.join(d, name))
    return files


def load_dies(obj):
    dies, stack = {}, {}
    cur = None
    for line in readelf(['--debug-dump=info'], obj).splitlines():
        m = RE_DIE.match(line)
        if m:
            depth, off, abbrev, tag = int(m.group(1)), int(m.group(2), 16), m.group(3), m.group(4)
            if abbrev == '0':
                cur = None
                continue
            parent = stack.get(depth - 1)
            cur = Die(off, tag, parent)
            if parent is not None:
                parent.children.append(cur)
            stack[depth] = cur
            dies[off] = cur
            continue
        m = RE_ATTR.match(line)
        if m and cur is not None:
            cur.attrs[m.group(1)] = attr_value(m.group(2))
    return dies


class Dwarf:
    """The types of one object, with their layouts flattened to
    (path, offset, size, type) rows."""

    def __init__(self, obj, root, headers):
        self.dies = load_dies(obj)
        self.files = file_table(obj)
        root = os.path.realpath(root)
        self.named = {}      # (kind, name) -> (die, header)
        kinds = {'DW_TAG_structure_type': 'struct', 'DW_TAG_union_type': 'union',
                 'DW_TAG_enumeration_type': 'enum', 'DW_TAG_typedef': 'typedef'}
        for die in self.dies.values():
            kind = kinds.get(die.tag)
            if not kind or not die.name() or 'DW_AT_declaration' in die.attrs:
                continue
            path = self.files.get(leading_int(die.attrs.get('DW_AT_decl_file', '-1')))
            if not path:
                continue
            rel = os.path.relpath(os.path.realpath(path), root)
            if rel in headers:
                self.named[(kind, die.name())] = (die, headers[rel])

    def target(self, die):
        ref = die.attrs.get('DW_AT_type')
        return self.dies.get(int(ref.strip('<>'), 16)) if ref else None

    def strip(self, die):
        while die is not None and die.tag in (
                'DW_TAG_typedef', 'DW_TAG_const_type', 'DW_TAG_volatile_type'):
            die = self.target(die)
        return die

    def array_dims(self, die):
        dims = []
        for sub in die.children:
            if sub.tag != 'DW_TAG_subrange_type':
                continue
            if 'DW_AT_count' in sub.attrs:
                dims.append(leading_int(sub.attrs['DW_AT_count']))
            elif 'DW_AT_upper_bound' in sub.attrs:
                dims.append(leading_int(sub.attrs['DW_AT_upper_bound']) + 1)
            else:
                dims.append(None)         # flexible array member
        return dims

    def size(self, die):
        if die is None:
            return 0
        if 'DW_AT_byte_size' in die.attrs:
            return leading_int(die.attrs['DW_AT_byte_size'])
        if die.tag == 'DW_TAG_array_type':
            n = 1
            for d in self.array_dims(die):
                n *= d or 0
            return n * self.size(self.target(die))
        if die.tag in ('DW_TAG_typedef', 'DW_TAG_const_type', 'DW_TAG_volatile_type'):
            return self.size(self.target(die))
        return 0

    def desc(self, die, shallow=False):
        """A type as text. A typedef shows its own name and what it
        finally resolves to, so library typedef chains do not matter."""
        if die is None:
            return 'void'
        t = die.tag
        if t == 'DW_TAG_base_type':
            return die.name()
        if t == 'DW_TAG_typedef':
            return f'{die.name()}={self.desc(self.strip(die), True)}'
        if t == 'DW_TAG_const_type':
            return 'const ' + self.desc(self.target(die), shallow)
        if t == 'DW_TAG_volatile_type':
            return 'volatile ' + self.desc(self.target(die), shallow)
        if t == 'DW_TAG_pointer_type':
            return self.desc(self.target(die), True) + ' *'
        if t == 'DW_TAG_array_type':
            dims = ''.join(f'[{d if d is not None else ""}]' for d in self.array_dims(die))
            return self.desc(self.target(die), shallow) + dims
        if t in ('DW_TAG_structure_type', 'DW_TAG_union_type', 'DW_TAG_enumeration_type'):
            word = {'DW_TAG_structure_type': 'struct', 'DW_TAG_union_type': 'union',
                    'DW_TAG_enumeration_type': 'enum'}[t]
            return f'{word} {die.name() or "{anon}"}'
        if t == 'DW_TAG_subroutine_type':
            return 'function'
        return t

    def rows(self, die, prefix='', base=0):
        """Every member, nested ones included, as (path, offset, size,
        type, bits); an array of structs is described by its element 0."""
        out = []
        for m in die.children:
            if m.tag != 'DW_TAG_member':
                continue
            loc = leading_int(m.attrs.get('DW_AT_data_member_location', '0')) or 0
            name = m.name() or f'<anon@{loc}>'
            mt = self.target(m)
            bits = ''
            if 'DW_AT_bit_size' in m.attrs:
                bits = f':{m.attrs["DW_AT_bit_size"]}@{m.attrs.get("DW_AT_data_bit_offset", "?")}'
            off = base + loc
            out.append((prefix + name, off, self.size(mt), self.desc(mt), bits))
            inner = self.strip(mt)
            path = prefix + name
            while inner is not None and inner.tag == 'DW_TAG_array_type':
                inner = self.strip(self.target(inner))
                path += '[0]'
            if inner is not None and inner.tag in ('DW_TAG_structure_type', 'DW_TAG_union_type'):
                out += self.rows(inner, path + '.', off)
        return out

    def layout(self, key):
        """Size, rows and enumerators of a named type."""
        die, _ = self.named[key]
        if key[0] == 'typedef':
            inner = self.strip(die)
            rows = [('=', 0, self.size(die), self.desc(die), '')]
            if inner is not None and inner.tag in ('DW_TAG_structure_type', 'DW_TAG_union_type') \
                    and not inner.name():
                rows += self.rows(inner)
            return self.size(die), rows, []
        enums = [(e.name(), leading_int(e.attrs.get('DW_AT_const_value', '0')))
                 for e in die.children if e.tag == 'DW_TAG_enumerator']
        return self.size(die), self.rows(die), enums


def is_padding(path, off, size, rrows):
    """A field only ours has that spells out padding: named pad*, and no
    member of the reference at the same level overlaps its bytes."""
    leaf = path.rsplit('.', 1)[-1]
    if not leaf.startswith('pad'):
        return False
    parent = path.rsplit('.', 1)[0] if '.' in path else ''
    for rpath, roff, rsize, *_ in rrows:
        rparent = rpath.rsplit('.', 1)[0] if '.' in rpath else ''
        if rparent == parent and roff < off + size and off < roff + rsize:
            return False
    return True


def unalias(desc, aliases):
    """A type's text without its leading typedef name when that name is
    in ALIASES: 'blkif_vdev_t=short unsigned int' -> 'short unsigned int'."""
    name, eq, rest = desc.partition('=')
    return rest if eq and name in aliases else desc


def compare_layouts(ours, ref, key, aliases=frozenset()):
    """Differences between our layout of a type and the reference's.
    ALIASES: typedef names ours uses where the reference spells the same
    C type otherwise (skip.txt 'typename'); both sides' field types are
    then compared by what they resolve to."""
    issues = []
    osize, orows, oenum = ours.layout(key)
    rsize, rrows, renum = ref.layout(key)
    if osize != rsize:
        issues.append(f'size: got {osize}, want {rsize}')
    omap = {r[0]: r for r in orows}
    rmap = {r[0]: r for r in rrows}
    for path, off, size, desc, bits in rrows:
        o = omap.get(path)
        if o is None:
            issues.append(f'field {path}: missing (want offset {off}, size {size})')
            continue
        if (o[1], o[2]) != (off, size):
            issues.append(f'field {path}: got offset {o[1]} size {o[2]}, want offset {off} size {size}')
        elif o[3] != desc and not (unalias(o[3], aliases) != o[3] and
                                   unalias(o[3], aliases) == desc.partition('=')[2]) \
                or o[4] != bits:
            issues.append(f'field {path}: got type {o[3]}{o[4]}, want {desc}{bits}')
    pads = set()
    for path, off, size, *_ in orows:
        if path not in rmap:
            if is_padding(path, off, size, rrows):
                pads.add(path)
                continue
            issues.append(f'field {path}: not in the reference (offset {off})')
    # Members must also come in the reference's order.
    if not issues and [r[0] for r in orows if r[0] not in pads] != [r[0] for r in rrows]:
        issues.append('fields: same set, different order')
    if oenum != renum:
        od, rd = dict(oenum), dict(renum)
        for name, val in renum:
            if name not in od:
                issues.append(f'enumerator {name}: missing (want {val})')
            elif od[name] != val:
                issues.append(f'enumerator {name}: got {od[name]}, want {val}')
        for name, _ in oenum:
            if name not in rd:
                issues.append(f'enumerator {name}: not in the reference')
        if not issues:
            issues.append('enumerators: different order')
    return issues


# ---------------------------------------------------------------- macros


class Macro:
    __slots__ = ('name', 'header', 'fn', 'value')

    def __init__(self, name, header, fn, value):
        self.name, self.header, self.fn, self.value = name, header, fn, value


RE_LINEMARK = re.compile(r'^# \d+ "([^"]*)"')
RE_DEFINE = re.compile(r'^#define (\w+)(\([^)]*\))?\s?(.*)$')
RE_UNDEF = re.compile(r'^#undef (\w+)')


def is_guard(m):
    return not m.fn and not m.value and re.search(r'_H(__)?$', m.name)


def read_macros(dd, root, headers, seen=None):
    """Macros still defined at the end of a -dD stream, defined in one of
    the mirrored headers: name -> Macro. Adds the headers met to 'seen'."""
    root = os.path.realpath(root)
    macros, header = {}, None
    seen = set() if seen is None else seen
    with open(dd) as f:
        for line in f:
            m = RE_LINEMARK.match(line)
            if m:
                path = m.group(1)
                rel = None if path.startswith('<') else \
                    os.path.relpath(os.path.realpath(path), root)
                header = headers.get(rel)
                if header:
                    seen.add(header)
                continue
            m = RE_DEFINE.match(line)
            if m:
                if header:
                    macros[m.group(1)] = Macro(m.group(1), header, bool(m.group(2)),
                                               m.group(3).strip())
                else:
                    macros.pop(m.group(1), None)
                continue
            m = RE_UNDEF.match(line)
            if m:
                macros.pop(m.group(1), None)
    return {n: m for n, m in macros.items() if not is_guard(m)}


CONSTS_PRELUDE = r'''/* Generated by abi-check.py gen-consts from both header sets; do not
 * edit. Compiled once per side (ABI_SIDE_OURS defined for ours); prints
 * one line per macro or fact: name, how it was checked, C type, value,
 * size, string value. */
#include <stdio.h>
#include <stddef.h>
#ifdef ABI_SIDE_OURS
%(ours_includes)s
#else
%(ref_includes)s
#endif

#define KIND(x) _Generic((x), \
	_Bool: "_Bool", char: "char", signed char: "signed char", \
	unsigned char: "unsigned char", short: "short", \
	unsigned short: "unsigned short", int: "int", unsigned int: "unsigned", \
	long: "long", unsigned long: "unsigned long", long long: "long long", \
	unsigned long long: "unsigned long long", char *: "string", \
	const char *: "string", default: "other")
#define UVAL(x) _Generic((x), char *: 0ULL, const char *: 0ULL, \
	default: (unsigned long long)(x))
#define STR(x) _Generic((x), char *: (const char *)(unsigned long)(x), \
	const char *: (const char *)(unsigned long)(x), default: "")
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

static void put_str(const char *s)
{
	for (; *s; s++)
		if (*s >= 0x20 && *s < 0x7f && *s != '\\')
			putchar(*s);
		else
			printf("\\x%%02x", (unsigned char)*s);
}

static __attribute__((unused)) void val(const char *name, const char *kind, unsigned long long v,
		unsigned long long size, const char *s)
{
	printf("%%s\tval\t%%s\t%%llu\t%%llu\t", name, kind, v, size);
	put_str(s);
	putchar('\n');
}

static __attribute__((unused)) void text(const char *name, const char *s)
{
	printf("%%s\ttext\t\t\t\t", name);
	put_str(s);
	putchar('\n');
}

static __attribute__((unused)) void present(const char *name)
{
	printf("%%s\tpresent\t\t\t\t\n", name);
}

static __attribute__((unused)) void missing(const char *name)
{
	printf("%%s\tmissing\t\t\t\t\n", name);
}

int main(void)
{
'''


def macro_mode(m, skip):
    if ('text', m.name) in skip:
        return 'text'
    if m.fn or not m.value:
        return 'present'
    return 'val'


def include_lines(pairs, side):
    return '\n'.join(f'#include "{p[side]}"' for p in pairs if p[side])


def gen_consts(a):
    pairs, ours_h, ref_h = read_headers(os.path.join(a.conf, 'headers.txt'))
    skip = read_skip(os.path.join(a.conf, 'skip.txt'))
    ours = read_macros(a.ours_dd, a.ours_root, ours_h)
    ref = read_macros(a.ref_dd, a.ref_root, ref_h)
    names = sorted(set(ours) | set(ref))
    body = []
    for n in names:
        if ('const', n) in skip or ('macro', n) in skip:
            continue
        m = ref.get(n) or ours[n]
        mode = macro_mode(m, skip)
        body.append(f'#ifdef {n}')
        if mode == 'val':
            body.append(f'\tval("{n}", KIND({n}), UVAL({n}), sizeof({n}), STR({n}));')
        elif mode == 'text':
            body.append(f'\ttext("{n}", STRINGIFY({n}));')
        else:
            body.append(f'\tpresent("{n}");')
        body.append('#else')
        body.append(f'\tmissing("{n}");')
        body.append('#endif')
    for i, (group, o, r) in enumerate(read_facts(os.path.join(a.conf, 'facts.txt'))):
        body.append('#ifdef ABI_SIDE_OURS')
        body.append(f'\tval("fact:{i}", KIND({o}), UVAL({o}), sizeof({o}), "");')
        body.append('#else')
        body.append(f'\tval("fact:{i}", KIND({r}), UVAL({r}), sizeof({r}), "");')
        body.append('#endif')
    with open(a.output, 'w') as f:
        f.write(CONSTS_PRELUDE % {'ours_includes': include_lines(pairs, 0),
                                  'ref_includes': include_lines(pairs, 1)})
        f.write('\n'.join(body))
        f.write('\n\treturn 0;\n}\n')


def run_consts(prog):
    r = subprocess.run([prog], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'{prog} failed: {r.stderr}')
    out = {}
    for line in r.stdout.splitlines():
        f = line.split('\t')
        out[f[0]] = tuple(f[1:])
    return out


def macro_group(m):
    """Group label: the header and the name's leading word(s)."""
    if m.fn or not m.value:
        return f'{m.header}: macros (presence)'
    words = m.name.lstrip('_').split('_')
    word = words[0]
    if word in ('XEN', 'XENO') and len(words) > 1:
        word += '_' + words[1]
    return f'{m.header}: {word}_*'


def describe_const(v):
    state, kind, val, size, s = (list(v) + [''] * 5)[:5]
    if state == 'val':
        return f'{val} ({kind}, {size} bytes)' if kind != 'string' else f'"{s}"'
    if state == 'text':
        return f'text "{s}"'
    return state


# ---------------------------------------------------------------- judge


def check_facts(rep, facts, ours_v, ref_v):
    """One line per group of facts.txt."""
    groups = {}
    for i, (group, o, r) in enumerate(facts):
        issues = groups.setdefault(group, [])
        ov, rv = ours_v.get(f'fact:{i}'), ref_v.get(f'fact:{i}')
        what = o if o == r else f'{o} (reference: {r})'
        if ov is None or rv is None:
            issues.append(f'{what}: not evaluated')
        elif ov[0] != 'val' or ov[2] != rv[2]:
            # A number of bytes or slots: its C type does not matter.
            issues.append(f'{what}: got {ov[2]}, want {rv[2]}')
    for group in groups:
        n = sum(1 for f in facts if f[0] == group)
        rep.line(not groups[group], f'facts {group} ({n})', groups[group])


class Report:
    def __init__(self, out=sys.stdout):
        self.passed = self.failed = 0
        self.out = out
        self.lines = []
        self.prefix = ''      # the header set's name, but for xen's

    def line(self, ok, what, issues=()):
        if ok:
            self.passed += 1
            text = f'PASS {self.prefix}{what}'
        else:
            self.failed += 1
            shown = list(issues)[:6]
            more = len(issues) - len(shown)
            text = f'FAIL {self.prefix}{what}: ' + '; '.join(shown) + (f'; and {more} more' if more > 0 else '')
        self.emit(text)

    def emit(self, text):
        self.lines.append(text)
        print(text, file=self.out)


def check_headers(rep, ref_h, ours_seen, ref_seen):
    """Each mirrored header was really compiled on both sides (seen holds
    labels, the reference paths)."""
    issues = [f'{h}: not compiled from the reference' for h in ref_h if h not in ref_seen]
    issues += [f'{h}: not compiled from ours' for h in ref_h if h not in ours_seen]
    rep.line(not issues, f'headers: all {len(ref_h)} compiled on both sides', issues)


def check_types(rep, ours, ref, skip, required, extras):
    typedef_groups = {}
    aliases = {name for kind, name in skip if kind == 'typename'}
    for key in sorted(set(ref.named) | set(ours.named), key=lambda k: (k[1], k[0])):
        kind, name = key
        in_ref, in_ours = key in ref.named, key in ours.named
        label = f'{kind} {name}'
        if in_ref and in_ours and key in skip and key not in required:
            # Ours has it on purpose in another shape (a slot union with
            # more request forms): facts.txt checks what a peer sees.
            rep.emit(f'SKIP {rep.prefix}{label}: {skip[key]}')
        elif in_ref and in_ours:
            issues = compare_layouts(ours, ref, key, aliases)
            if kind == 'typedef':
                typedef_groups.setdefault(ref.named[key][1], []).append((name, issues))
                continue
            size = ref.layout(key)[0]
            rep.line(not issues, f'{label} ({size} bytes)' if not issues else label, issues)
        elif in_ref:
            if key in skip and key not in required:
                rep.emit(f'SKIP {rep.prefix}{label}: {skip[key]}')
            elif kind == 'typedef':
                typedef_groups.setdefault(ref.named[key][1], []).append(
                    (name, ['missing in ours']))
            else:
                rep.line(False, label, ['missing in ours'])
        else:
            if key in extras and 'reason' in extras[key]:
                rep.emit(f'NOTE {rep.prefix}{label}: ours only: {extras[key]["reason"]}')
            elif key in extras:
                rep.line(*check_extra(ours, key, extras[key]))
            elif kind == 'typedef':
                typedef_groups.setdefault(ours.named[key][1], []).append(
                    (name, ['not in the reference']))
            else:
                rep.line(False, label, ['not in the reference and not in extras.txt'])
    for h in sorted(typedef_groups):
        group = typedef_groups[h]
        issues = [f'{n}: {iss[0]}' for n, iss in group if iss]
        rep.line(not issues, f'typedefs in {h} ({len(group)})', issues)
    for key in required:
        if key not in ref.named:
            rep.line(False, f'required {key[0]} {key[1]}', ['not in the reference'])
        elif key not in ours.named:
            rep.line(False, f'required {key[0]} {key[1]}', ['missing in ours'])


def check_extra(ours, key, spec):
    """A type only we define, against the layout extras.txt states."""
    size, rows, _ = ours.layout(key)
    issues = []
    if spec['size'] is not None and size != spec['size']:
        issues.append(f'size: got {size}, want {spec["size"]}')
    have = {r[0]: (r[1], r[2]) for r in rows}
    for field, want in spec['fields'].items():
        got = have.get(field)
        if got != want:
            issues.append(f'field {field}: got {got}, want {want}')
    for field in have:
        if field not in spec['fields']:
            issues.append(f'field {field}: not in extras.txt')
    return not issues, f'{key[0]} {key[1]} (ours only, {size} bytes)', issues


def check_macros(rep, ours_m, ref_m, ours_v, ref_v, skip, extras):
    """One line per group of macros (header and leading word)."""
    groups, counts = {}, {}
    for name in sorted(set(ours_m) | set(ref_m)):
        m = ref_m.get(name) or ours_m[name]
        label = macro_group(m)
        issues = groups.setdefault(label, [])
        reason = skip.get(('const', name)) or skip.get(('macro', name))
        if reason and name not in ours_m:
            rep.emit(f'SKIP {rep.prefix}macro {name}: {reason}')
            continue
        if name not in ref_m and 'reason' in extras.get(('macro', name), {}):
            rep.emit(f'NOTE {rep.prefix}macro {name}: ours only: {extras[("macro", name)]["reason"]}')
            continue
        counts[label] = counts.get(label, 0) + 1
        if reason:
            issues.append(f'{name}: defined in ours but skipped, so never compared')
        elif name not in ref_m:
            issues.append(f'{name}: not in the reference')
        else:
            o, r = ours_v.get(name), ref_v.get(name)
            if r is None or r[0] == 'missing':
                issues.append(f'{name}: the reference program did not see it')
            elif o is None or o[0] == 'missing':
                issues.append(f'{name}: missing in ours (want {describe_const(r)})')
            elif o != r:
                issues.append(f'{name}: got {describe_const(o)}, want {describe_const(r)}')
    for label in sorted(groups):
        if counts.get(label):
            rep.line(not groups[label], f'constants {label} ({counts[label]})', groups[label])


def judge(rep, conf, root_ours, root_ref, build):
    """Judge one header set: its configuration in CONF, its objects,
    -dD streams and programs in BUILD (as the Makefile names them)."""
    _, ours_h, ref_h = read_headers(os.path.join(conf, 'headers.txt'))
    opt = lambda name: os.path.join(conf, name)
    skip = read_skip(opt('skip.txt'))
    required = read_pairs(opt('required.txt')) if os.path.exists(opt('required.txt')) else []
    extras = read_extras(opt('extras.txt'))
    ours_seen, ref_seen = set(), set()
    b = lambda name: os.path.join(build, name)
    ours_macros = read_macros(b('ours.dd'), root_ours, ours_h, ours_seen)
    ref_macros = read_macros(b('ref.dd'), root_ref, ref_h, ref_seen)
    check_headers(rep, sorted(ref_h), ours_seen, ref_seen)
    ours = Dwarf(b('ours-types.o'), root_ours, ours_h)
    ref = Dwarf(b('ref-types.o'), root_ref, ref_h)
    check_types(rep, ours, ref, skip, required, extras)
    ours_v, ref_v = run_consts(b('ours-consts')), run_consts(b('ref-consts'))
    check_macros(rep, ours_macros, ref_macros, ours_v, ref_v, skip, extras)
    check_facts(rep, read_facts(opt('facts.txt')), ours_v, ref_v)


# Each self-test case: a FAIL (or PASS) line the fixture must produce.
SELFTEST = [
    ('a struct laid out the same passes', r'^PASS struct same '),
    ('a moved field fails, naming it', r'^FAIL struct moved: .*field b: got offset 8'),
    ('a field missing from ours fails, naming it', r'^FAIL struct lacks: .*field c: missing'),
    ('an extra field in ours fails, naming it', r'^FAIL struct grows: .*field d: not in the reference'),
    ('a field of another type fails', r'^FAIL struct retyped: field x: got type'),
    ('a difference inside an anonymous union fails',
     r'^FAIL struct anon: .*field <anon@0>\.wide: missing'),
    ('an array of another length fails', r'^FAIL struct arr: size: got 16, want 32'),
    ('a struct missing from ours fails', r'^FAIL struct only_in_ref: missing in ours'),
    ('a struct only in ours fails', r'^FAIL struct only_in_ours: not in the reference'),
    ('a wrong enumerator fails', r'^FAIL enum colour: enumerator BLUE: got 3, want 2'),
    ('a typedef to another type fails', r'^FAIL typedefs in fix.h .*word_t'),
    ('a wrong constant fails, naming it', r'^FAIL constants fix.h: FIX_\* .*FIX_B: got 3'),
    ('a constant of another C type fails', r'^FAIL constants fix.h: FIX_\* .*FIX_U: got 1 \(int'),
    ('a constant missing from ours fails', r'^FAIL constants fix.h: FIX_\* .*FIX_GONE: missing'),
    ('a string constant that differs fails', r'^FAIL constants fix.h: STR_\* .*STR_A: got "ab"'),
    ('a missing function-like macro fails', r'^FAIL constants fix.h: macros .*FIX_FN: missing'),
    ('matching constants pass', r'^PASS constants fix.h: SAME_\* \(2\)'),
    ('a header ours names otherwise is compiled and paired',
     r'^PASS headers: all 2 compiled on both sides'),
    ('explicit padding over a hole and a typedef alias pass', r'^PASS struct wmsg '),
    ('padding over a reference field fails',
     r'^FAIL struct wover: field b: missing.*field pad: not in the reference'),
    ('a wrong constant in a renamed header fails, under its reference name',
     r'^FAIL constants wire.h: WIRE_\* \(2\): WIRE_N: got 5'),
    ('a pattern in skip.txt skips a family', r'^SKIP macro RINGX_B: '),
    ('a type both define but skip.txt names is not compared', r'^SKIP struct wskipped: '),
    ('an ours-only name with a reason is noted, not judged', r'^NOTE macro WIRE_EXTRA: '),
    ('an ours-only type is held to its extras.txt layout', r'^PASS struct ours_hdr \(ours only'),
    ('facts that hold across names pass', r'^PASS facts hdr \(2\)'),
    ('a fact that differs fails, naming both sides',
     r'^FAIL facts bad \(1\): sizeof\(struct wmsg\) \+ 8 \(reference: sizeof\(struct wmsg\)\): got 32, want 24'),
]
# Passed and failed lines the fixture must give in all: the header line,
# struct same, SAME_*, struct wmsg, struct ours_hdr and facts hdr pass;
# every other type and group fails.
SELFTEST_TOTALS = (6, 16)


def selftest(rep, a):
    import io
    sd = a.selftest_dir
    inner = Report(io.StringIO())
    judge(inner, sd, os.path.join(sd, 'ours'), os.path.join(sd, 'ref'), a.selftest)
    for what, pattern in SELFTEST:
        hit = any(re.search(pattern, line) for line in inner.lines)
        rep.line(hit, f'self-test: {what}', [f'no line matches /{pattern}/'])
    # The fixture passes some and fails some; all passing would mean the
    # checker sees nothing.
    rep.line((inner.passed, inner.failed) == SELFTEST_TOTALS,
             'self-test: the fixture gives exactly the expected verdicts',
             [f'got {inner.passed} passed, {inner.failed} failed, '
              f'want {SELFTEST_TOTALS[0]} passed, {SELFTEST_TOTALS[1]} failed'])
    if rep.failed:
        rep.emit('--- self-test fixture output:')
        for line in inner.lines:
            rep.emit('  ' + line)


def check(a):
    """The self-test, then every header set; one closing line for all."""
    rep = Report()
    if a.selftest:
        selftest(rep, a)
    for name, conf, ours_root, ref_root, build in a.set:
        rep.prefix = '' if name == 'xen' else name + ': '
        judge(rep, conf, ours_root, ref_root, build)
    print(f'{rep.passed} passed, {rep.failed} failed')
    return 1 if rep.failed or rep.passed == 0 else 0


def includes(a):
    """The -include file of one side: its headers in headers.txt order."""
    pairs, _, _ = read_headers(os.path.join(a.conf, 'headers.txt'))
    with open(a.output, 'w') as f:
        f.write(include_lines(pairs, 0 if a.side == 'ours' else 1) + '\n')


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = p.add_subparsers(dest='cmd', required=True)
    i = sub.add_parser('includes')
    i.add_argument('--conf', required=True)
    i.add_argument('--side', choices=('ours', 'ref'), required=True)
    i.add_argument('-o', dest='output', required=True)
    g = sub.add_parser('gen-consts')
    for opt in ('conf', 'ours-dd', 'ours-root', 'ref-dd', 'ref-root'):
        g.add_argument('--' + opt, required=True)
    g.add_argument('-o', dest='output', required=True)
    c = sub.add_parser('check')
    c.add_argument('--set', nargs=5, action='append', default=[],
                   metavar=('NAME', 'CONF', 'OURS_ROOT', 'REF_ROOT', 'BUILD'))
    c.add_argument('--selftest', help='the self-test\'s build folder')
    c.add_argument('--selftest-dir', help='the self-test\'s fixture folder')
    a = p.parse_args()
    if a.cmd == 'includes':
        includes(a)
        return 0
    if a.cmd == 'gen-consts':
        gen_consts(a)
        return 0
    return check(a)


if __name__ == '__main__':
    sys.exit(main())
