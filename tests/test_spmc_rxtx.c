// SPDX-License-Identifier: GPL-2.0-only
/* Mock SPMC: FFA_RXTX_MAP, FFA_RXTX_UNMAP, FFA_RX_RELEASE. */
#include "tests/spmc_test_util.h"

static void start(struct fx *f, uint8_t min_code, uint16_t max_pages)
{
	fx_init(f, FFA_VERSION_1_2);
	f->cfg.rxtx_min_code = min_code;
	f->cfg.rxtx_max_pages = max_pages;
	fx_start(f);
	fx_call(f, FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0);
}

static void test_map_unmap(void **state)
{
	struct spmc_rx_info info;
	struct smc_regs r;
	struct fx f;

	(void)state;
	start(&f, FFA_RXTX_MIN_4K, 0);
	spmc_rx_state(f.spmc, &info);
	assert_false(info.mapped);
	r = fx_call(&f, FFA_RXTX_MAP, T_TX, T_RX, 2, 0, 0);
	assert_success(&r, "two pages are within the configured limits");
	assert_int_equal(r.x[2], 0);
	spmc_rx_state(f.spmc, &info);
	assert_true(info.mapped);
	assert_int_equal(info.tx_pa, T_TX);
	assert_int_equal(info.rx_pa, T_RX);
	assert_int_equal(info.pages, 2);
	assert_false(info.consumer_owns_rx);
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX + 0x40000, T_RX + 0x40000, 1,
		    0, 0);
	assert_error(&r, FFA_RET_DENIED,
		     "buffers already mapped: a second map is refused");
	r = fx_call(&f, FFA_RXTX_UNMAP, 0x12340000, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "not endpoint 0");
	r = fx_call(&f, FFA_RXTX_UNMAP, 0, 0, 0, 0, 0);
	assert_success(&r, "the mapped buffers are unmapped");
	spmc_rx_state(f.spmc, &info);
	assert_false(info.mapped);
	r = fx_call(&f, FFA_RXTX_UNMAP, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "nothing mapped: nothing to unmap");
	/* And it can be mapped again. */
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX, T_RX, 1, 0, 0);
	assert_success(&r, "after the unmap the buffers may be mapped again");
	fx_fini(&f);
}

/* The invariants recheck the SPMC's mailboxes only when this moves. */
#define gen_moves(f, moved, why) \
	do { \
		uint64_t now = spmc_rx_generation((f)->spmc); \
		if ((now != gen) != (moved)) \
			fail_msg("rx generation %s at %llu: %s", \
				 (moved) ? "stayed" : "moved", \
				 (unsigned long long)now, why); \
		gen = now; \
	} while (0)

static void test_generation(void **state)
{
	struct smc_regs r;
	uint64_t gen;
	struct fx f;

	(void)state;
	start(&f, FFA_RXTX_MIN_4K, 0);
	gen = spmc_rx_generation(f.spmc);
	fx_map(&f, 1);
	gen_moves(&f, true, "a map moves the mailboxes");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX + 0x40000, T_RX + 0x40000, 1,
		    0, 0);
	assert_error(&r, FFA_RET_DENIED, "mapped already");
	fx_call(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	gen_moves(&f, false,
		  "a refused map, filling and releasing RX move nothing");
	r = fx_call(&f, FFA_RXTX_UNMAP, 0, 0, 0, 0, 0);
	assert_success(&r, "the mapped buffers are unmapped");
	gen_moves(&f, true, "an unmap moves the mailboxes");
	fx_fini(&f);
}

static void test_map_errors(void **state)
{
	struct smc_regs r;
	struct fx f;

	(void)state;
	start(&f, FFA_RXTX_MIN_4K, 4);
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX, T_RX, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "a zero page count is invalid");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX, T_RX, 5, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "above max");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX, T_RX, 0x41, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "MBZ bits in w3");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX + 8, T_RX, 1, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "TX must be page aligned");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX, T_TX, 1, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "overlap");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_MMIO, T_RX, 1, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "not RAM");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX, T_DRAM_BASE + T_DRAM_SIZE, 1,
		    0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "past DRAM");
	assert_int_equal(physmem_set_guard(&f.pm, T_RX, 4096, true), 0);
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_TX, T_RX, 1, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "guard page");
	assert_int_equal(physmem_set_guard(&f.pm, T_RX, 4096, false), 0);
	/* SMC32 form takes only the low 32 bits of the addresses. */
	r = fx_call(&f, FFA_RXTX_MAP, T_TX | (1ULL << 40), T_RX, 1, 0, 0);
	assert_success(&r, "SMC32 RXTX_MAP reads only the low 32 bits");
	fx_fini(&f);
}

static void test_min_size_64k(void **state)
{
	struct smc_regs r;
	struct fx f;

	(void)state;
	start(&f, FFA_RXTX_MIN_64K, 0);
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_DRAM_BASE + 0x10000,
		    T_DRAM_BASE + 0x20000, 1, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "below 64K");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_DRAM_BASE + 0x11000,
		    T_DRAM_BASE + 0x20000, 16, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "not 64K aligned");
	r = fx_call(&f, FFA_FN64_RXTX_MAP, T_DRAM_BASE + 0x10000,
		    T_DRAM_BASE + 0x20000, 16, 0, 0);
	assert_success(&r,
		       "64K aligned, 16 pages of 4K: the 64K minimum is met");
	fx_fini(&f);
}

static void test_rx_release(void **state)
{
	struct spmc_rx_info info;
	struct smc_regs r;
	struct fx f;

	(void)state;
	start(&f, FFA_RXTX_MIN_4K, 0);
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_DENIED, "nothing mapped");
	fx_map(&f, 1);
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_DENIED, "producer owns it");
	r = fx_call(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_success(&r,
		       "PARTITION_INFO_GET fills RX and hands it over");
	spmc_rx_state(f.spmc, &info);
	assert_true(info.consumer_owns_rx);
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	assert_success(&r,
		       "the caller owns RX after the answer and releases it");
	spmc_rx_state(f.spmc, &info);
	assert_false(info.consumer_owns_rx);
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_DENIED,
		     "RX released already: the caller does not own it");
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_unmap),
		cmocka_unit_test(test_generation),
		cmocka_unit_test(test_map_errors),
		cmocka_unit_test(test_min_size_64k),
		cmocka_unit_test(test_rx_release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
