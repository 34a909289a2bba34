# Shared rules for the fuzzer guests: the PV test guests' rules
# (../guests/guest.mk) with its evt library set (shared_info, upcall
# handler, pvclock) and mm set (direct-paging helpers), reused rather than
# copied. A guest's Makefile sets GUEST and FUZZ_SRCS (its .c files
# besides main.c), then includes this file.
FUZZ_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
LIB_SETS := evt mm
include $(FUZZ_DIR)/../guests/guest.mk

FUZZ_OBJS    := $(addprefix $(OUT)/,$(FUZZ_SRCS:.c=.o))
OBJS         += $(FUZZ_OBJS)
CFLAGS       += -I$(FUZZ_DIR)

$(ELF): $(FUZZ_OBJS)

-include $(FUZZ_OBJS:.o=.d)
