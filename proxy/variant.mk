# SPDX-License-Identifier: GPL-2.0-only
#
# Builds one variant in $(VDIR), which proxy/prepare-variant.sh has laid out:
# $(VDIR)/kernel holds the tree's files, $(VDIR)/gen the generated headers.
# SAN=1 builds the same with AddressSanitizer and UBSan into obj-san/,
# SAN=thread with ThreadSanitizer into obj-tsan/ (make tsan), SAN=external
# with the flags of EXTERNAL_SANFLAGS into obj-external/ (OSS-Fuzz).
# Goals: all (the library and ffa-sim), tests (the unit tests), unit (run
# them).  V=1 prints whole command lines.

include $(VDIR)/variant.mk

SAN ?= 0
ifeq ($(SAN),1)
OBJ := $(VDIR)/obj-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=undefined
else ifeq ($(SAN),thread)
OBJ := $(VDIR)/obj-tsan
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
else ifeq ($(SAN),external)
# A fuzzing service's own sanitizer and coverage flags
# (.clusterfuzzlite/build.sh), given as EXTERNAL_SANFLAGS.
OBJ := $(VDIR)/obj-external
SANFLAGS := $(EXTERNAL_SANFLAGS)
else
OBJ := $(VDIR)/obj
SANFLAGS :=
endif
COVERAGE ?= 0
ifeq ($(COVERAGE),1)
OBJ := $(VDIR)/obj-cov
SANFLAGS += --coverage -DSIM_COVERAGE
endif
# A private object folder, so that two builds of one variant can run at once.
ifneq ($(OBJ_NAME),)
OBJ := $(VDIR)/$(OBJ_NAME)
endif

PKGS := glib-2.0 yaml-0.1 libdw
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka)

BASEFLAGS := -std=gnu11 -g -O1 -MMD -MP $(SANFLAGS)
CFLAGS_OURS := $(BASEFLAGS) -Wall -Wextra -Werror -I. $(PKG_CFLAGS)

KTREE := $(VDIR)/kernel
# The fake headers come first; of the tree only the copied files are visible.
KINCLUDES := -I$(VDIR)/gen -Iproxy/include \
	     -I$(KTREE)/arch/arm64/kvm/hyp/include \
	     -I$(KTREE)/arch/arm64/include -I$(KTREE)/include
KDEFS := -DSIM_PAGE_SHIFT=$(PAGE_SHIFT_BITS) -D__KVM_NVHE_HYPERVISOR__ \
	 -DKBUILD_MODNAME='"ffa"'
# Kernel code is built the way Kbuild builds it: -Wall, not -Wextra.
KFLAGS := $(BASEFLAGS) -Wall -Werror -fno-strict-aliasing -fno-strict-overflow \
	  -fno-delete-null-pointer-checks $(KINCLUDES) $(KDEFS)
# proxy/hyp sits behind the fake headers too, but it is our code: -Wextra
# applies to it, not to the tree's headers it includes.
HYPFLAGS := $(CFLAGS_OURS) -I$(VDIR)/gen -Iproxy/include \
	    -isystem $(KTREE)/arch/arm64/kvm/hyp/include \
	    -isystem $(KTREE)/arch/arm64/include -isystem $(KTREE)/include $(KDEFS)

# Linux's FF-A driver, the host side: its own root of fake headers
# (host/include) before the proxy's, whose plain types it shares.  Each
# file names itself (HOST_UNIT) so that its initcall gets a symbol of its
# own; like Kbuild, no -Wpointer-sign and no -Wmaybe-uninitialized (a
# gcc option: clang, which the fuzzer builds with, has no such warning).
HOST_KDEFS := -DSIM_PAGE_SHIFT=$(PAGE_SHIFT_BITS) -DKBUILD_MODNAME='"arm_ffa"'
HOST_NO_MAYBE_UNINIT := $(shell $(CC) -Werror -Wno-maybe-uninitialized -E \
	-x c /dev/null >/dev/null 2>&1 && echo -Wno-maybe-uninitialized)
HOST_KFLAGS := $(BASEFLAGS) -Wall -Werror -Wno-pointer-sign \
	       $(HOST_NO_MAYBE_UNINIT) \
	       -fno-strict-aliasing -fno-strict-overflow \
	       -fno-delete-null-pointer-checks -I$(VDIR)/gen -Ihost/include \
	       -Iproxy/include -I$(KTREE)/include $(HOST_KDEFS)
HOSTFLAGS := $(CFLAGS_OURS) -I$(VDIR)/gen -Ihost/include -Iproxy/include \
	     -isystem $(KTREE)/include $(HOST_KDEFS)

