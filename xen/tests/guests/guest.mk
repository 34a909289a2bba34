# Shared rules for PV test guests. A guest's Makefile sets GUEST (its
# name, also the first word of its module line), optionally SRCS (its .c
# files besides main.c), LIB_SETS
# (library sets under lib/ beside the base runtime: mm for direct paging,
# evt for upcalls, pvclock, waits and second vCPUs, fuzz for the fuzzer's
# shared heartbeat), LIB_EXTRA (extra
# lib/ objects, e.g. hypercall-page), NOTES_FLAGS (for the notes) and
# MAIN_FLAGS (for main.c), then includes this file. Every guest builds
# into build/tests/guests/GUEST/.
GUESTS_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
ROOT       := $(abspath $(GUESTS_DIR)/../../..)
OUT        := $(ROOT)/build/tests/guests/$(GUEST)
ELF        := $(OUT)/$(GUEST).elf

# make without built-in rules, the quiet lines and WARN: the project's.
include $(ROOT)/mk/common.mk

CC := gcc
LD := ld

CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-I$(ROOT)/xen/include -I$(GUESTS_DIR)/lib \
	-fno-pic -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-fno-common -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-builtin -fno-tree-loop-distribute-patterns \
	-ffile-prefix-map=$(ROOT)/= \
	$(WARN) -DGUEST_NAME='"$(GUEST)"' -MMD -MP
AFLAGS := $(filter-out -std=gnu11 -Wstrict-prototypes -Wmissing-prototypes,$(CFLAGS)) \
	-D__ASSEMBLY__
LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack \
	--no-warn-rwx-segments -T $(GUESTS_DIR)/lib/guest.lds

LIB_OBJS := \
	console-ring.o \
	console.o \
	head.o \
	notes.o \
	report.o \
	shared.o \
	start.o \
	string.o \
	trap-entry.o \
	traps.o \
	user-entry.o \
	user.o \
	$(addsuffix .o,$(LIB_EXTRA))

# A set's objects: every .c and .S in lib/SET, built into OUT/libset/SET/.
SET_OBJS := $(foreach set,$(LIB_SETS),$(patsubst $(GUESTS_DIR)/lib/%,$(OUT)/libset/%.o,\
	$(basename $(wildcard $(GUESTS_DIR)/lib/$(set)/*.c $(GUESTS_DIR)/lib/$(set)/*.S))))
OBJS := $(OUT)/main.o $(addprefix $(OUT)/,$(SRCS:.c=.o)) \
	$(addprefix $(OUT)/lib/,$(LIB_OBJS)) $(SET_OBJS)
CFLAGS += $(addprefix -I$(GUESTS_DIR)/lib/,$(LIB_SETS))
AFLAGS += $(addprefix -I$(GUESTS_DIR)/lib/,$(LIB_SETS))

.PHONY: all clean
all: $(ELF)
	@:

$(ELF): $(OBJS) $(GUESTS_DIR)/lib/guest.lds
	$(call quiet,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS)

$(OUT)/%.o: %.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/lib/%.o: $(GUESTS_DIR)/lib/%.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/lib/%.o: $(GUESTS_DIR)/lib/%.S
	$(call quiet,AS,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(AFLAGS) -c $< -o $@

$(OUT)/libset/%.o: $(GUESTS_DIR)/lib/%.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/libset/%.o: $(GUESTS_DIR)/lib/%.S
	$(call quiet,AS,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(AFLAGS) -c $< -o $@

$(OUT)/lib/notes.o $(OUT)/lib/hypercall-page.o: AFLAGS += $(NOTES_FLAGS)
$(OUT)/main.o: CFLAGS += $(MAIN_FLAGS)

clean:
	rm -rf $(OUT)

-include $(OBJS:.o=.d)
