# Shared rules for the fuzzer guests: the event-channel guests' rules
# (../guests-evt/evt.mk: the PV guest runtime, shared_info, upcall
# handler, pvclock) plus the direct-paging helpers of ../guests-mm/lib,
# reused rather than copied. A guest's Makefile sets GUEST and
# FUZZ_SRCS (its .c files besides main.c), then includes this file.
FUZZ_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
include $(FUZZ_DIR)/../guests-evt/evt.mk

FUZZ_MM_DIR  := $(abspath $(FUZZ_DIR)/../guests-mm/lib)
FUZZ_OBJS    := $(OUT)/mm/mm-lib.o $(addprefix $(OUT)/,$(FUZZ_SRCS:.c=.o))
OBJS         += $(FUZZ_OBJS)
CFLAGS       += -I$(FUZZ_MM_DIR) -I$(FUZZ_DIR)

$(ELF): $(FUZZ_OBJS)

$(OUT)/mm/%.o: $(FUZZ_MM_DIR)/%.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

-include $(FUZZ_OBJS:.o=.d)