HW_SRCS := $(wildcard hw/*.c)
HYP_SRCS := $(wildcard proxy/hyp/*.c)
# Linux's FF-A driver as the host, or, built with DRIVER=no, in place of
# it and its glue host/no_driver.c, which says there is none.
ifeq ($(HOST_DRIVER),no)
HOST_SRCS := host/no_driver.c
else
HOST_SRCS := $(filter-out host/no_driver.c,$(wildcard host/*.c))
endif
ENGINE_SRCS := $(filter-out sim/cli/main.c sim/exec/el3_tfa.c,$(wildcard sim/*/*.c))
TEST_SRCS := $(wildcard tests/test_*.c)
# The EL3 (docs/spmc.md): the mock, or TF-A's EL3 SPMC behind the mock's
# API (sim/exec/el3_tfa.c), keeping only the mock's name tables and
# configuration helpers.
ifeq ($(SPMC_KIND),tfa)
SPMC_SRCS := spmc_mock/ffa_names.c spmc_mock/config.c sim/exec/el3_tfa.c
TEST_SRCS := $(wildcard tests/test_tfa_*.c)
else
SPMC_SRCS := $(wildcard spmc_mock/*.c)
TEST_SRCS := $(filter-out tests/test_tfa_%,$(TEST_SRCS))
endif
TEST_UTIL_SRCS := $(wildcard tests/*_util.c)
# host/'s tests are the driver's: a variant without it does not build them.
ifeq ($(HOST_DRIVER),no)
TEST_SRCS := $(filter-out tests/test_host_%,$(TEST_SRCS))
endif

obj = $(patsubst %.c,$(OBJ)/%.o,$(1))

FFA_OBJ := $(OBJ)/kernel/ffa.o
DRIVER_OBJS := $(if $(filter no,$(HOST_DRIVER)),,\
	       $(patsubst %,$(OBJ)/kernel/arm_ffa/%.o,driver bus smccc))
LIB_OBJS := $(call obj,$(HW_SRCS) $(SPMC_SRCS) $(HYP_SRCS) $(HOST_SRCS) \
		       $(ENGINE_SRCS)) $(FFA_OBJ) $(DRIVER_OBJS)
ifeq ($(SPMC_KIND),tfa)
include spmc_tfa/tfa.mk
LIB_OBJS += $(TFA_EL3) $(TFA_PORT_OBJS)
endif
LIB := $(OBJ)/libffasim.a
TESTS := $(patsubst tests/%.c,$(OBJ)/tests/%,$(TEST_SRCS))
TEST_UTIL_OBJS := $(call obj,$(TEST_UTIL_SRCS))
BIN := $(OBJ)/ffa-sim

# Quiet, as Kbuild is: one "  CC      obj/sim/exec/exec.o" line per
# step; V=1 prints the whole command lines.
V ?= 0
ifeq ($(V),1)
Q :=
say =
else
Q := @
say = @printf '  %-7s %s\n' '$(1)' '$(patsubst $(VDIR)/%,%,$(2))'
endif

# The edit-build-run loop builds the command only; the unit tests are
# linked when they are run (unit, make check and make test) or asked for.
all: $(LIB) $(BIN)
	@:
tests: $(TESTS)
	@:

# ffa.o's .data and .bss become ffa_data and ffa_bss, which the linker
# brackets with __start_/__stop_ symbols: a worker that runs many
# scenarios puts ffa.c's statics back between them (proxy/hyp/statics.c).
# Not in the coverage build, whose counters in .bss must add up.
OBJCOPY ?= objcopy
ifeq ($(COVERAGE),1)
RENAME_STATICS = true
else
RENAME_STATICS = $(OBJCOPY) --rename-section .data=ffa_data \
		 --rename-section .data.rel=ffa_data \
		 --rename-section .data.rel.local=ffa_data \
		 --rename-section .bss=ffa_bss $@
endif

$(FFA_OBJ): $(KTREE)/arch/arm64/kvm/hyp/nvhe/ffa.c $(VDIR)/variant.mk \
	    proxy/variant.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(KFLAGS) -c $< -o $@
	$(Q)$(RENAME_STATICS)

# A driver file that does not build is named in $(VDIR)/driver-failed,
# for proxy/build-variant.sh's last word: how to build without it.
$(OBJ)/kernel/arm_ffa/%.o: $(KTREE)/drivers/firmware/arm_ffa/%.c $(VDIR)/variant.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(HOST_KFLAGS) -DHOST_UNIT=$* -c $< -o $@ || \
		{ echo drivers/firmware/arm_ffa/$*.c >> $(VDIR)/driver-failed; exit 1; }

# The tree's headers are -isystem for our code, which -MMD leaves out:
# name them.
KHEADERS := $(shell find $(KTREE) -name '*.h' 2>/dev/null)

$(OBJ)/host/%.o: host/%.c $(VDIR)/variant.mk $(KHEADERS)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(HOSTFLAGS) -c $< -o $@

$(OBJ)/proxy/hyp/%.o: proxy/hyp/%.c $(VDIR)/variant.mk $(KHEADERS)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(HYPFLAGS) -c $< -o $@

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CFLAGS_OURS) -I$(VDIR)/gen -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^

# Symbols bound at start-up: each order of a concurrent step runs in a
# fresh fork (sim/exec/explore.c) that would otherwise resolve again, and
# write into copy-on-write pages, every library call the parent had not made.
BIN_LDFLAGS := -Wl,-z,now

$(BIN): $(OBJ)/sim/cli/main.o $(LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(SANFLAGS) $(BIN_LDFLAGS) $^ $(PKG_LIBS) -o $@

$(OBJ)/tests/%: $(OBJ)/tests/%.o $(TEST_UTIL_OBJS) $(LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(SANFLAGS) $^ $(PKG_LIBS) $(CMOCKA_LIBS) -o $@

$(OBJ)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CFLAGS_OURS) -I$(VDIR)/gen $(CMOCKA_CFLAGS) -c $< -o $@

# Unit tests print cmocka's own summary; any failure fails the target.
# Tests of the command line find the binary through FFA_SIM_BIN.
unit: $(TESTS) $(BIN)
	@set -e; for t in $(TESTS); do echo "== $$t"; FFA_SIM_BIN=$(BIN) $$t; done

.PHONY: all tests unit
.SECONDARY:

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
