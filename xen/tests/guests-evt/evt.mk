# Shared rules for the event-channel, time, scheduling and SMP test
# guests: the PV guest rules of ../guests/guest.mk (its lib/ and
# shared.o) plus this directory's lib/ (upcall handler, pvclock, waits,
# second-vCPU bring-up). Outputs go to build/tests/guests-evt/GUEST/. A
# guest's Makefile sets GUEST and includes this file.
EVT_DIR    := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
override OUT := $(abspath $(EVT_DIR)/../../..)/build/tests/guests-evt/$(GUEST)
LIB_EXTRA  := shared
include $(EVT_DIR)/../guests/guest.mk

EVT_OBJS := \
	$(OUT)/evt/evt-entry.o \
	$(OUT)/evt/evt-lib.o \
	$(OUT)/evt/evt-smp.o
# sort: shared.o may already be among the library objects.
OBJS     := $(sort $(OBJS) $(EVT_OBJS))
CFLAGS   += -I$(EVT_DIR)/lib
AFLAGS   += -I$(EVT_DIR)/lib

$(ELF): $(EVT_OBJS)

$(OUT)/evt/%.o: $(EVT_DIR)/lib/%.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/evt/%.o: $(EVT_DIR)/lib/%.S
	$(call quiet,AS,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(AFLAGS) -c $< -o $@

-include $(EVT_OBJS:.o=.d)
