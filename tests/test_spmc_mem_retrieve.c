// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mock SPMC: the hypervisor's FFA_MEM_RETRIEVE_REQ and FFA_MEM_FRAG_RX,
 * and the partitions' retrieve / relinquish / access, with reclaim rules.
 */
#include <string.h>

#include "tests/check_util.h"
#include "tests/spmc_test_util.h"

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

/*
 * The retrieve response in @rx describes t_desc_default()'s share in the
 * layout of @version: what the proxy reads back to check the SPMC.
 */
static void check_response_at(const uint8_t *rx, uint32_t version,
			      uint64_t handle, uint32_t len, const char *file,
			      int line)
{
	bool v10 = version == FFA_VERSION_1_0;
	uint32_t hdr = v10 ? 32 : 48;
	uint32_t esz = version == FFA_VERSION_1_2 ? 32 : 16;
	uint32_t comp = hdr + esz;

	check_int(rx[0] | rx[1] << 8, 0, "the sender is the host, ID 0");
	check_int(rx[2], FFA_ATTRS_NORMAL_WB_IS | (v10 ? 0 : 0x40),
		  "the attributes as shared (NS set from 1.1)");
	check_int(get32(rx + 4), FFA_MTD_TYPE_SHARE << 3,
		  "the flags name a share");
	check_int(get64(rx + 8), handle, "the handle asked for");
	check_int(get32(rx + 28), 1, "one receiver");
	if (!v10) {
		check_int(get32(rx + 24), esz,
			  "the EMAD size of the version");
		check_int(get32(rx + 32), 48,
			  "the EMADs follow the 1.1 header");
	}
	check_int(rx[hdr] | rx[hdr + 1] << 8, T_SP1, "the receiver is SP1");
	check_int(rx[hdr + 2], FFA_DATA_RW, "SP1's access, read-write");
	check_int(get32(rx + hdr + 4), comp,
		  "the composite follows the EMAD");
	check_int(get32(rx + comp), 2, "2 pages in all");
	check_int(get32(rx + comp + 4), 1, "one range");
	check_int(get64(rx + comp + 16), T_MEM, "the range's address");
	check_int(get32(rx + comp + 24), 2, "the range's pages");
	check_int(len, comp + 32, "w1: the response's length");
}

/* The hypervisor's retrieve at @version, start to reclaim. */
#define hyp_retrieve_in(version) \
	hyp_retrieve_in_at((version), __FILE__, __LINE__)

static void hyp_retrieve_in_at(uint32_t version, const char *file, int line)
{
	struct spmc_rx_info info;
	uint8_t rx[128];
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	handle = fx_ready_shared_at(&f, version, NULL, file, line);
	r = fx_hyp_retrieve(&f, handle);
	check_int(r.x[0], FFA_MEM_RETRIEVE_RESP, "the SPMC answers");
	check_int(r.x[1], r.x[2], "the whole response in one fragment");
	check_int(r.x[3], 0, "w3 is MBZ");
	fx_read_rx(&f, rx, sizeof(rx));
	check_response_at(rx, version, handle, (uint32_t)r.x[1], file, line);
	spmc_rx_state(f.spmc, &info);
	check_true(info.consumer_owns_rx, "the answer hands RX to the caller");
	r = fx_hyp_retrieve(&f, handle);
	check_ffa_error(&r, FFA_RET_DENIED, "RX not released", file, line);
	r = fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	check_ffa_success(&r, "the consumer owns RX and may release it",
			  file, line);
	r = fx_hyp_retrieve(&f, handle);
	check_int(r.x[0], FFA_MEM_RETRIEVE_RESP, "RX released: a retrieve again");
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	/* A hypervisor retrieve does not count as a borrower's. */
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	check_ffa_success(&r, "a hypervisor retrieve leaves no borrower to wait for",
			  file, line);
	r = fx_hyp_retrieve(&f, handle);
	check_ffa_error(&r, FFA_RET_INVALID_PARAMETERS,
			"reclaimed: the handle is unknown now", file, line);
	fx_fini(&f);
}

static void test_hyp_retrieve_layouts(void **state)
{
	(void)state;
	hyp_retrieve_in(FFA_VERSION_1_0);
	hyp_retrieve_in(FFA_VERSION_1_1);
	hyp_retrieve_in(FFA_VERSION_1_2);
}

