# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmark programs, built against one variant's library with the
# variant's own flags:
#
#   make -f bench/bench.mk VDIR=build/<variant> OBJ_NAME=obj-bench
#
# puts ffa-sim, bench-direct, bench-runner and bench-timeit in
# $(VDIR)/$(OBJ_NAME).

include proxy/variant.mk

.DEFAULT_GOAL := bench-bins

BENCH_BINS := $(patsubst bench/%.c,$(OBJ)/bench/bench-%,$(wildcard bench/*.c))

bench-bins: $(BIN) $(BENCH_BINS)

$(OBJ)/bench/bench-%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS_OURS) -I$(VDIR)/gen $< $(LIB) $(PKG_LIBS) -o $@

.PHONY: bench-bins
