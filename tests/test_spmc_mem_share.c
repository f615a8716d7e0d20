// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mock SPMC: FFA_MEM_SHARE/LEND/DONATE descriptor validation in the three
 * layouts, fragmentation with FFA_MEM_FRAG_TX, and FFA_MEM_RECLAIM.
 */
#include <string.h>

#include "tests/spmc_test_util.h"

static void check_txn(struct fx *f, uint64_t handle, enum spmc_mem_op op,
		      uint32_t version)
{
	struct spmc_txn_info info;

	assert_true(spmc_txn_find(f->spmc, handle, &info));
	assert_int_equal(info.handle, handle);
	assert_int_equal(info.op, op);
	assert_true(info.complete);
	assert_int_equal(info.version, version);
	assert_int_equal(info.nr_receivers, 1);
	assert_int_equal(info.receivers[0].id, T_SP1);
	assert_false(info.receivers[0].retrieved);
	assert_int_equal(info.nr_ranges, 1);
	assert_int_equal(info.ranges[0].pa, T_MEM);
	assert_int_equal(info.ranges[0].pages, 2);
}

static void share_in(uint32_t version, uint32_t fid, enum spmc_mem_op op)
{
	struct desc_spec d;
	uint64_t handle;
	struct fx f;

	fx_ready(&f, version);
	t_desc_default(&d, version, fid);
	handle = fx_share(&f, fid, &d);
	assert_false(handle & FFA_HANDLE_HYP_ALLOCATED);
	assert_true((uint32_t)handle != 0 && (handle >> 32) != 0);
	check_txn(&f, handle, op, version);
	assert_int_equal(spmc_txn_count(f.spmc), 1);
	fx_fini(&f);
}

static void test_send_each_layout(void **state)
{
	static const uint32_t versions[] = {
		FFA_VERSION_1_0, FFA_VERSION_1_1, FFA_VERSION_1_2
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		share_in(versions[i], FFA_MEM_SHARE, SPMC_MEM_SHARE);
		share_in(versions[i], FFA_FN64_MEM_SHARE, SPMC_MEM_SHARE);
		share_in(versions[i], FFA_FN64_MEM_LEND, SPMC_MEM_LEND);
		share_in(versions[i], FFA_MEM_DONATE, SPMC_MEM_DONATE);
	}
}

static void test_distinct_handles(void **state)
{
	struct desc_spec d;
	uint64_t h1, h2;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	h1 = fx_share(&f, FFA_MEM_SHARE, &d);
	d.ranges[0].address = T_MEM + 0x10000;
	h2 = fx_share(&f, FFA_MEM_SHARE, &d);
	assert_true((uint32_t)h1 != (uint32_t)h2);
	assert_true((h1 >> 32) != (h2 >> 32));
	assert_int_equal(spmc_txn_count(f.spmc), 2);
	fx_fini(&f);
}

enum mutation {
	M_SENDER, M_NO_RECV, M_UNKNOWN_RECV, M_DUP_RECV, M_INSTR_X,
	M_SHARE_NO_DATA, M_DATA_RESERVED, M_SHARE_ZERO_FLAG, M_FLAG_MBZ,
	M_SHARE_NON_CACHEABLE, M_SHARE_OUTER, M_SHARE_NO_TYPE, M_NS_BIT,
	M_HANDLE, M_EMAD_SIZE_24, M_EMAD_SIZE_32_IN_1_1, M_EMAD_OFFSET_SMALL,
	M_EMAD_OFFSET_UNALIGNED, M_COMP_UNALIGNED, M_COMP_INSIDE_EMADS,
	M_TOTAL_PAGES, M_ADDR_UNALIGNED, M_ZERO_PAGES, M_MMIO, M_OVERLAP,
	M_EMAD_FLAGS_MBZ,
};

struct bad_case {
	enum mutation m;
	int32_t err;
};

/* Mutations that force one field to a raw value, layout unchanged. */
static const struct {
	enum mutation m;
	enum desc_field field;
	uint32_t value;
} forced[] = {
	{ M_EMAD_SIZE_24, DESC_F_EMAD_SIZE, 24 },
	{ M_EMAD_SIZE_32_IN_1_1, DESC_F_EMAD_SIZE, 32 },
	{ M_EMAD_OFFSET_SMALL, DESC_F_EMAD_OFFSET, 32 },
	{ M_EMAD_OFFSET_UNALIGNED, DESC_F_EMAD_OFFSET, 56 },
	{ M_COMP_UNALIGNED, DESC_F_COMP_OFFSET, 72 },
	{ M_COMP_INSIDE_EMADS, DESC_F_COMP_OFFSET, 48 },
	{ M_TOTAL_PAGES, DESC_F_TOTAL_PAGES, 2 + 1 },	/* default has 2 */
};

