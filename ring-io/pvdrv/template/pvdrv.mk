# SPDX-License-Identifier: MIT
# A PV driver kit device class's build, shared by every driver: the
# template (and so each driver tools/new-pvdriver generates, which gets a
# copy beside its Makefile) and the in-tree examples. The driver's
# Makefile sets NAME, KIT (where front/ and back/ are) and INC (ring-io's
# headers), then includes this file.
MAKEFLAGS += -rR --no-print-directory
B := build

ifeq ($(V),1)
Q :=
else
Q := @
endif
ifneq ($(filter default undefined,$(origin CC)),)
CC := gcc
endif

MODULE_SRCS := \
	$(KIT)/front/pvfront-check.h \
	$(KIT)/front/pvfront.c \
	$(KIT)/front/pvfront.h \
	$(NAME)-front.c \
	$(NAME)-ring.h \
	Kbuild

# back/ is also a directory here: every target is phony.
.PHONY: all back module test clean
all: module back $(if $(wildcard $(NAME)-test.c),test)

# Kbuild decides what to rebuild, so it always runs; the sources are copied
# into build/module/ so that its outputs stay there.
module:
	$(Q)test -n "$(KDIR)" || { echo "make module: set KDIR (make -C pvlinux kheaders prints it)" >&2; exit 1; }
	$(Q)mkdir -p $(B)/module
	$(Q)cp -p $(MODULE_SRCS) $(B)/module/
	$(Q)$(MAKE) -C $(KDIR) M=$(abspath $(B)/module) RING_IO_INC=$(INC) W=1 modules
	$(Q)cp $(B)/module/$(NAME).ko $(B)/$(NAME).ko

# The guest has no libc: a static program.
test: $(B)/$(NAME)-test
$(B)/$(NAME)-test: $(NAME)-test.c $(NAME)-ring.h
	@printf '  %-7s %s\n' CC $@
	$(Q)mkdir -p $(B)
	$(Q)$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Wshadow \
		-Wstrict-prototypes -Wmissing-prototypes -I$(INC) -static -o $@ $<

# The dom0 back end: the driver's ops (NAME-back.c) on the generic core
# (back/pvback*.c), on Debian's libxenstore, libxenevtchn, libxengnttab.
# The scenario mode plays the kit's scripted peer (xb-script), copied
# into back/ in a generated driver, in ring-io/kit/ in the tree.
XBS := $(firstword $(wildcard $(KIT)/back/xb-script.c $(KIT)/../kit/xb-script.c))
BACK_SRCS := $(sort $(wildcard $(KIT)/back/pvback*.c)) $(XBS) $(NAME)-back.c
BACK_DEPS := $(BACK_SRCS) $(wildcard $(KIT)/back/pvback*.h) $(NAME)-ring.h \
	$(XBS:.c=.h) $(wildcard $(INC)/ring-io/*.h)
XEN_LIBS := -lxenstore -lxenevtchn -lxengnttab

back: $(B)/$(NAME)-back
$(B)/$(NAME)-back: $(BACK_DEPS)
	@printf '  %-7s %s\n' CC $@
	$(Q)mkdir -p $(B)
	$(Q)$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wshadow \
		-Wstrict-prototypes -Wmissing-prototypes -I$(INC) -I$(KIT)/back \
		-I$(dir $(XBS)) \
		-o $@ $(BACK_SRCS) $(XEN_LIBS)

clean:
	rm -rf $(B)
