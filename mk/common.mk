# SPDX-License-Identifier: MIT
# What every component's build shares (xen/Rules.mk, xenstore/rules.mk,
# ring-io/rules.mk, pvlinux/Makefile include it first): make without its
# built-in rules, quiet lines unless V=1, the warnings every C file
# compiles with, and the one cmocka runner.
MAKEFLAGS += -rR --no-print-directory

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

# $(call quiet,WHAT,PATH): one short line per step; V=1 shows the commands
# instead. Paths are shown relative to the repository.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-7s %s\n' $(1) $(patsubst $(TOP)/%,%,$(2))
endif

WARN := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Wshadow

# cmocka binaries -> 'PASS/FAIL bin/case' lines and 'N passed, N failed'.
CMOCKA_RUN := sh $(TOP)/tools/test/cmocka.sh
