// SPDX-License-Identifier: GPL-2.0-only
/* Mock SPMC: fault injection, one test per kind, and the counting modes. */
#include <string.h>

#include "tests/check_util.h"
#include "tests/spmc_test_util.h"

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Arm a fault; a refusal to arm it fails the caller's line. */
#define inject(f, fid, kind, error, value, count) \
	inject_at((f), (fid), (kind), (error), (value), (count), __FILE__, \
		  __LINE__)

static void inject_at(struct fx *f, uint32_t fid, enum spmc_fault_kind kind,
		      int32_t error, uint64_t value, unsigned int count,
		      const char *file, int line)
{
	struct spmc_fault fault = {
		.fid = fid, .kind = kind, .error = error, .value = value,
		.count = count,
	};

	check_int(spmc_inject(f->spmc, &fault), 0,
		  "a valid fault is armed, or the test checks nothing");
}


static void test_error_once_count_always(void **state)
{
	struct smc_regs r;
	struct fx f;
	int i;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	inject(&f, FFA_ID_GET, SPMC_FAULT_ERROR, FFA_RET_RETRY, 0, 1);
	r = fx_call(&f, FFA_FEATURES, FFA_ID_GET, 0, 0, 0, 0);
	assert_success(&r, "other calls unaffected");
	r = fx_call(&f, FFA_ID_GET | SMCCC_SVE_HINT, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_RETRY,
		     "the injected RETRY applies with the SVE hint too");
	r = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_success(&r, "used up");
	inject(&f, SPMC_FAULT_ANY_FID, SPMC_FAULT_ERROR, FFA_RET_BUSY, 0, 2);
	r = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_BUSY,
		     "ANY_FID with count 2: the first call fails");
	r = fx_call(&f, FFA_SPM_ID_GET, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_BUSY,
		     "ANY_FID, count 2: the second call fails, of any FID");
	r = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_success(&r, "count 2 is used up: the third call succeeds");
	inject(&f, FFA_RX_RELEASE, SPMC_FAULT_ERROR, FFA_RET_DENIED, 0, 0);
	for (i = 0; i < 5; i++) {
		r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
		assert_error(&r, FFA_RET_DENIED,
			     "count 0 means always: every call fails");
	}
	assert_int_equal(spmc_faults_applied(f.spmc), 1 + 2 + 5);
	spmc_clear_faults(f.spmc);
	r = fx_call(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	assert_success(&r, "cleared faults no longer apply");
	fx_fini(&f);
}

static void test_error_skips_the_call(void **state)
{
	struct desc_spec d;
	uint8_t buf[256];
	struct smc_regs r;
	size_t total;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	inject(&f, FFA_MEM_SHARE, SPMC_FAULT_ERROR, FFA_RET_NO_MEMORY, 0, 1);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	r = fx_send(&f, FFA_MEM_SHARE, &d, buf, sizeof(buf), &total, 0);
	assert_error(&r, FFA_RET_NO_MEMORY,
		     "the injected NO_MEMORY replaces a valid share's answer");
	assert_int_equal(spmc_txn_count(f.spmc), 0);
	fx_fini(&f);
}

static void test_handle_corruption(void **state)
{
	static uint8_t buf[8192];
	struct desc_spec d;
	struct smc_regs r;
	size_t total;
	unsigned int i;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	inject(&f, SPMC_FAULT_ANY_FID, SPMC_FAULT_HANDLE, 0,
	       0x1122334455667788ULL, 1);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	r = fx_send(&f, FFA_MEM_SHARE, &d, buf, sizeof(buf), &total, 0);
	assert_success(&r,
		       "a handle fault changes the handle, not the verdict");
	assert_int_equal(r.x[2], 0x55667788);
	assert_int_equal(r.x[3], 0x11223344);
	assert_int_equal(spmc_txn_count(f.spmc), 1);	/* real one exists */
	/* And on FRAG_RX: w1/w2. */
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	d.nr_ranges = 300;
	for (i = 0; i < 300; i++) {
		d.ranges[i].address = T_MEM + 0x100000 + 0x2000ULL * i;
		d.ranges[i].pages = 1;
	}
	inject(&f, FFA_FN64_MEM_SHARE, SPMC_FAULT_HANDLE, 0, 0xabcdef, 1);
	r = fx_send(&f, FFA_FN64_MEM_SHARE, &d, buf, sizeof(buf), &total, 4096);
	assert_int_equal(r.x[0], FFA_MEM_FRAG_RX);
	assert_int_equal(r.x[1], 0xabcdef);
	assert_int_equal(r.x[2], 0);
	assert_int_equal(r.x[3], 4096);
	fx_fini(&f);
}

static void test_frag_offset(void **state)
{
	static struct frag_share s;
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_ready_many_ranges(&f, FFA_VERSION_1_0, &s);
	inject(&f, FFA_MEM_SHARE, SPMC_FAULT_FRAG_OFFSET, 0, 100, 1);
	r = fx_send_first_frag(&f, FFA_MEM_SHARE, &s, 4096);
	assert_int_equal(r.x[3], 100);
	fx_fini(&f);
}

/*
 * fx_ready() and a shared region with enough ranges for a response of
 * several fragments; a refused share fails the caller's line.
 */
#define ready_big_share(f, version) \
	ready_big_share_at((f), (version), __FILE__, __LINE__)

