#!/bin/sh
# Install the Debian packages the build, `make run` and `make test` need.
# Silent when everything is already there; uses sudo only when not root.
set -e
# libelf1, libssl3: the host programs of Debian's linux-kbuild (modpost, sign-file),
# which builds the PV driver kit's modules against fetched linux-headers.
PKGS="gcc make binutils qemu-system-x86 grub-pc-bin grub-common xorriso mtools
libcmocka-dev libxen-dev xenstore-utils busybox-static cpio xz-utils
zstd lz4 lzop bzip2 gzip valgrind gnuplot-nox python3 git bc libc6-dev
libelf1 libssl3"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
		|| missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