static void mutate(struct desc_spec *d, enum mutation m)
{
	unsigned int i;

	for (i = 0; i < sizeof(forced) / sizeof(forced[0]); i++)
		if (forced[i].m == m)
			desc_set_override(d, forced[i].field, forced[i].value);
	switch (m) {
	case M_SENDER: d->sender = 1; break;
	case M_NO_RECV: d->nr_receivers = 0; break;
	case M_UNKNOWN_RECV: d->receivers[0].id = 0x8009; break;
	case M_DUP_RECV:
		d->nr_receivers = 2;
		d->receivers[1].id = T_SP1;
		d->receivers[1].perms = d->receivers[0].perms;
		break;
	case M_INSTR_X: d->receivers[0].perms |= FFA_INSTR_X << 2; break;
	case M_SHARE_NO_DATA: d->receivers[0].perms = 0; break;
	case M_DATA_RESERVED: d->receivers[0].perms = FFA_DATA_RESERVED; break;
	case M_SHARE_ZERO_FLAG: d->flags = FFA_MTD_FLAG_ZERO_MEMORY; break;
	case M_FLAG_MBZ: d->flags = 1U << 5; break;
	case M_SHARE_NON_CACHEABLE:
		d->attrs = FFA_ATTRS(FFA_MEM_TYPE_NORMAL,
				     FFA_MEM_CACHE_NON_CACHEABLE,
				     FFA_MEM_INNER_SHAREABLE);
		break;
	case M_SHARE_OUTER:
		d->attrs = FFA_ATTRS(FFA_MEM_TYPE_NORMAL,
				     FFA_MEM_CACHE_WRITE_BACK,
				     FFA_MEM_OUTER_SHAREABLE);
		break;
	case M_SHARE_NO_TYPE: d->attrs = 0; break;
	case M_NS_BIT: d->attrs |= FFA_ATTR_NS; break;
	case M_HANDLE: d->handle = 0x1234; break;
	case M_ADDR_UNALIGNED: d->ranges[0].address += 0x800; break;
	case M_ZERO_PAGES: d->ranges[0].pages = 0; break;
	case M_MMIO: d->ranges[0].address = T_MMIO; break;
	case M_OVERLAP:
		d->nr_ranges = 2;
		d->ranges[1].address = T_MEM + 0x1000;
		d->ranges[1].pages = 1;
		break;
	case M_EMAD_FLAGS_MBZ: d->receivers[0].flags = 0x2; break;
	default: break;		/* a forced field */
	}
}

static const struct bad_case share_cases[] = {
	{ M_SENDER, FFA_RET_DENIED },
	{ M_NO_RECV, FFA_RET_INVALID_PARAMETERS },
	{ M_UNKNOWN_RECV, FFA_RET_INVALID_PARAMETERS },
	{ M_DUP_RECV, FFA_RET_INVALID_PARAMETERS },
	{ M_INSTR_X, FFA_RET_INVALID_PARAMETERS },
	{ M_SHARE_NO_DATA, FFA_RET_INVALID_PARAMETERS },
	{ M_DATA_RESERVED, FFA_RET_INVALID_PARAMETERS },
	{ M_SHARE_ZERO_FLAG, FFA_RET_INVALID_PARAMETERS },
	{ M_FLAG_MBZ, FFA_RET_INVALID_PARAMETERS },
	{ M_SHARE_NON_CACHEABLE, FFA_RET_DENIED },
	{ M_SHARE_OUTER, FFA_RET_DENIED },
	{ M_SHARE_NO_TYPE, FFA_RET_INVALID_PARAMETERS },
	{ M_NS_BIT, FFA_RET_INVALID_PARAMETERS },
	{ M_HANDLE, FFA_RET_INVALID_PARAMETERS },
	{ M_EMAD_SIZE_24, FFA_RET_INVALID_PARAMETERS },
	{ M_EMAD_SIZE_32_IN_1_1, FFA_RET_INVALID_PARAMETERS },
	{ M_EMAD_OFFSET_SMALL, FFA_RET_INVALID_PARAMETERS },
	{ M_EMAD_OFFSET_UNALIGNED, FFA_RET_INVALID_PARAMETERS },
	{ M_COMP_UNALIGNED, FFA_RET_INVALID_PARAMETERS },
	{ M_COMP_INSIDE_EMADS, FFA_RET_INVALID_PARAMETERS },
	{ M_TOTAL_PAGES, FFA_RET_INVALID_PARAMETERS },
	{ M_ADDR_UNALIGNED, FFA_RET_INVALID_PARAMETERS },
	{ M_ZERO_PAGES, FFA_RET_INVALID_PARAMETERS },
	{ M_MMIO, FFA_RET_DENIED },
	{ M_OVERLAP, FFA_RET_INVALID_PARAMETERS },
	{ M_EMAD_FLAGS_MBZ, FFA_RET_INVALID_PARAMETERS },
};

