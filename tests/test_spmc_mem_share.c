// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mock SPMC: FFA_MEM_SHARE/LEND/DONATE descriptor validation in the three
 * layouts, fragmentation with FFA_MEM_FRAG_TX, and FFA_MEM_RECLAIM.
 */
#include <string.h>

#include "tests/check_util.h"
#include "tests/spmc_test_util.h"


/* The SPMC holds t_desc_default()'s transaction, whole, as @op. */
static void check_txn_at(struct fx *f, uint64_t handle, enum spmc_mem_op op,
			 uint32_t version, const char *file, int line)
{
	struct spmc_txn_info info;

	check_true(spmc_txn_find(f->spmc, handle, &info),
		   "the SPMC knows the handle it answered");
	check_int(info.handle, handle, "the transaction is the one asked for");
	check_int(info.op, op, "the transaction is of the call made");
	check_true(info.complete, "the whole descriptor was sent at once");
	check_int(info.version, version,
		  "the descriptor is read in the caller's layout");
	check_int(info.nr_receivers, 1, "the descriptor names one receiver");
	check_int(info.receivers[0].id, T_SP1, "the receiver is SP1");
	check_true(!info.receivers[0].retrieved,
		   "no partition has retrieved it yet");
	check_int(info.nr_ranges, 1, "the descriptor has one range");
	check_int(info.ranges[0].pa, T_MEM, "the range starts at T_MEM");
	check_int(info.ranges[0].pages, 2, "the range is of 2 pages");
}

/* A share by @fid at @version, held as @op, at the caller's line. */
#define share_in(version, fid, op) \
	share_in_at((version), (fid), (op), __FILE__, __LINE__)

static void share_in_at(uint32_t version, uint32_t fid, enum spmc_mem_op op,
			const char *file, int line)
{
	struct desc_spec d;
	uint64_t handle;
	struct fx f;

	fx_ready_at(&f, version, file, line);
	t_desc_default(&d, version, fid);
	handle = fx_share_at(&f, fid, &d, file, line);
	check_true(!(handle & FFA_HANDLE_HYP_ALLOCATED),
		   "the SPMC allocates its handles, not the hypervisor");
	check_true((uint32_t)handle != 0 && (handle >> 32) != 0,
		   "the mock's handles use both halves, as a test of w2/w3");
	check_txn_at(&f, handle, op, version, file, line);
	check_int(spmc_txn_count(f.spmc), 1, "one share, one transaction");
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
	h1 = fx_ready_shared(&f, FFA_VERSION_1_1, &d);
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
	const char *why;	/* the rule the mutation breaks */
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
	{ M_SENDER, FFA_RET_DENIED, "the sender must be the caller" },
	{ M_NO_RECV, FFA_RET_INVALID_PARAMETERS, "a share needs a receiver" },
	{ M_UNKNOWN_RECV, FFA_RET_INVALID_PARAMETERS,
	  "the receiver must be a partition" },
	{ M_DUP_RECV, FFA_RET_INVALID_PARAMETERS,
	  "a receiver may be named once" },
	{ M_INSTR_X, FFA_RET_INVALID_PARAMETERS,
	  "the sender may not ask for execute access" },
	{ M_SHARE_NO_DATA, FFA_RET_INVALID_PARAMETERS,
	  "a share must say the data access" },
	{ M_DATA_RESERVED, FFA_RET_INVALID_PARAMETERS,
	  "the reserved data access value" },
	{ M_SHARE_ZERO_FLAG, FFA_RET_INVALID_PARAMETERS,
	  "shared memory is not zeroed" },
	{ M_FLAG_MBZ, FFA_RET_INVALID_PARAMETERS, "flag bits that are MBZ" },
	{ M_SHARE_NON_CACHEABLE, FFA_RET_DENIED,
	  "shared memory must be cacheable" },
	{ M_SHARE_OUTER, FFA_RET_DENIED,
	  "shared memory must be inner shareable" },
	{ M_SHARE_NO_TYPE, FFA_RET_INVALID_PARAMETERS,
	  "a share must say the memory type" },
	{ M_NS_BIT, FFA_RET_INVALID_PARAMETERS,
	  "the NS bit is MBZ from a sender" },
	{ M_HANDLE, FFA_RET_INVALID_PARAMETERS,
	  "the sender gives no handle" },
	{ M_EMAD_SIZE_24, FFA_RET_INVALID_PARAMETERS,
	  "an EMAD is 16 bytes in 1.1" },
	{ M_EMAD_SIZE_32_IN_1_1, FFA_RET_INVALID_PARAMETERS,
	  "32-byte EMADs are 1.2" },
	{ M_EMAD_OFFSET_SMALL, FFA_RET_INVALID_PARAMETERS,
	  "the EMADs may not overlap the header" },
	{ M_EMAD_OFFSET_UNALIGNED, FFA_RET_INVALID_PARAMETERS,
	  "the EMADs are 16-byte aligned" },
	{ M_COMP_UNALIGNED, FFA_RET_INVALID_PARAMETERS,
	  "the composite is 16-byte aligned" },
	{ M_COMP_INSIDE_EMADS, FFA_RET_INVALID_PARAMETERS,
	  "the composite may not overlap the EMADs" },
	{ M_TOTAL_PAGES, FFA_RET_INVALID_PARAMETERS,
	  "the total page count must be the ranges' sum" },
	{ M_ADDR_UNALIGNED, FFA_RET_INVALID_PARAMETERS,
	  "a range starts on a 4K page" },
	{ M_ZERO_PAGES, FFA_RET_INVALID_PARAMETERS,
	  "a range has at least one page" },
	{ M_MMIO, FFA_RET_DENIED, "only DRAM may be shared" },
	{ M_OVERLAP, FFA_RET_INVALID_PARAMETERS,
	  "ranges may not overlap" },
	{ M_EMAD_FLAGS_MBZ, FFA_RET_INVALID_PARAMETERS,
	  "EMAD flag bits that are MBZ" },
};