static void test_hyp_retrieve_errors(void **state)
{
	uint8_t req[48] = { 0 };
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	handle = fx_ready_shared(&f, FFA_VERSION_1_1, NULL);
	memcpy(req + 8, &handle, 8);
	req[28] = 1;				/* an endpoint: not the hyp */
	fx_write_tx(&f, req, sizeof(req));
	r = fx_call(&f, FFA_MEM_RETRIEVE_REQ, 48, 48, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "a hypervisor retrieve request names no receiver");
	req[28] = 0;
	req[4] = FFA_MTD_TYPE_LEND << 3;	/* wrong transaction type */
	fx_write_tx(&f, req, sizeof(req));
	r = fx_call(&f, FFA_MEM_RETRIEVE_REQ, 48, 48, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "the request's type must match the transaction's");
	req[4] = FFA_MTD_TYPE_SHARE << 3;	/* right one: fine */
	fx_write_tx(&f, req, sizeof(req));
	r = fx_call(&f, FFA_FN64_MEM_RETRIEVE_REQ, 48, 48, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_MEM_RETRIEVE_RESP);
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	r = fx_call(&f, FFA_MEM_RETRIEVE_REQ, 48, 32, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "fragmented");
	r = fx_call(&f, FFA_MEM_RETRIEVE_REQ, 16, 16, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "too short");
	r = fx_call(&f, FFA_MEM_RETRIEVE_REQ, 48, 48, T_MEM, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "x3 MBZ");
	fx_fini(&f);
}

static void test_frag_rx(void **state)
{
	static uint8_t buf[8192];
	struct desc_spec d;
	struct smc_regs r;
	uint32_t total, off, comp = 48 + 16;
	uint64_t handle;
	unsigned int i;
	struct fx f;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.retrieve_frag_size = 1024;
	fx_start(&f);
	fx_call(&f, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	fx_map(&f, 1);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	d.nr_ranges = 200;
	for (i = 0; i < 200; i++) {
		d.ranges[i].address = T_MEM + 0x3000ULL * i;
		d.ranges[i].pages = 2;
	}
	handle = fx_share(&f, FFA_MEM_SHARE, &d);
	r = fx_hyp_retrieve(&f, handle);
	assert_int_equal(r.x[0], FFA_MEM_RETRIEVE_RESP);
	total = (uint32_t)r.x[1];
	assert_int_equal(total, comp + 16 + 200 * 16);
	assert_int_equal(r.x[2], 1024);
	fx_read_rx(&f, buf, 1024);
	off = 1024;
	r = fx_call(&f, FFA_MEM_FRAG_RX, (uint32_t)handle, handle >> 32, off,
		    0, 0);
	assert_error(&r, FFA_RET_DENIED, "not released");
	fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	r = fx_call(&f, FFA_MEM_FRAG_RX, (uint32_t)handle, handle >> 32, 512,
		    0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "wrong offset");
	r = fx_call(&f, FFA_MEM_FRAG_RX, (uint32_t)handle ^ 1, handle >> 32,
		    off, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "wrong handle");
	while (off < total) {
		r = fx_call(&f, FFA_MEM_FRAG_RX, (uint32_t)handle,
			    handle >> 32, off, 0, 0);
		assert_int_equal(r.x[0], FFA_MEM_FRAG_TX);
		assert_int_equal(r.x[1] | (r.x[2] << 32), handle);
		assert_int_equal(r.x[3], total - off < 1024 ? total - off :
							    1024);
		assert_int_equal(r.x[4], 0);
		fx_read_rx(&f, buf + off, (size_t)r.x[3]);
		off += (uint32_t)r.x[3];
		fx_call(&f, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	}
	r = fx_call(&f, FFA_MEM_FRAG_RX, (uint32_t)handle, handle >> 32, total,
		    0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "past the end");
	assert_int_equal(get32(buf + comp + 4), 200);
	for (i = 0; i < 200; i++) {
		assert_int_equal(get64(buf + comp + 16 + 16 * i),
				 T_MEM + 0x3000ULL * i);
		assert_int_equal(get32(buf + comp + 24 + 16 * i), 2);
	}
	fx_fini(&f);
}

static void test_partition_share(void **state)
{
	uint8_t data[16] = "hello, secure!!";
	uint8_t back[16];
	struct spmc_txn_info info;
	struct desc_spec d;
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_2);
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_SHARE);
	d.receivers[0].perms = FFA_DATA_RO;
	d.nr_receivers = 2;
	d.receivers[1].id = T_SP2;
	d.receivers[1].perms = FFA_DATA_RW;
	handle = fx_share(&f, FFA_MEM_SHARE, &d);
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP3, handle, 0, 0,
						 0),
			 FFA_RET_INVALID_PARAMETERS);	/* not a receiver */
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP1, handle,
						 FFA_DATA_RW, 0, 0),
			 FFA_RET_DENIED);		/* only RO granted */
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP1, handle, 0,
						 FFA_INSTR_X, 0),
			 FFA_RET_DENIED);		/* share is NX */
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP1, handle, 0, 0,
						 FFA_MTD_TYPE_LEND),
			 FFA_RET_INVALID_PARAMETERS);	/* it is a share */
	assert_int_equal(spmc_partition_read(f.spmc, T_SP1, handle, 0, back,
					     4),
			 FFA_RET_DENIED);		/* not retrieved */
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP1, handle, 0, 0,
						 FFA_MTD_TYPE_SHARE), 0);
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP1, handle, 0, 0,
						 0),
			 FFA_RET_DENIED);		/* twice */
	assert_true(spmc_txn_find(f.spmc, handle, &info));
	assert_true(info.receivers[0].retrieved);
	assert_int_equal(info.receivers[0].retrieved_perms,
			 FFA_PERMS(FFA_DATA_RO, FFA_INSTR_NX));
	assert_false(info.receivers[1].retrieved);
	/* Reads cross from the first page into the second. */
	assert_int_equal(physmem_write(&f.pm, T_MEM + 4090, data, 16), 0);
	assert_int_equal(spmc_partition_read(f.spmc, T_SP1, handle, 4090,
					     back, 16), 0);
	assert_memory_equal(back, data, 16);
	assert_int_equal(spmc_partition_write(f.spmc, T_SP1, handle, 0, data,
					      4),
			 FFA_RET_DENIED);		/* RO */
	assert_int_equal(spmc_partition_read(f.spmc, T_SP1, handle, 8190,
					     back, 4),
			 FFA_RET_INVALID_PARAMETERS);	/* past 2 pages */
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_error(&r, FFA_RET_DENIED,
		     "SP1 still holds the memory: no reclaim yet");
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP2, handle, 0, 0,
						 0), 0);
	assert_int_equal(spmc_partition_write(f.spmc, T_SP2, handle, 100,
					      "XY", 2), 0);
	assert_int_equal(physmem_read(&f.pm, T_MEM + 100, back, 2), 0);
	assert_memory_equal(back, "XY", 2);
	assert_int_equal(spmc_partition_relinquish(f.spmc, T_SP1, handle), 0);
	assert_int_equal(spmc_partition_relinquish(f.spmc, T_SP1, handle),
			 FFA_RET_INVALID_PARAMETERS);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_error(&r, FFA_RET_DENIED, "SP2 still has it");
	assert_int_equal(spmc_partition_relinquish(f.spmc, T_SP2, handle), 0);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_success(&r,
		       "both partitions relinquished: the reclaim succeeds");
	fx_fini(&f);
}