static void expect_rejected(struct fx *f, uint32_t fid, struct desc_spec *d,
			    int32_t err, unsigned int idx)
{
	unsigned int before = spmc_txn_count(f->spmc);
	uint8_t buf[8192];
	size_t total;
	struct smc_regs r = fx_send(f, fid, d, buf, sizeof(buf), &total, 0);

	if (r.x[0] != FFA_ERROR || r.x[2] != (uint32_t)err)
		fail_msg("case %u: got 0x%llx/%d, want error %d", idx,
			 (unsigned long long)r.x[0], (int32_t)r.x[2], err);
	assert_error(&r, err);
	assert_int_equal(spmc_txn_count(f->spmc), before);
}

static void test_share_validation(void **state)
{
	struct desc_spec d;
	unsigned int i;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	for (i = 0; i < sizeof(share_cases) / sizeof(share_cases[0]); i++) {
		t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
		mutate(&d, share_cases[i].m);
		expect_rejected(&f, FFA_FN64_MEM_SHARE, &d, share_cases[i].err,
				i);
	}
	/* The unmutated descriptor passes: the cases test what they say. */
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	fx_share(&f, FFA_FN64_MEM_SHARE, &d);
	fx_fini(&f);
}

static void test_lend_donate_rules(void **state)
{
	struct desc_spec d;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_2);
	/* Lend to one borrower: attributes are the borrower's to choose. */
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_LEND);
	d.attrs = FFA_ATTRS_NORMAL_WB_IS;
	expect_rejected(&f, FFA_MEM_LEND, &d, FFA_RET_INVALID_PARAMETERS, 0);
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_LEND);
	d.receivers[0].perms = 0;
	expect_rejected(&f, FFA_MEM_LEND, &d, FFA_RET_INVALID_PARAMETERS, 1);
	/* Donate: no data access from the sender, exactly one borrower. */
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_DONATE);
	d.receivers[0].perms = FFA_DATA_RW;
	expect_rejected(&f, FFA_MEM_DONATE, &d, FFA_RET_INVALID_PARAMETERS, 2);
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_DONATE);
	d.nr_receivers = 2;
	d.receivers[1].id = T_SP2;
	expect_rejected(&f, FFA_MEM_DONATE, &d, FFA_RET_INVALID_PARAMETERS, 3);
	/* Lend with zeroing is fine, as is lend to two borrowers. */
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_LEND);
	d.flags = FFA_MTD_FLAG_ZERO_MEMORY;
	d.nr_receivers = 2;
	d.receivers[1].id = T_SP2;
	d.receivers[1].perms = FFA_DATA_RO;
	fx_share(&f, FFA_MEM_LEND, &d);
	fx_fini(&f);
}

/*
 * The 1.1 default with 16 bytes of padding between the header and the
 * endpoint array.  desc_build never moves anything, so the gap is opened
 * here and the header and the EMAD are told where things went.
 */
static size_t build_with_gap(struct desc_spec *d, uint8_t *buf, size_t cap)
{
	size_t len;

	desc_set_override(d, DESC_F_EMAD_OFFSET, 64);
	desc_set_override(d, DESC_F_COMP_OFFSET, 64 + 16);
	len = desc_build(d, buf, cap - 16);
	assert_int_not_equal(len, 0);
	memmove(buf + 64, buf + 48, len - 48);
	memset(buf + 48, 0, 16);
	return len + 16;
}

