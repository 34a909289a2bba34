# Shared compile rules for xenstore/.
XS_DIR  := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
include $(XS_DIR)/../mk/common.mk

BUILD   := $(XS_DIR)/build
CC      := gcc

WARN += -Wno-unused-parameter
BASE_CFLAGS := -std=gnu11 -g -fno-common -ffile-prefix-map=$(XS_DIR)/= \
	-D_GNU_SOURCE -D__XEN_TOOLS__ -I$(XS_DIR)/src $(WARN) -MMD -MP
DAEMON_CFLAGS := $(BASE_CFLAGS) -O2
# Host tests build the very same sources under the sanitizers.
TEST_CFLAGS := $(BASE_CFLAGS) -O1 -fsanitize=address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
TEST_LDFLAGS := -fsanitize=address,undefined

$(BUILD)/daemon/%.o: $(XS_DIR)/src/%.c
	$(call quiet,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(DAEMON_CFLAGS) -c $< -o $@

$(BUILD)/test/%.o: $(XS_DIR)/src/%.c
	$(call quiet,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/test/unit/%.o: $(XS_DIR)/tests/unit/%.c
	$(call quiet,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TEST_CFLAGS) -Wno-missing-prototypes -c $< -o $@

$(BUILD)/bench/%.o: $(XS_DIR)/bench/%.c
	$(call quiet,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(DAEMON_CFLAGS) -c $< -o $@
