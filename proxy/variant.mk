# SPDX-License-Identifier: GPL-2.0-only
#
# Builds one variant in $(VDIR), which proxy/prepare-variant.sh has laid out:
# $(VDIR)/kernel holds the tree's files, $(VDIR)/gen the generated headers.
# SAN=1 builds the same with AddressSanitizer and UBSan into obj-san/,
# SAN=thread with ThreadSanitizer into obj-tsan/ (make tsan).

include $(VDIR)/variant.mk

CC ?= cc
SAN ?= 0
ifeq ($(SAN),1)
OBJ := $(VDIR)/obj-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=undefined
else ifeq ($(SAN),thread)
OBJ := $(VDIR)/obj-tsan
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
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

PKGS := glib-2.0 yaml-0.1
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

HW_SRCS := $(wildcard sim/hw/*.c)
SPMC_SRCS := $(wildcard spmc_mock/*.c)
HYP_SRCS := $(wildcard proxy/hyp/*.c)
ENGINE_SRCS := $(filter-out sim/main.c,$(wildcard sim/*.c))
TEST_SRCS := $(wildcard tests/test_*.c)
TEST_UTIL_SRCS := $(wildcard tests/*_util.c)

obj = $(patsubst %.c,$(OBJ)/%.o,$(1))

FFA_OBJ := $(OBJ)/kernel/ffa.o
LIB_OBJS := $(call obj,$(HW_SRCS) $(SPMC_SRCS) $(HYP_SRCS) $(ENGINE_SRCS)) \
	    $(FFA_OBJ)
LIB := $(OBJ)/libffasim.a
TESTS := $(patsubst tests/%.c,$(OBJ)/tests/%,$(TEST_SRCS))
TEST_UTIL_OBJS := $(call obj,$(TEST_UTIL_SRCS))
BIN := $(OBJ)/ffa-sim

all: $(LIB) $(BIN) $(TESTS)

$(FFA_OBJ): $(KTREE)/arch/arm64/kvm/hyp/nvhe/ffa.c $(VDIR)/variant.mk
	@mkdir -p $(dir $@)
	$(CC) $(KFLAGS) -c $< -o $@

$(OBJ)/proxy/hyp/%.o: proxy/hyp/%.c $(VDIR)/variant.mk
	@mkdir -p $(dir $@)
	$(CC) $(HYPFLAGS) -c $< -o $@

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_OURS) -I$(VDIR)/gen -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

ifneq ($(wildcard sim/main.c),)
$(BIN): $(OBJ)/sim/main.o $(LIB)
	$(CC) $(SANFLAGS) $^ $(PKG_LIBS) -o $@
else
$(BIN):
	@true
endif

$(OBJ)/tests/%: $(OBJ)/tests/%.o $(TEST_UTIL_OBJS) $(LIB)
	$(CC) $(SANFLAGS) $^ $(PKG_LIBS) $(CMOCKA_LIBS) -o $@

$(OBJ)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_OURS) -I$(VDIR)/gen $(CMOCKA_CFLAGS) -c $< -o $@

# Unit tests print cmocka's own summary; any failure fails the target.
# Tests of the command line find the binary through FFA_SIM_BIN.
unit: $(TESTS) $(BIN)
	@set -e; for t in $(TESTS); do echo "== $$t"; FFA_SIM_BIN=$(BIN) $$t; done

.PHONY: all unit
.SECONDARY:

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
