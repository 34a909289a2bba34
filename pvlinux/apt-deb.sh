# SPDX-License-Identifier: GPL-2.0-only
# Sourced by fetch-kernel.sh and fetch-kheaders.sh: Debian packages fetched
# with `apt-get download` into the cache, never installed, and files in
# the cache replaced without writing through to other copies. The caller
# defines say (progress) and die.

# deb_name PKG VER ARCH: the file apt-get download leaves (the epoch's
# colon spelt %3a).
deb_name() {
	echo "${1}_$(echo "$2" | sed 's/:/%3a/')_$3.deb"
}

# deb_fetch CACHE PKG VER ARCH: CACHE/$(deb_name ...), downloaded unless
# it is there. Through a temporary folder, so a failed download leaves
# nothing a later run would take for the package.
deb_fetch() {
	df_deb=$(deb_name "$2" "$3" "$4")
	[ -s "$1/$df_deb" ] && return 0
	say FETCH "$2 $3"
	df_tmp=$(mktemp -d "$1/.download.XXXXXX")
	chmod 0777 "$df_tmp"	# _apt, apt's sandbox user, writes here
	if ! (cd "$df_tmp" && apt-get download -q "$2=$3" >download.log 2>&1); then
		tail -n 3 "$df_tmp/download.log" >&2
		rm -rf "$df_tmp"
		die "apt-get download $2=$3 failed (no network, or apt lists stale: apt-get update)"
	fi
	[ -s "$df_tmp/$df_deb" ] || { rm -rf "$df_tmp"; die "apt-get download left no $df_deb"; }
	mv "$df_tmp/$df_deb" "$1/$df_deb"
	rm -rf "$df_tmp"
}

# replace_line FILE LINE: FILE becomes the one line LINE, unless it is
# already. Written to a new file renamed over FILE: caches are copied with
# hard links (cp -al), and writing in place would change every copy.
replace_line() {
	[ "$(cat "$1" 2>/dev/null)" = "$2" ] && return 0
	printf '%s\n' "$2" >"$1.new.$$" && mv -f "$1.new.$$" "$1"
}