static void test_layout_variants(void **state)
{
	struct spmc_txn_info info;
	struct desc_spec d;
	struct smc_regs r;
	uint8_t buf[256];
	uint64_t handle;
	size_t total;
	struct fx f;

	(void)state;
	/* 1.1: the endpoint array may sit later than the header says. */
	fx_ready(&f, FFA_VERSION_1_1);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	total = build_with_gap(&d, buf, sizeof(buf));
	handle = fx_share_buf(&f, FFA_MEM_SHARE, buf, total);
	assert_true(spmc_txn_find(f.spmc, handle, &info));
	assert_int_equal(info.ranges[0].pa, T_MEM);
	d.ranges[0].address = T_MEM + 0x10000;
	total = build_with_gap(&d, buf, sizeof(buf));
	buf[40] = 1;		/* reserved header bytes are MBZ */
	fx_write_tx(&f, buf, total);
	r = fx_call(&f, FFA_MEM_SHARE, total, total, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);
	fx_fini(&f);
	/* 1.2 accepts the 1.1 EMAD size too: the 1.1 layout, byte for byte. */
	fx_ready(&f, FFA_VERSION_1_2);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	fx_share(&f, FFA_MEM_SHARE, &d);
	fx_fini(&f);
	/* 1.0: a 1.1 header is read as 1.0, so its EMAD size is MBZ. */
	fx_ready(&f, FFA_VERSION_1_0);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	expect_rejected(&f, FFA_MEM_SHARE, &d, FFA_RET_INVALID_PARAMETERS, 0);
	fx_fini(&f);
}

static void test_send_regs(void **state)
{
	uint8_t buf[256];
	struct desc_spec d;
	struct smc_regs r;
	size_t total;
	struct fx f;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	fx_start(&f);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	total = desc_build(&d, buf, sizeof(buf));
	r = fx_call(&f, FFA_MEM_SHARE, total, total, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* no TX mapped */
	fx_map(&f, 1);
	fx_write_tx(&f, buf, total);
	r = fx_call(&f, FFA_FN64_MEM_SHARE, total, total, T_MEM, 1, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* x3/w4 MBZ */
	r = fx_call(&f, FFA_MEM_SHARE, total, total + 16, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* frag > total */
	r = fx_call(&f, FFA_MEM_SHARE, total, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);
	r = fx_call(&f, FFA_MEM_SHARE, 8192, 8192, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* larger than TX */
	r = fx_call(&f, FFA_MEM_SHARE, total, total, 0, 0, 0);
	assert_success(&r);
	fx_fini(&f);
}

static void test_overlap_other_txn(void **state)
{
	struct desc_spec d;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	fx_share(&f, FFA_MEM_SHARE, &d);
	d.ranges[0].address = T_MEM + 0x1000;
	expect_rejected(&f, FFA_MEM_SHARE, &d, FFA_RET_DENIED, 0);
	/* Adjacent, not overlapping. */
	d.ranges[0].address = T_MEM + 0x2000;
	fx_share(&f, FFA_MEM_SHARE, &d);
	fx_fini(&f);
}

/* A descriptor of nr ranges, one page each, 2 pages apart. */
static void many_ranges(struct desc_spec *d, uint32_t version,
			unsigned int nr)
{
	unsigned int i;

	t_desc_default(d, version, FFA_MEM_SHARE);
	d->nr_ranges = nr;
	for (i = 0; i < nr; i++) {
		d->ranges[i].address = T_MEM + 0x2000ULL * i;
		d->ranges[i].pages = 1;
	}
}

struct held {
	unsigned int ranges;
	uint64_t pages;
};

static void count_held(void *ctx, uint64_t handle, const struct spmc_range *r)
{
	struct held *h = ctx;

	(void)handle;
	h->ranges++;
	h->pages += r->pages;
}

static void test_frag_tx(void **state)
{
	static uint8_t buf[8192];
	struct spmc_txn_info info;
	struct held held = { 0 };
	struct desc_spec d;
	struct smc_regs r;
	uint64_t handle;
	size_t total;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_2);
	many_ranges(&d, FFA_VERSION_1_2, 300);
	r = fx_send(&f, FFA_FN64_MEM_SHARE, &d, buf, sizeof(buf), &total, 4096);
	assert_true(total > 4096);
	assert_int_equal(r.x[0], FFA_MEM_FRAG_RX);
	handle = r.x[1] | (r.x[2] << 32);
	assert_int_equal(r.x[3], 4096);
	assert_int_equal(r.x[4], 0);
	assert_true(spmc_txn_find(f.spmc, handle, &info));
	assert_false(info.complete);
	assert_int_equal(info.received_len, 4096);
	/* 48 + 32 + 16 bytes before the constituents: 250 whole ones. */
	spmc_for_each_held_range(f.spmc, count_held, &held);
	assert_int_equal(held.ranges, (4096 - 96) / 16);
	/* Reclaim of a half-sent transaction is refused. */
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);
	/* Wrong sender in w4, then an unknown handle: nothing changes. */
	fx_write_tx(&f, buf + 4096, total - 4096);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32,
		    total - 4096, 1 << 16, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle + 1, handle >> 32,
		    total - 4096, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);
	assert_true(spmc_txn_find(f.spmc, handle, &info));
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32,
		    total - 4096, 0, 0);
	assert_success(&r);
	assert_int_equal(r.x[2] | (r.x[3] << 32), handle);
	assert_true(spmc_txn_find(f.spmc, handle, &info));
	assert_true(info.complete);
	assert_int_equal(info.nr_ranges, 300);
	assert_int_equal(info.ranges[299].pa, T_MEM + 0x2000ULL * 299);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32, 16, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* already complete */
	fx_fini(&f);
}