static void count_ranges(void *ctx, uint64_t handle,
			 const struct spmc_range *r)
{
	unsigned int *n = ctx;

	(void)handle;
	(void)r;
	(*n)++;
}

static void test_partition_lend_donate(void **state)
{
	uint8_t page[8];
	struct spmc_txn_info info;
	struct desc_spec d;
	struct smc_regs r;
	uint64_t lend, donate;
	unsigned int held = 0;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	memset(page, 0x77, sizeof(page));
	assert_int_equal(physmem_write(&f.pm, T_MEM, page, 8), 0);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_LEND);
	d.flags = FFA_MTD_FLAG_ZERO_MEMORY;
	lend = fx_share(&f, FFA_MEM_LEND, &d);
	assert_int_equal(physmem_read(&f.pm, T_MEM, page, 8), 0);
	assert_int_equal(page[0], 0x77);	/* not before the retrieve */
	/* A sole borrower of lent memory may ask for execute. */
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP1, lend,
						 FFA_DATA_RW, FFA_INSTR_X,
						 FFA_MTD_TYPE_LEND), 0);
	assert_int_equal(physmem_read(&f.pm, T_MEM, page, 8), 0);
	assert_int_equal(page[0], 0);
	assert_int_equal(spmc_partition_relinquish(f.spmc, T_SP1, lend), 0);

	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_DONATE);
	d.ranges[0].address = T_MEM + 0x10000;
	donate = fx_share(&f, FFA_MEM_DONATE, &d);
	assert_int_equal(spmc_partition_retrieve(f.spmc, T_SP1, donate, 0,
						 FFA_INSTR_X, 0), 0);
	assert_true(spmc_txn_find(f.spmc, donate, &info));
	assert_true(info.donated);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)donate, donate >> 32, 0, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "not ours now");
	assert_int_equal(spmc_partition_relinquish(f.spmc, T_SP1, donate),
			 FFA_RET_INVALID_PARAMETERS);
	/* The donee can still write it; the pages count as held. */
	assert_int_equal(spmc_partition_write(f.spmc, T_SP1, donate, 0, "Z",
					      1), 0);
	spmc_for_each_held_range(f.spmc, count_ranges, &held);
	assert_int_equal(held, 2);		/* lend + donate */
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hyp_retrieve_layouts),
		cmocka_unit_test(test_hyp_retrieve_errors),
		cmocka_unit_test(test_frag_rx),
		cmocka_unit_test(test_partition_share),
		cmocka_unit_test(test_partition_lend_donate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
