/* SPDX-License-Identifier: MIT */
/*
 * Compiled twice, with -include of every header in headers.txt: once
 * against ours, once against the reference. -g with
 * -fno-eliminate-unused-debug-types makes each object's debug info
 * describe every type the headers declare; abi-check.py compares them.
 */
int abi_types_anchor;