/*
 * @d is refused with @err and leaves no transaction behind; @why, a string
 * literal, is the rule it breaks.  A failure is reported at the caller's
 * line.
 */
#define expect_rejected(f, fid, d, err, why) \
	expect_rejected_at((f), (fid), (d), (err), "" why, __FILE__, __LINE__)

static void expect_rejected_at(struct fx *f, uint32_t fid,
			       struct desc_spec *d, int32_t err,
			       const char *why, const char *file, int line)
{
	unsigned int before = spmc_txn_count(f->spmc);
	uint8_t buf[8192];
	size_t total;
	struct smc_regs r = fx_send(f, fid, d, buf, sizeof(buf), &total, 0);

	check_ffa_error(&r, err, why, file, line);
	check_int(spmc_txn_count(f->spmc), before,
		  "a refused share leaves no transaction");
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
		expect_rejected_at(&f, FFA_FN64_MEM_SHARE, &d,
				   share_cases[i].err, share_cases[i].why,
				   __FILE__, __LINE__);

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
	expect_rejected(&f, FFA_MEM_LEND, &d, FFA_RET_INVALID_PARAMETERS,
			"a lender sets no attributes for one borrower");
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_LEND);
	d.receivers[0].perms = 0;
	expect_rejected(&f, FFA_MEM_LEND, &d, FFA_RET_INVALID_PARAMETERS,
			"a lend must say the data access");
	/* Donate: no data access from the sender, exactly one borrower. */
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_DONATE);
	d.receivers[0].perms = FFA_DATA_RW;
	expect_rejected(&f, FFA_MEM_DONATE, &d, FFA_RET_INVALID_PARAMETERS,
			"a donor says no data access");
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_DONATE);
	d.nr_receivers = 2;
	d.receivers[1].id = T_SP2;
	expect_rejected(&f, FFA_MEM_DONATE, &d, FFA_RET_INVALID_PARAMETERS,
			"a donation has exactly one borrower");
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
#define build_with_gap(d, buf, cap) \
	build_with_gap_at((d), (buf), (cap), __FILE__, __LINE__)

static size_t build_with_gap_at(struct desc_spec *d, uint8_t *buf,
				size_t cap, const char *file, int line)
{
	size_t len;

	desc_set_override(d, DESC_F_EMAD_OFFSET, 64);
	desc_set_override(d, DESC_F_COMP_OFFSET, 64 + 16);
	len = desc_build(d, buf, cap - 16);
	check_true(len != 0, "the descriptor and its gap fit the buffer");
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
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "reserved header bytes are MBZ");
	fx_fini(&f);
	/* 1.2 accepts the 1.1 EMAD size too: the 1.1 layout, byte for byte. */
	fx_ready(&f, FFA_VERSION_1_2);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	fx_share(&f, FFA_MEM_SHARE, &d);
	fx_fini(&f);
	/* 1.0: a 1.1 header is read as 1.0, so its EMAD size is MBZ. */
	fx_ready(&f, FFA_VERSION_1_0);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	expect_rejected(&f, FFA_MEM_SHARE, &d, FFA_RET_INVALID_PARAMETERS,
			"a 1.0 reader finds the 1.1 EMAD size where 1.0 has MBZ");
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
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "no TX mapped");
	fx_map(&f, 1);
	fx_write_tx(&f, buf, total);
	r = fx_call(&f, FFA_FN64_MEM_SHARE, total, total, T_MEM, 1, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "x3/w4 MBZ");
	r = fx_call(&f, FFA_MEM_SHARE, total, total + 16, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "frag > total");
	r = fx_call(&f, FFA_MEM_SHARE, total, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "an empty fragment");
	r = fx_call(&f, FFA_MEM_SHARE, 8192, 8192, 0, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "larger than TX");
	r = fx_call(&f, FFA_MEM_SHARE, total, total, 0, 0, 0);
	assert_success(&r, "the unchanged descriptor, whole, is accepted");
	fx_fini(&f);
}

