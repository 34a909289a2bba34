# SPDX-License-Identifier: MIT
# ring-io build rules: one place for compile and link recipes.
include $(dir $(lastword $(MAKEFILE_LIST)))../mk/common.mk

# -R drops make's built-in CC, so name the default ourselves.
ifneq ($(filter default undefined,$(origin CC)),)
CC := gcc
endif
BASE_CFLAGS := -std=gnu11 -g $(WARN) -Iinclude -Ikit -Idom0 \
	-Ipvdrv/back -Ipvdrv/template -Ipvdrv/examples/pvrng -MMD -MP \
	-ffile-prefix-map=$(CURDIR)/=
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
# Freestanding: what the hypervisor's test guests compile with, plus the
# warnings a Linux module build adds, so the headers drop into either.
FREE_CFLAGS := -std=gnu11 -ffreestanding -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) -fno-common \
	-fno-pic -fno-stack-protector -mno-red-zone -mgeneral-regs-only \
	$(WARN) -Wconversion -Wdeclaration-after-statement -Wundef -Wcast-qual \
	-Wpointer-arith -Iinclude

# Sanitised objects for tests, optimised ones for stress and bench.
$(B)/san/%.o: %.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) -O1 $(SAN) -c -o $@ $<

$(B)/opt/%.o: %.c
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) -O2 -pthread -c -o $@ $<

# One translation unit per public header, compiled freestanding.
$(B)/free/%.o: include/ring-io/%.h
	$(call quiet,CC-FREE,$@)
	@mkdir -p $(dir $@)
	$(Q)printf '#include <ring-io/%s>\n' $(notdir $<) | \
		$(CC) $(FREE_CFLAGS) -MMD -MP -MT $@ -MF $(@:.o=.d) \
		-x c -c -o $@ -

# The same for a driver's ring header, which includes <ring-io/...>.
$(B)/free/pvdrv/%.o: pvdrv/%.h
	$(call quiet,CC-FREE,$@)
	@mkdir -p $(dir $@)
	$(Q)printf '#include "%s"\n' $< | \
		$(CC) $(FREE_CFLAGS) -iquote . -MMD -MP -MT $@ -MF $(@:.o=.d) \
		-x c -c -o $@ -

# Programs: $(call san_program,name,sources) links a sanitised cmocka
# test; $(call opt_program,name,sources,libs) an optimised program.
define san_program
$(B)/$(1): $(patsubst %.c,$(B)/san/%.o,$(2))
	$$(call quiet,LD,$$@)
	$$(Q)$$(CC) $$(SAN) -o $$@ $$^ -lcmocka
endef

define opt_program
$(B)/$(1): $(patsubst %.c,$(B)/opt/%.o,$(2))
	$$(call quiet,LD,$$@)
	$$(Q)$$(CC) -pthread -o $$@ $$^ $(3)
endef