static uint64_t ready_big_share_at(struct fx *f, uint32_t version,
				   const char *file, int line)
{
	struct desc_spec d;

	fx_ready_at(f, version, file, line);
	t_desc_many_ranges(&d, version, 100);
	return fx_share_at(f, FFA_MEM_SHARE, &d, file, line);
}

static void test_retrieve_lengths(void **state)
{
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	handle = ready_big_share(&f, FFA_VERSION_1_1);
	inject(&f, FFA_MEM_RETRIEVE_REQ, SPMC_FAULT_TOTAL_LEN, 0, 0x10000, 1);
	inject(&f, FFA_MEM_RETRIEVE_REQ, SPMC_FAULT_FRAG_LEN, 0, 0x2000, 1);
	r = fx_hyp_retrieve(&f, handle);
	assert_int_equal(r.x[0], FFA_MEM_RETRIEVE_RESP);
	assert_int_equal(r.x[1], 0x10000);
	assert_int_equal(r.x[2], 0x2000);
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	/* Unfaulted: the truth, 48 + 16 + 16 + 100 * 16. */
	r = fx_hyp_retrieve(&f, handle);
	assert_int_equal(r.x[1], 1680);
	assert_int_equal(r.x[2], 1680);
	fx_fini(&f);
}

static void test_frag_size_and_frag_tx_len(void **state)
{
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	handle = ready_big_share(&f, FFA_VERSION_1_1);
	inject(&f, SPMC_FAULT_ANY_FID, SPMC_FAULT_FRAG_SIZE, 0, 512, 1);
	r = fx_hyp_retrieve(&f, handle);
	assert_int_equal(r.x[1], 1680);
	assert_int_equal(r.x[2], 512);
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	inject(&f, FFA_MEM_FRAG_RX, SPMC_FAULT_FRAG_LEN, 0, 4000, 1);
	r = fx_call(&f, FFA_MEM_FRAG_RX, (uint32_t)handle, handle >> 32, 512,
		    0, 0);
	assert_int_equal(r.x[0], FFA_MEM_FRAG_TX);
	assert_int_equal(r.x[3], 4000);
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	r = fx_call(&f, FFA_MEM_FRAG_RX, (uint32_t)handle, handle >> 32, 1024,
		    0, 0);
	assert_int_equal(r.x[3], 512);		/* fragment size persists */
	fx_fini(&f);
}

static void test_descriptor_offsets(void **state)
{
	struct desc_spec d;
	uint8_t rx[128];
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	handle = fx_ready_shared(&f, FFA_VERSION_1_2, &d);
	inject(&f, FFA_MEM_RETRIEVE_REQ, SPMC_FAULT_COMP_OFFSET, 0, 0xfff0, 1);
	inject(&f, FFA_MEM_RETRIEVE_REQ, SPMC_FAULT_EMAD_OFFSET, 0, 0x1000, 1);
	r = fx_hyp_retrieve(&f, handle);
	assert_int_equal(r.x[0], FFA_MEM_RETRIEVE_RESP);
	fx_read_rx(&f, rx, sizeof(rx));
	assert_int_equal(get32(rx + 32), 0x1000);
	assert_int_equal(get32(rx + 48 + 4), 0xfff0);
	/* Everything else stays right. */
	assert_int_equal(get32(rx + 48 + 32 + 4), 1);
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	r = fx_hyp_retrieve(&f, handle);
	fx_read_rx(&f, rx, sizeof(rx));
	assert_int_equal(get32(rx + 32), 48);
	assert_int_equal(get32(rx + 48 + 4), 80);
	fx_fini(&f);
}

/*
 * The properties of FFA_FEATURES: only a SUCCESS answer carries them, so
 * a refused query leaves the fault armed for the next one.
 */
static void test_features_properties(void **state)
{
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	inject(&f, FFA_FEATURES, SPMC_FAULT_PROPERTIES, 0, 0x100004, 1);
	r = fx_call(&f, FFA_FEATURES, 0x1, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "a refused query stays refused; the fault stays armed");
	r = fx_call(&f, FFA_FEATURES, FFA_FN64_RXTX_MAP, 0, 0, 0, 0);
	assert_success(&r, "the query succeeds, with the injected w2");
	assert_int_equal(r.x[2], 0x100004);
	r = fx_call(&f, FFA_FEATURES, FFA_FN64_RXTX_MAP, 0, 0, 0, 0);
	assert_success(&r, "used up");
	assert_int_equal(r.x[2], FFA_RXTX_MIN_4K);
	fx_fini(&f);
}

static void test_inject_limits(void **state)
{
	struct spmc_fault fault = { .kind = SPMC_FAULT_ERROR };
	struct fx f;
	int i;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	for (i = 0; i < SPMC_MAX_FAULTS; i++)
		assert_int_equal(spmc_inject(f.spmc, &fault), 0);
	assert_int_equal(spmc_inject(f.spmc, &fault), FFA_RET_NO_MEMORY);
	fault.kind = SPMC_FAULT_NR_KINDS;
	spmc_clear_faults(f.spmc);
	assert_int_equal(spmc_inject(f.spmc, &fault),
			 FFA_RET_INVALID_PARAMETERS);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_once_count_always),
		cmocka_unit_test(test_error_skips_the_call),
		cmocka_unit_test(test_handle_corruption),
		cmocka_unit_test(test_frag_offset),
		cmocka_unit_test(test_retrieve_lengths),
		cmocka_unit_test(test_frag_size_and_frag_tx_len),
		cmocka_unit_test(test_descriptor_offsets),
		cmocka_unit_test(test_features_properties),
		cmocka_unit_test(test_inject_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
