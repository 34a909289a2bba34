#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's Xen 4.17 toolstack and every package its programs' ELF
# NEEDED entries lead to, with `apt-get download` (apt's candidate
# versions), and unpack each with dpkg-deb -x into its own directory: the
# packages are never installed on the host. Quiet when already cached.
#
# usage: fetch-xen-utils.sh -c CACHE_DIR PACKAGE...
# Leaves CACHE_DIR/<package>_<version>/ per package and CACHE_DIR/current
# (one "package version" line per package, in the order given); its mtime
# changes only when that list does.
set -eu

cache=""
while getopts c: opt; do
	case $opt in
	c) cache=$OPTARG ;;
	*) echo "usage: $0 -c CACHE_DIR PACKAGE..." >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$cache" ] && [ $# -gt 0 ] || { echo "usage: $0 -c CACHE_DIR PACKAGE..." >&2; exit 2; }

say() { printf '  %-7s %s\n' "$1" "$2"; }
die() { echo "fetch-xen-utils: $*" >&2; exit 1; }

# The candidates' versions, "package version" a line, in one query (an
# older version must not win; unknown packages are simply absent).
versions() {
	apt-cache show --no-all-versions "$@" 2>/dev/null |
		awk '/^Package: /{ p = $2 } /^Version: /{ print p, $2 }'
}

mkdir -p "$cache"
list=$(mktemp "$cache/.current.XXXXXX")
trap 'rm -f "$list"' EXIT
known=$(versions "$@")
if [ "$(echo "$known" | grep -c .)" -lt $# ] && [ "$(id -u)" = 0 ]; then
	# An empty or stale package list knows nothing; refresh once.
	say APT "apt-get update"
	apt-get update -qq >/dev/null 2>&1 || true
	known=$(versions "$@")
fi
missing=""
for pkg in "$@"; do
	ver=$(echo "$known" | awk -v p="$pkg" '$1 == p { print $2; exit }')
	[ -n "$ver" ] || missing="$missing $pkg"
	echo "$pkg $ver" >>"$list"
done

# With apt unusable (no lists, no network), a complete cache still serves.
if [ -n "$missing" ]; then
	if [ -f "$cache/current" ] &&
		[ "$(cut -d' ' -f1 "$cache/current")" = "$(printf '%s\n' "$@")" ]; then
		echo "fetch-xen-utils: apt knows no$missing; using the cached packages" >&2
		exit 0
	fi
	die "apt-cache knows no$missing (run 'apt-get update' as root)"
fi

# apt-get download names the file with the epoch's colon as %3a.
deb_of() { echo "${1}_$(echo "$2" | sed 's/:/%3a/')_amd64.deb"; }
tree_of() { echo "$cache/${1}_$(echo "$2" | tr ':' '_')"; }

want=""
while read -r pkg ver; do
	[ -s "$cache/$(deb_of "$pkg" "$ver")" ] || want="$want $pkg=$ver"
done <"$list"
if [ -n "$want" ]; then
	say FETCH "$(echo "$want" | wc -w) packages:$want"
	tmp=$(mktemp -d "$cache/.download.XXXXXX")
	# _apt, apt's sandbox user, must be able to write here.
	chmod 0777 "$tmp"
	# shellcheck disable=SC2086
	if ! (cd "$tmp" && apt-get download -q $want >download.log 2>&1); then
		tail -n 3 "$tmp/download.log" >&2
		rm -rf "$tmp"
		die "apt-get download failed"
	fi
	for deb in "$tmp"/*.deb; do
		mv "$deb" "$cache/"
	done
	rm -rf "$tmp"
fi

while read -r pkg ver; do
	deb=$(deb_of "$pkg" "$ver")
	tree=$(tree_of "$pkg" "$ver")
	[ -s "$cache/$deb" ] || die "apt-get download left no $deb"
	[ -e "$tree/.unpacked" ] && continue
	say UNPACK "$deb"
	rm -rf "$tree"
	dpkg-deb -x "$cache/$deb" "$tree" || die "dpkg-deb -x $deb failed"
	touch "$tree/.unpacked"
done <"$list"

cmp -s "$list" "$cache/current" 2>/dev/null || { chmod 0644 "$list"; mv "$list" "$cache/current"; }
exit 0