static void test_overlap_other_txn(void **state)
{
	struct desc_spec d;
	struct fx f;

	(void)state;
	fx_ready_shared(&f, FFA_VERSION_1_1, &d);
	d.ranges[0].address = T_MEM + 0x1000;
	expect_rejected(&f, FFA_MEM_SHARE, &d, FFA_RET_DENIED,
			"a page may be in one transaction at a time");
	/* Adjacent, not overlapping. */
	d.ranges[0].address = T_MEM + 0x2000;
	fx_share(&f, FFA_MEM_SHARE, &d);
	fx_fini(&f);
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
	static struct frag_share s;
	struct spmc_txn_info info;
	struct held held = { 0 };
	uint64_t gen;
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	fx_ready_many_ranges(&f, FFA_VERSION_1_2, &s);
	r = fx_send_first_frag(&f, FFA_FN64_MEM_SHARE, &s, 4096);
	handle = s.handle;
	assert_true(s.total > 4096);
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
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "a half-sent transaction cannot be reclaimed");
	/* Wrong sender in w4, then an unknown handle: nothing changes. */
	fx_write_tx(&f, s.buf + 4096, s.total - 4096);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32,
		    s.total - 4096, 1 << 16, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "w4 must name the sender, the host (0)");
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle + 1, handle >> 32,
		    s.total - 4096, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "an unknown handle has no fragments to take");
	assert_true(spmc_txn_find(f.spmc, handle, &info));
	gen = spmc_held_generation(f.spmc);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32,
		    s.total - 4096, 0, 0);
	assert_success(&r,
		       "the right handle and sender: the last fragment lands");
	if (spmc_held_generation(f.spmc) == gen)
		fail_msg("held generation still %llu after the last fragment added 50 ranges: the runner would not see them held",
			 (unsigned long long)gen);
	assert_int_equal(r.x[2] | (r.x[3] << 32), handle);
	assert_true(spmc_txn_find(f.spmc, handle, &info));
	assert_true(info.complete);
	assert_int_equal(info.nr_ranges, 300);
	assert_int_equal(info.ranges[299].pa, T_MEM + 0x2000ULL * 299);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)handle, handle >> 32, 16, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "already complete");
	fx_fini(&f);
}

static void test_frag_tx_bad_length_aborts(void **state)
{
	static struct frag_share s;
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_ready_many_ranges(&f, FFA_VERSION_1_0, &s);
	r = fx_send_first_frag(&f, FFA_MEM_SHARE, &s, 1024);
	assert_int_equal(r.x[3], 1024);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)s.handle, s.handle >> 32,
		    s.total, 0, 0);	/* more than what remains */
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "a fragment longer than what remains is refused");
	assert_int_equal(spmc_txn_count(f.spmc), 0);
	fx_fini(&f);
}

static void test_frag_validation_at_end(void **state)
{
	static struct frag_share s;
	struct smc_regs r;
	struct fx f;

	(void)state;
	fx_ready_many_ranges(&f, FFA_VERSION_1_1, &s);
	/* A bad constituent in the second fragment. */
	s.d.ranges[299].address = T_MMIO;
	fx_send_first_frag(&f, FFA_MEM_SHARE, &s, 4096);
	fx_write_tx(&f, s.buf + 4096, s.total - 4096);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)s.handle, s.handle >> 32,
		    s.total - 4096, 0, 0);
	assert_error(&r, FFA_RET_DENIED,
		     "an MMIO range in a later fragment aborts the share");
	assert_int_equal(spmc_txn_count(f.spmc), 0);	/* aborted */
	fx_fini(&f);
}

static void test_reclaim(void **state)
{
	uint64_t gen;
	uint8_t page[64];
	struct desc_spec d;
	struct smc_regs r;
	uint64_t handle;
	struct fx f;

	(void)state;
	handle = fx_ready_shared(&f, FFA_VERSION_1_1, &d);
	gen = spmc_held_generation(f.spmc);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle + 7, handle >> 32, 0,
		    0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "an unknown handle cannot be reclaimed");
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 4, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "MBZ flag");
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32,
		    FFA_RECLAIM_ZERO_MEMORY, 0, 0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "zero after share");
	/* The runner's invariants walk the held ranges only when it moves. */
	if (spmc_held_generation(f.spmc) != gen)
		fail_msg("held generation moved from %llu to %llu on refused reclaims: nothing was released",
			 (unsigned long long)gen,
			 (unsigned long long)spmc_held_generation(f.spmc));
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_success(&r, "the sender reclaims its shared memory");
	assert_int_equal(spmc_txn_count(f.spmc), 0);
	if (spmc_held_generation(f.spmc) == gen)
		fail_msg("held generation still %llu after a reclaim: the runner would miss the pages coming back",
			 (unsigned long long)gen);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0,
		    0);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "gone");
	/* Lend, reclaim with zeroing: the pages are cleared. */
	memset(page, 0x5a, sizeof(page));
	assert_int_equal(physmem_write(&f.pm, T_MEM + 0x1000, page, 64), 0);
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_LEND);
	handle = fx_share(&f, FFA_MEM_LEND, &d);
	r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32,
		    FFA_RECLAIM_ZERO_MEMORY, 0, 0);
	assert_success(&r, "lent memory may be zeroed on reclaim");
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
