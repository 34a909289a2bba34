/* SPDX-License-Identifier: MIT */
/* Older guests include the arch header by this name; it is arch-x86/xen.h. */
#include "arch-x86/xen.h"
