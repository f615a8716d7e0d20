// SPDX-License-Identifier: GPL-2.0-only
/* Mock SPMC: FFA_PARTITION_INFO_GET. */
#include <string.h>

#include "tests/spmc_test_util.h"

static uint32_t uuid_word(const uint8_t *u, unsigned int i)
{
	return u[4 * i] | (u[4 * i + 1] << 8) | (u[4 * i + 2] << 16) |
	       ((uint32_t)u[4 * i + 3] << 24);
}

static struct smc_regs info_get(struct fx *f, const uint8_t *uuid,
				uint32_t flags)
{
	struct smc_regs in = { .x = { FFA_PARTITION_INFO_GET } };
	struct smc_regs out;
	unsigned int i;

	for (i = 0; uuid && i < 4; i++)
		in.x[1 + i] = uuid_word(uuid, i);
	in.x[5] = flags;
	fx_smc(f, SMC_FROM_HOST, &in, &out);
	return out;
}

static void test_all_1_1(void **state)
{
	uint8_t rx[3 * 24];
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	r = info_get(&f, NULL, 0);
	assert_success(&r, "a mapped caller may ask for every partition");
	assert_int_equal(r.x[2], 3);
	assert_int_equal(r.x[3], 24);
	fx_read_rx(&f, rx, sizeof(rx));
	assert_int_equal(rx[0] | rx[1] << 8, T_SP1);
	assert_int_equal(rx[2] | rx[3] << 8, 4);
	assert_int_equal(rx[4] | rx[5] << 8 | rx[6] << 16,
			 FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ2_RECV |
			 FFA_PROP_AARCH64);
	assert_memory_equal(rx + 8, t_uuid1, 16);
	assert_int_equal(rx[24] | rx[25] << 8, T_SP2);
	assert_memory_equal(rx + 32, t_uuid2, 16);
	assert_int_equal(rx[48] | rx[49] << 8, T_SP3);
	/* RX not released yet: BUSY. */
	r = info_get(&f, NULL, 0);
	assert_error(&r, FFA_RET_BUSY,
		     "RX not released yet: the SPMC may not write it");
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	assert_success(&r,
		       "the caller owns RX after the answer and releases it");
	r = info_get(&f, NULL, 0);
	assert_success(&r, "RX released: the SPMC may write it again");
	fx_fini(&f);
}

static void test_1_0_descriptors(void **state)
{
	uint8_t rx[32];
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_0);
	memset(rx, 0xee, sizeof(rx));
	assert_int_equal(physmem_write(&f.pm, T_RX, rx, sizeof(rx)), 0);
	r = info_get(&f, NULL, 0);
	assert_success(&r,
		       "a 1.0 caller gets the 1.0 layout of 8-byte entries");
	assert_int_equal(r.x[2], 3);
	assert_int_equal(r.x[3], 0);		/* no size field in 1.0 */
	fx_read_rx(&f, rx, sizeof(rx));
	assert_int_equal(rx[0] | rx[1] << 8, T_SP1);
	assert_int_equal(rx[8] | rx[9] << 8, T_SP2);
	assert_int_equal(rx[10] | rx[11] << 8, 1);
	assert_int_equal(rx[16] | rx[17] << 8, T_SP3);
	assert_int_equal(rx[24], 0xee);		/* nothing past 3 x 8 */
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	/* The count-only flag does not exist in 1.0. */
	r = info_get(&f, NULL, FFA_PARTINFO_COUNT_ONLY);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "the count-only flag does not exist in 1.0");
	fx_fini(&f);
}

static void test_uuid_filter_and_count(void **state)
{
	static const uint8_t unknown[16] = { 1, 2, 3 };
	struct spmc_rx_info info;
	uint8_t rx[48];
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_2);
	r = info_get(&f, t_uuid2, FFA_PARTINFO_COUNT_ONLY);
	assert_success(&r, "count only by UUID: no RX needed");
	assert_int_equal(r.x[2], 2);		/* SP2 and SP3 */
	assert_int_equal(r.x[3], 24);
	spmc_rx_state(f.spmc, &info);
	assert_false(info.consumer_owns_rx);	/* count only: RX untouched */
	r = info_get(&f, t_uuid2, 0);
	assert_success(&r, "by UUID: SP2 and SP3 share the UUID");
	assert_int_equal(r.x[2], 2);
	fx_read_rx(&f, rx, sizeof(rx));
	assert_int_equal(rx[0] | rx[1] << 8, T_SP2);
	assert_int_equal(rx[24] | rx[25] << 8, T_SP3);
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	r = info_get(&f, unknown, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "no partition has this UUID");
	r = info_get(&f, NULL, 0x2);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "MBZ flag bits");
	fx_fini(&f);
}

static void test_without_rx(void **state)
{
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	fx_start(&f);
	r = info_get(&f, NULL, 0);
	assert_error(&r, FFA_RET_DENIED,
		     "no RX/TX mapped: nowhere to write the entries");
	r = info_get(&f, NULL, FFA_PARTINFO_COUNT_ONLY);
	assert_success(&r, "count only needs no RX, so no mapping either");
	assert_int_equal(r.x[2], 3);
	fx_fini(&f);
}

static void test_max_partitions(void **state)
{
	struct smc_regs r;
	struct fx f;
	unsigned int i;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.nr_partitions = SPMC_MAX_PARTITIONS;
	for (i = 0; i < SPMC_MAX_PARTITIONS; i++)
		f.cfg.partitions[i].id = 0x8001 + i;
	f.cfg.rxtx_min_code = FFA_RXTX_MIN_4K;
	fx_start(&f);
	fx_call(&f, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	fx_map(&f, 1);
	/* The most partitions there can be still fit the smallest RX. */
	r = info_get(&f, NULL, 0);
	assert_success(&r,
		       "the most partitions there can be fit the smallest RX");
	assert_int_equal(r.x[2], SPMC_MAX_PARTITIONS);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_1_1),
		cmocka_unit_test(test_1_0_descriptors),
		cmocka_unit_test(test_uuid_filter_and_count),
		cmocka_unit_test(test_without_rx),
		cmocka_unit_test(test_max_partitions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
