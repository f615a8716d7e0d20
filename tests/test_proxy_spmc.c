// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real ffa.c of this variant against the mock SPMC: init, version
 * negotiation, RXTX_MAP, a share of two pages and its reclaim, with the
 * host stage-2 and the SPMC's books checked at each point.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <generated/sim_variant.h>

#include "proxy/hyp/hyp.h"
#include "sim/world.h"
#include "spmc_mock/spmc.h"
#include "tests/spmc_test_util.h"

#define SP1	0x8001

static struct world w;
static size_t pg;
static uint64_t tx, rx, buf;

static int setup(void **state)
{
	struct world_config cfg;
	char err[256];

	(void)state;
	world_config_default(&cfg);
	cfg.dram_size = 16ULL << 20;
	cfg.spmc.nr_partitions = 1;
	cfg.spmc.partitions[0].id = SP1;
	cfg.spmc.partitions[0].exec_ctx_count = 1;
	if (world_create(&w, &cfg, err, sizeof(err))) {
		print_error("world_create: %s\n", err);
		return -1;
	}
	pg = hyp_page_size();
	tx = cfg.dram_base;
	rx = tx + pg;
	buf = tx + 2 * pg;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	world_destroy(&w);
	return 0;
}

static void host_smc(uint64_t r[SMC_NR_REGS], uint64_t x0, uint64_t x1,
		     uint64_t x2, uint64_t x3)
{
	struct hyp_fault fault;

	memset(r, 0, SMC_NR_REGS * sizeof(r[0]));
	r[0] = x0;
	r[1] = x1;
	r[2] = x2;
	r[3] = x3;
	assert_int_not_equal(hyp_host_smc(r, &fault), HYP_EXIT_FAULT);
	assert_int_equal(hyp_locks_held(), 0);
}

/*
 * A share to SP1 of two kernel pages (the proxy refuses ranges that are
 * not whole kernel pages), in the layout of the negotiated version.
 */
static uint32_t build_share(uint8_t *d, size_t cap, uint32_t version)
{
	struct desc_spec spec;

	t_desc_default(&spec, version, FFA_FN64_MEM_SHARE);
	spec.receivers[0].id = SP1;
	spec.receivers[0].perms = FFA_PERMS(FFA_DATA_RW, 0);
	spec.nr_ranges = 1;
	spec.ranges[0].address = buf;
	spec.ranges[0].pages = 2 * pg / FFA_PAGE_SIZE;
	return desc_build(&spec, d, cap);
}

static void assert_ffa_state(uint64_t pa, enum hyp_completer completer,
			     enum hyp_page_state state)
{
	struct hyp_page_info info;

	assert_int_equal(hyp_page_info(pa, &info), 0);
	assert_int_equal(info.completer, completer);
	assert_int_equal(info.host_state, state);
}

static void test_share_and_reclaim(void **state)
{
	uint64_t r[SMC_NR_REGS], handle;
	uint32_t version, len;
	uint8_t desc[256];
	struct hyp_page_info info;

	(void)state;
	assert_int_equal(hyp_env_ffa_init(), 0);

	host_smc(r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	version = (uint32_t)r[0];
	/* 6.12 knows 1.1 at most; 7.x settles on 1.2. */
	assert_true(version == FFA_VERSION_1_1 || version == FFA_VERSION_1_2);
	assert_int_equal(spmc_negotiated_version(w.spmc), version);

	host_smc(r, FFA_FN64_RXTX_MAP, tx, rx, pg / 4096);
	assert_int_equal(r[0], FFA_SUCCESS);
	assert_int_equal(hyp_page_info(tx, &info), 0);
	assert_int_equal(info.completer, HYP_COMPLETER_HYP);
	assert_int_equal(info.pins, 1);

	len = build_share(desc, sizeof(desc), version);
	assert_int_equal(physmem_write(&w.pm, tx, desc, len), 0);
	host_smc(r, FFA_FN64_MEM_SHARE, len, len, 0);
	assert_int_equal(r[0], FFA_SUCCESS);
	handle = (r[2] & 0xffffffff) | (r[3] << 32);
	assert_int_equal(handle >> 63, 0);
	assert_int_equal(spmc_txn_count(w.spmc), 1);
	assert_ffa_state(buf, HYP_COMPLETER_FFA, HYP_PS_SHARED_OWNED);
	assert_ffa_state(buf + pg, HYP_COMPLETER_FFA, HYP_PS_SHARED_OWNED);
	assert_ffa_state(buf + 2 * pg, HYP_COMPLETER_NONE, HYP_PS_OWNED);

	host_smc(r, FFA_MEM_RECLAIM, handle & 0xffffffff, handle >> 32, 0);
	assert_int_equal(r[0], FFA_SUCCESS);
	assert_int_equal(spmc_txn_count(w.spmc), 0);
	assert_ffa_state(buf, HYP_COMPLETER_NONE, HYP_PS_OWNED);
	assert_ffa_state(buf + pg, HYP_COMPLETER_NONE, HYP_PS_OWNED);

	/* A handle that is gone cannot be reclaimed twice. */
	host_smc(r, FFA_MEM_RECLAIM, handle & 0xffffffff, handle >> 32, 0);
	assert_int_equal(r[0], FFA_ERROR);
	assert_int_equal((int32_t)r[2], FFA_RET_INVALID_PARAMETERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_share_and_reclaim, setup, teardown),
	};

	return cmocka_run_group_tests_name("real proxy + mock SPMC, " SIM_VARIANT_NAME,
					   tests, NULL, NULL);
}
