// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real ffa.c of this variant against the mock SPMC: init, version
 * negotiation, RXTX_MAP, a share of two pages and its reclaim, with the
 * host stage-2 and the SPMC's books checked at each point; a reclaim that
 * would never end cut as a hang, and one in many fragments not.
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
#include "sim/exec/world.h"
#include "spmc_mock/spmc.h"
#include "tests/check_util.h"
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
	hyp_set_el3_repeat_limit(0);
	world_destroy(&w);
	return 0;
}

/* The host's SMC through EL2, which must neither fault nor keep a lock. */
#define host_smc(r, x0, x1, x2, x3) \
	host_smc_at((r), (x0), (x1), (x2), (x3), __FILE__, __LINE__)

static void host_smc_at(uint64_t r[SMC_NR_REGS], uint64_t x0, uint64_t x1,
			uint64_t x2, uint64_t x3, const char *file, int line)
{
	struct hyp_fault fault;

	memset(r, 0, SMC_NR_REGS * sizeof(r[0]));
	r[0] = x0;
	r[1] = x1;
	r[2] = x2;
	r[3] = x3;
	if (hyp_host_smc(r, &fault) == HYP_EXIT_FAULT)
		fail_at(file, line, "SMC %#llx faulted at EL2 (address %#llx): the proxy must answer, not fault",
			(unsigned long long)x0,
			(unsigned long long)fault.addr);
	check_int_at("hyp locks held after the SMC", hyp_locks_held(), 0,
		     "a lock left held deadlocks the next call", file, line);
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

/* The page's completer and host state, at the caller's line. */
#define assert_ffa_state(pa, completer, state) \
	assert_ffa_state_at((pa), (completer), (state), __FILE__, __LINE__)

static void assert_ffa_state_at(uint64_t pa, enum hyp_completer completer,
				enum hyp_page_state state, const char *file,
				int line)
{
	struct hyp_page_info info;

	check_int_at("hyp_page_info()", hyp_page_info(pa, &info), 0,
		     "every page of DRAM has a state", file, line);
	if (info.completer != completer || info.host_state != state)
		fail_at(file, line, "page %#llx: expected completer %s, host %s; got completer %s, host %s: the proxy's share must leave pKVM's page states",
			(unsigned long long)pa, hyp_completer_name(completer),
			hyp_page_state_name(state),
			hyp_completer_name(info.completer),
			hyp_page_state_name(info.host_state));
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

#define NR_SPREAD	32

/*
 * A share of NR_SPREAD single pages a page apart: a long descriptor.  The
 * handle; a refusal fails the caller's line.
 */
#define share_spread(version) share_spread_at((version), __FILE__, __LINE__)

static uint64_t share_spread_at(uint32_t version, const char *file, int line)
{
	struct desc_spec spec;
	uint64_t r[SMC_NR_REGS];
	uint8_t desc[1024];
	uint32_t len;
	unsigned int i;

	t_desc_default(&spec, version, FFA_FN64_MEM_SHARE);
	spec.receivers[0].id = SP1;
	spec.receivers[0].perms = FFA_PERMS(FFA_DATA_RW, 0);
	spec.nr_ranges = NR_SPREAD;
	for (i = 0; i < NR_SPREAD; i++) {
		spec.ranges[i].address = buf + 2 * i * pg;
		spec.ranges[i].pages = pg / FFA_PAGE_SIZE;
	}
	len = desc_build(&spec, desc, sizeof(desc));
	check_true(len > 0, "the descriptor fits its buffer");
	check_int(physmem_write(&w.pm, tx, desc, len), 0,
		  "the host's TX is DRAM");
	host_smc_at(r, FFA_FN64_MEM_SHARE, len, len, 0, file, line);
	check_int(r[0], FFA_SUCCESS,
		  "a share of whole host pages goes through the proxy");
	return (r[2] & 0xffffffff) | (r[3] << 32);
}

static unsigned int el3_calls_of(uint32_t fid)
{
	const struct hyp_event *ev;
	unsigned int n = 0;
	size_t nr, i;

	ev = hyp_events(&nr);
	for (i = 0; i < nr; i++)
		n += ev[i].kind == HYP_EV_SMC_TO_EL3 && ev[i].in.x[0] == fid;
	return n;
}

/*
 * An SPMC that answers every FFA_MEM_FRAG_RX with an empty fragment keeps
 * do_ffa_mem_reclaim() asking forever (FRAG_RX, RX_RELEASE, again): with
 * the repeat bound that is HYP_EXIT_HANG, at once.  A reclaim that takes
 * many fragments asks something new each turn and is not cut, even with
 * the bound at 2.
 */
static void test_reclaim_that_never_ends_is_a_hang(void **state)
{
	struct spmc_fault small = {
		.fid = SPMC_FAULT_ANY_FID, .kind = SPMC_FAULT_FRAG_SIZE,
		.value = 112,
	};
	struct spmc_fault empty = {
		.fid = FFA_MEM_FRAG_RX, .kind = SPMC_FAULT_FRAG_LEN, .value = 0,
	};
	uint64_t r[SMC_NR_REGS], handle;
	struct hyp_fault fault;
	uint32_t version;

	(void)state;
	assert_int_equal(hyp_env_ffa_init(), 0);
	host_smc(r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	version = (uint32_t)r[0];
	host_smc(r, FFA_FN64_RXTX_MAP, tx, rx, pg / 4096);
	assert_int_equal(r[0], FFA_SUCCESS);
	hyp_set_el3_repeat_limit(2);

	handle = share_spread(version);
	assert_int_equal(spmc_inject(w.spmc, &small), 0);
	host_smc(r, FFA_MEM_RECLAIM, handle & 0xffffffff, handle >> 32, 0);
	assert_int_equal(r[0], FFA_SUCCESS);
	/* Several turns of the same two calls, each for the next fragment. */
	assert_true(el3_calls_of(FFA_MEM_FRAG_RX) >= 4);

	handle = share_spread(version);
	assert_int_equal(spmc_inject(w.spmc, &empty), 0);
	memset(r, 0, sizeof(r));
	r[0] = FFA_MEM_RECLAIM;
	r[1] = handle & 0xffffffff;
	r[2] = handle >> 32;
	assert_int_equal(hyp_host_smc(r, &fault), HYP_EXIT_HANG);
	/* Cut after the bound's few turns, not after thousands. */
	assert_true(el3_calls_of(FFA_MEM_FRAG_RX) <= 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_share_and_reclaim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reclaim_that_never_ends_is_a_hang, setup, teardown),
	};

	return cmocka_run_group_tests_name("real proxy + mock SPMC, " SIM_VARIANT_NAME,
					   tests, NULL, NULL);
}
