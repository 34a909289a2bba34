# Shared compile rules for the hypervisor (freestanding) and its host tests.
ROOT    := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
include $(ROOT)/mk/common.mk

XEN     := $(ROOT)/xen
BUILD   ?= $(ROOT)/build/xen

CC      := gcc
LD      := ld
OBJCOPY := objcopy
NM      := nm

GCC_INC := $(shell $(CC) -print-file-name=include)

WARN += -Wno-unused-parameter

# The hypervisor lives in the Xen-reserved range above the canonical hole,
# out of reach of -mcmodel=kernel: compile position-independent, hidden
# symbols, so every reference is RIP-relative and needs no GOT at run time.
XEN_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc -isystem $(GCC_INC) \
	-fno-common -fpie -fvisibility=hidden -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-omit-frame-pointer \
	-mno-red-zone -mno-sse -mno-mmx -mno-sse2 -mgeneral-regs-only \
	-fno-builtin -fno-strict-aliasing -fno-jump-tables -fno-tree-loop-distribute-patterns \
	-ffile-prefix-map=$(ROOT)/= \
	-I$(XEN)/include -I$(XEN)/arch/x86/include -I$(BUILD)/include \
	-include $(XEN)/include/xeno/compiler.h \
	$(WARN) -MMD -MP
XEN_AFLAGS := $(filter-out -std=gnu11 -Wstrict-prototypes -Wmissing-prototypes,$(XEN_CFLAGS)) -D__ASSEMBLY__

# Host builds (unit tests) compile the same logic files against libc.
HOST_CFLAGS := -std=gnu11 -O1 -g -fsanitize=address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=undefined \
	-I$(XEN)/include -I$(XEN)/arch/x86/include -DXENO_HOST_TEST \
	$(WARN) -Wno-missing-prototypes -MMD -MP
HOST_LDFLAGS := -fsanitize=address,undefined
