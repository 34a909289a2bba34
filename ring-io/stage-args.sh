# SPDX-License-Identifier: MIT
# Sourced by the scripts that add ring-io's cases to dom0's tools tree
# (dom0/stage.sh, hostile/stage.sh; pvlinux/Makefile runs them after
# stage-xen-tools.sh): their options -b PVLINUX_BUILD -m MODDIR -t TREE
# into build, moddir and tree, and die(). Set stage_name first.
build="" moddir="" tree=""
while getopts b:m:t: opt; do
	case $opt in
	b) build=$OPTARG ;;
	m) moddir=$OPTARG ;;
	t) tree=$OPTARG ;;
	*) exit 2 ;;
	esac
done
die() { echo "$stage_name: $*" >&2; exit 1; }
[ -n "$build" ] && [ -d "$moddir" ] && [ -d "$tree" ] ||
	die "usage: stage.sh -b BUILD -m MODDIR -t TREE"
