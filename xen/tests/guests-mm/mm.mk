# Shared rules for the direct-paging test guests: the PV guest rules of
# ../guests/guest.mk plus this directory's lib/ (mm-lib.o). A guest's
# Makefile sets GUEST and includes this file.
MM_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
include $(MM_DIR)/../guests/guest.mk

MM_OBJS := $(OUT)/mm/mm-lib.o
OBJS    += $(MM_OBJS)
CFLAGS  += -I$(MM_DIR)/lib

$(ELF): $(MM_OBJS)

$(OUT)/mm/%.o: $(MM_DIR)/lib/%.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

-include $(MM_OBJS:.o=.d)