static void test_frag_tx_bad_length_aborts(void **state)
{
	static uint8_t buf[8192];
	struct desc_spec d;
	struct smc_regs r;
	uint64_t handle;
	size_t total;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_0);
	many_ranges(&d, FFA_VERSION_1_0, 300);
	r = fx_send(&f, FFA_MEM_SHARE, &d, buf, sizeof(buf), &total, 1024);
	assert_int_equal(r.x[0], FFA_MEM_FRAG_RX);
	assert_int_equal(r.x[3], 1024);
	handle = r.x[1] | (r.x[2] << 32);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32,
		    total, 0, 0);	/* more than what remains */
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(spmc_txn_count(f.spmc), 0);
	fx_fini(&f);
}

static void test_frag_validation_at_end(void **state)
{
	static uint8_t buf[8192];
	struct desc_spec d;
	struct smc_regs r;
	uint64_t handle;
	size_t total;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	many_ranges(&d, FFA_VERSION_1_1, 300);
	/* A bad constituent in the second fragment. */
	d.ranges[299].address = T_MMIO;
	r = fx_send(&f, FFA_MEM_SHARE, &d, buf, sizeof(buf), &total, 4096);
	assert_int_equal(r.x[0], FFA_MEM_FRAG_RX);
	handle = r.x[1] | (r.x[2] << 32);
	fx_write_tx(&f, buf + 4096, total - 4096);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32,
		    total - 4096, 0, 0);
	assert_error(&r, FFA_RET_DENIED);
	assert_int_equal(spmc_txn_count(f.spmc), 0);	/* aborted */
	fx_fini(&f);
}

static void test_reclaim(void **state)
{
	uint8_t page[64];
	struct desc_spec d;
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	handle = fx_share(&f, FFA_MEM_SHARE, &d);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle + 7, handle >> 32, 0,
		    0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 4, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* MBZ flag */
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32,
		    FFA_RECLAIM_ZERO_MEMORY, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* zero after share */
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_success(&r);
	assert_int_equal(spmc_txn_count(f.spmc), 0);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS);	/* gone */
	/* Lend, reclaim with zeroing: the pages are cleared. */
	memset(page, 0x5a, sizeof(page));
	assert_int_equal(physmem_write(&f.pm, T_MEM + 0x1000, page, 64), 0);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_LEND);
	handle = fx_share(&f, FFA_MEM_LEND, &d);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32,
		    FFA_RECLAIM_ZERO_MEMORY, 0, 0);
	assert_success(&r);
	assert_int_equal(physmem_read(&f.pm, T_MEM + 0x1000, page, 64), 0);
	assert_int_equal(page[0], 0);
	assert_int_equal(page[63], 0);
	assert_int_equal(spmc_txn_count(f.spmc), 0);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_send_each_layout),
		cmocka_unit_test(test_distinct_handles),
		cmocka_unit_test(test_share_validation),
		cmocka_unit_test(test_lend_donate_rules),
		cmocka_unit_test(test_layout_variants),
		cmocka_unit_test(test_send_regs),
		cmocka_unit_test(test_overlap_other_txn),
		cmocka_unit_test(test_frag_tx),
		cmocka_unit_test(test_frag_tx_bad_length_aborts),
		cmocka_unit_test(test_frag_validation_at_end),
		cmocka_unit_test(test_reclaim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
