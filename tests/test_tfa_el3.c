// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fake TF-A layer of spmc_tfa/: TF-A's EL3 SPMC compiled unmodified,
 * driven through its conduit.  Checks that the context carries the return
 * registers (and keeps the ones TF-A does not write), that RX/TX mapping
 * lands on simulated DRAM, and that the datastore reads back what TF-A
 * stored.  FF-A values are written out here from the specification, not
 * taken from TF-A or the mock.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hw/physmem.h"
#include "sim/lang/desc.h"
#include "spmc_tfa/tfa.h"
#include "tests/check_util.h"

#define DRAM		0x40000000ULL
#define DRAM_SIZE	(16ULL << 20)
#define TX		(DRAM + 0x10000)
#define RX		(DRAM + 0x20000)
#define MEM		(DRAM + 0x100000)
#define SP1		0x8001
#define SP2		0x8002	/* the S-EL1 partition */

#define FFA_ERROR		0x84000060
#define FFA_SUCCESS		0x84000061
#define FFA_VERSION		0x84000063
#define FFA_FEATURES		0x84000064
#define FFA_RX_RELEASE		0x84000065
#define FFA_RXTX_MAP64		0xc4000066
#define FFA_RXTX_UNMAP		0x84000067
#define FFA_PARTITION_INFO_GET	0x84000068
#define FFA_ID_GET		0x84000069
#define FFA_DIRECT_REQ32	0x8400006f
#define FFA_DIRECT_RESP32	0x84000070
#define FFA_MEM_SHARE64		0xc4000073
#define FFA_MEM_RECLAIM		0x84000077
#define FFA_MEM_FRAG_RX		0x8400007a
#define FFA_MEM_FRAG_TX		0x8400007b
#define FFA_INVALID_PARAMETERS	(-2)
#define FFA_DENIED		(-6)
#define FFA_BUSY		(-4)
#define V1_1			0x10001

struct fx {
	struct physmem pm;
	struct tfa_spmc *tfa;
};

static void print_log(void *ctx, int level, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "TF-A %d: %s\n", level, msg);
}

static int setup(void **state)
{
	static struct fx f;
	struct tfa_config cfg;
	char err[256] = "";
	int ret;

	ret = physmem_init_at_pa(&f.pm, DRAM, DRAM_SIZE, 4096);
	if (ret)
		fail_at(__FILE__, __LINE__, "the test's DRAM (%#llx, %#llx bytes) could not be set up: %s",
			(unsigned long long)DRAM, (unsigned long long)DRAM_SIZE,
			strerror(-ret));
	tfa_config_default(&cfg);
	cfg.sel1.id = SP2;
	cfg.sel1.uuid[0] = 2;
	f.tfa = tfa_create(&cfg, &f.pm, err, sizeof(err));
	if (!f.tfa)
		fail_at(__FILE__, __LINE__, "TF-A %s's EL3 SPMC could not be set up: %s",
			tfa_version, err);
	if (getenv("TFA_LOG"))
		tfa_set_log(f.tfa, print_log, NULL);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	tfa_destroy(f->tfa);
	physmem_destroy(&f->pm);
	return 0;
}

/* The function ID of the last call(), for failure messages. */
static uint64_t last_fid;

static struct smc_regs call(struct fx *f, uint64_t x0, uint64_t x1,
			    uint64_t x2, uint64_t x3, uint64_t x4)
{
	struct smc_regs in = { .x = { x0, x1, x2, x3, x4 } }, out;
	unsigned int i;

	/* Registers no handler writes: must come back as they went in. */
	for (i = 8; i < SMC_NR_REGS; i++)
		in.x[i] = 0x1000 + i;
	last_fid = x0;
	tfa_smc(f->tfa, SMC_FROM_HYP, &in, &out);
	return out;
}

/*
 * x<i> of the last answer is @want; a failure names the call, both
 * values and why the value is wanted, at the caller's line.
 */
#define assert_reg(r, i, want, why) \
	check_reg(&(r), (i), (want), "" why, __FILE__, __LINE__)

static void check_reg(const struct smc_regs *r, unsigned int i,
		      uint64_t want, const char *why, const char *file,
		      int line)
{
	if (r->x[i] == want)
		return;
	print_error("%s:%d: call %#llx: x%u: expected %#llx, got %#llx (x0 = %#llx, w2 = %d): %s\n",
		    file, line, (unsigned long long)last_fid, i,
		    (unsigned long long)want, (unsigned long long)r->x[i],
		    (unsigned long long)r->x[0], (int32_t)r->x[2], why);
	_fail(file, line);
}

/* The code is w2: TF-A sign-extends it into x2, as FF-A allows. */
#define assert_ffa_error(r, code, why) do { \
	struct smc_regs w_ = (r); \
	\
	w_.x[2] = (uint32_t)w_.x[2]; \
	assert_reg(w_, 0, FFA_ERROR, why); \
	assert_reg(w_, 2, (uint32_t)(code), why); \
} while (0)

/* FF-A 1.1 and one page of RX/TX; a refusal fails the caller's line. */
#define negotiate_and_map(f) negotiate_and_map_at((f), __FILE__, __LINE__)

static void negotiate_and_map_at(struct fx *f, const char *file, int line)
{
	struct smc_regs r = call(f, FFA_VERSION, V1_1, 0, 0, 0);

	check_reg(&r, 0, 0x10002, "TF-A 2.12 implements FF-A 1.2", file,
		  line);
	r = call(f, FFA_RXTX_MAP64, TX, RX, 1, 0);
	check_reg(&r, 0, FFA_SUCCESS, "one page each, both in DRAM", file,
		  line);
}


static void test_return_registers(void **state)
{
	struct fx *f = *state;
	struct smc_regs r = call(f, FFA_ID_GET, 0, 0, 0, 0);
	unsigned int i;

	assert_reg(r, 0, FFA_SUCCESS, "ID_GET always succeeds");
	assert_reg(r, 2, 0, "the normal world is endpoint 0");
	for (i = 8; i < SMC_NR_REGS; i++)
		assert_reg(r, i, 0x1000 + i,
			   "EL3 restores registers a handler leaves alone");
	r = call(f, 0x84000001, 0, 0, 0, 0);
	assert_reg(r, 0, UINT64_MAX,
		   "not an FF-A call: SMCCC's unknown function, -1");
	r = call(f, FFA_ID_GET | 1U << 16, 0, 0, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS,
		   "the SVE hint bit does not change the function");
}

static void test_rxtx_on_dram(void **state)
{
	struct fx *f = *state;
	struct tfa_mailbox mb;
	struct smc_regs r;
	uint8_t buf[24];

	tfa_mailbox(f->tfa, &mb);
	assert_false(mb.mapped);
	negotiate_and_map(f);
	tfa_mailbox(f->tfa, &mb);
	assert_true(mb.mapped);
	assert_int_equal(mb.tx_pa, TX);
	assert_int_equal(mb.rx_pa, RX);
	assert_int_equal(mb.pages, 1);
	/* TF-A writes partition info into RX: it must land in DRAM at RX. */
	r = call(f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS, "RX is mapped and free");
	tfa_mailbox(f->tfa, &mb);
	assert_true(mb.rx_full);
	assert_int_equal(physmem_read(&f->pm, RX, buf, sizeof(buf)), 0);
	assert_int_equal(buf[0] | buf[1] << 8, SP1);
	r = call(f, FFA_RX_RELEASE, 0, 0, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS, "the caller owns RX after PARTITION_INFO_GET");
	r = call(f, FFA_RXTX_UNMAP, 0, 0, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS, "the buffers are mapped");
	r = call(f, FFA_RXTX_MAP64, 0x200000000ULL, RX, 1, 0);
	assert_ffa_error(r, FFA_INVALID_PARAMETERS,
			 "TX outside DRAM: the platform refuses to map it");
	tfa_mailbox(f->tfa, &mb);
	assert_false(mb.mapped);
}

static void test_direct_request_echo(void **state)
{
	struct fx *f = *state;
	struct smc_regs in = { .x = { FFA_DIRECT_REQ32, SP1, 0, 3, 4, 5, 6, 7 } };
	struct smc_regs out;
	struct tfa_lp_msgs m;

	tfa_smc(f->tfa, SMC_FROM_HOST, &in, &out);
	assert_reg(out, 0, FFA_DIRECT_RESP32, "the logical partition answers");
	assert_reg(out, 1, (uint64_t)SP1 << 16,
		   "source and destination swapped");
	assert_reg(out, 3, 3, "echoed payload");
	assert_reg(out, 7, 7, "echoed payload");
	assert_true(tfa_lp_last_msg(f->tfa, SP1, &m));
	assert_int_equal(m.count, 1);
	assert_int_equal(m.regs.x[5], 5);
	assert_true(tfa_lp_last_msg(f->tfa, SP2, &m));
	assert_int_equal(m.count, 0);
	assert_false(tfa_lp_last_msg(f->tfa, 0x8003, &m));
}

/*
 * A direct request to the S-EL1 partition goes through TF-A's world
 * switch: into the partition's context, and its response back into the
 * normal world's.
 */
static void test_direct_request_sel1(void **state)
{
	struct fx *f = *state;
	struct smc_regs r = call(f, FFA_DIRECT_REQ32, SP2, 0, 0xa, 0xb);
	struct tfa_lp_msgs m;

	assert_reg(r, 0, FFA_DIRECT_RESP32, "the S-EL1 partition answers");
	assert_reg(r, 1, (uint64_t)SP2 << 16, "source and destination swapped");
	assert_reg(r, 3, 0xa, "echoed payload");
	assert_reg(r, 4, 0xb, "echoed payload");
	assert_true(tfa_lp_last_msg(f->tfa, SP2, &m));
	assert_int_equal(m.count, 1);
	assert_int_equal(m.regs.x[3], 0xa);
	r = call(f, FFA_DIRECT_REQ32, SP2, 0, 0xc, 0);
	assert_reg(r, 3, 0xc, "the partition waits again after its answer");
	assert_int_equal(tfa_lp_last_msg(f->tfa, SP2, &m) ? m.count : 0, 2);
}

struct seen {
	unsigned int n;
	struct tfa_txn txn;
	struct tfa_range range;
};

static void collect(void *ctx, const struct tfa_txn *t)
{
	struct seen *s = ctx;

	s->n++;
	s->txn = *t;
	if (t->nr_ranges)
		s->range = t->ranges[0];
}

static void test_datastore(void **state)
{
	struct fx *f = *state;
	struct desc_spec d;
	static uint8_t buf[4096];
	struct seen s = { 0 };
	struct smc_regs r;
	size_t len;

	negotiate_and_map(f);
	desc_spec_init(&d, V1_1);
	d.sender = 0;
	d.attrs = 0x2f;			/* normal memory, write-back, inner shareable */
	d.nr_receivers = 1;
	d.receivers[0].id = SP2;
	d.receivers[0].perms = 0x2;	/* RW */
	d.nr_ranges = 1;
	d.ranges[0].address = MEM;
	d.ranges[0].pages = 2;
	len = desc_build(&d, buf, sizeof(buf));
	assert_true(len > 0);
	assert_int_equal(physmem_write(&f->pm, TX, buf, len), 0);
	r = call(f, FFA_MEM_SHARE64, len, len, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS,
		   "a 1.1 share to the S-EL1 partition's ID");
	assert_int_equal(tfa_for_each_txn(f->tfa, collect, &s), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.txn.handle, r.x[2] | r.x[3] << 32);
	assert_true(s.txn.complete);
	assert_int_equal(s.txn.type, 1);	/* share */
	assert_int_equal(s.txn.nr_receivers, 1);
	assert_int_equal(s.txn.receivers[0].id, SP2);
	assert_int_equal(s.txn.nr_ranges, 1);
	assert_int_equal(s.range.pa, MEM);
	assert_int_equal(s.range.pages, 2);
	r = call(f, FFA_MEM_RECLAIM, s.txn.handle & 0xffffffff,
		 s.txn.handle >> 32, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS, "nothing retrieved it");
	s.n = 0;
	assert_int_equal(tfa_for_each_txn(f->tfa, collect, &s), 0);
	assert_int_equal(s.n, 0);
}

/*
 * A busy S-EL1 partition (its context preempted, not waiting): TF-A's
 * direct_req_smc_handler() answers BUSY itself, and never enters it.
 */
static void test_direct_request_sel1_busy(void **state)
{
	struct fx *f = *state;
	struct tfa_config cfg;
	struct tfa_lp_msgs m;
	struct smc_regs r;
	char err[256] = "";

	tfa_destroy(f->tfa);
	tfa_config_default(&cfg);
	cfg.sel1.id = SP2;
	cfg.sel1.uuid[0] = 2;
	cfg.sel1.busy = true;
	f->tfa = tfa_create(&cfg, &f->pm, err, sizeof(err));
	if (!f->tfa)
		fail_msg("tfa_create with a busy partition: %s", err);
	r = call(f, FFA_DIRECT_REQ32, SP2, 0, 1, 0);
	assert_ffa_error(r, FFA_BUSY, "the partition's context is not waiting");
	assert_true(tfa_lp_last_msg(f->tfa, SP2, &m));
	assert_int_equal(m.count, 0);
	r = call(f, FFA_DIRECT_REQ32, SP1, 0, 1, 0);
	assert_reg(r, 0, FFA_DIRECT_RESP32, "the logical partition still answers");
}

/* A 1.1 share of @pages at MEM to the S-EL1 partition; the handle. */
#define share_to_sel1(f, perms, pages) \
	share_to_sel1_at((f), (perms), (pages), __FILE__, __LINE__)

static uint64_t share_to_sel1_at(struct fx *f, unsigned int perms,
				 unsigned int pages, const char *file, int line)
{
	static uint8_t buf[4096];
	struct desc_spec d;
	struct smc_regs r;
	size_t len;

	desc_spec_init(&d, V1_1);
	d.attrs = 0x2f;
	d.tag = 9;
	d.nr_receivers = 1;
	d.receivers[0].id = SP2;
	d.receivers[0].perms = perms;
	d.nr_ranges = 1;
	d.ranges[0].address = MEM;
	d.ranges[0].pages = pages;
	len = desc_build(&d, buf, sizeof(buf));
	if (!len || physmem_write(&f->pm, TX, buf, len))
		fail_at(file, line, "the descriptor (%zu bytes) does not reach TX: the share is never made",
			len);
	r = call(f, FFA_MEM_SHARE64, len, len, 0, 0);
	check_reg(&r, 0, FFA_SUCCESS, "a 1.1 share to the S-EL1 partition",
		  file, line);
	return r.x[2] | r.x[3] << 32;
}

static void retrieve_request(struct tfa_retrieve *q, uint64_t handle,
			     unsigned int perms)
{
	memset(q, 0, sizeof(*q));
	q->handle = handle;
	q->tag = 9;
	q->nr_receivers = 1;
	q->receivers[0].id = SP2;
	q->receivers[0].perms = perms;
}

/* in_use of TF-A's one transaction, which must be there. */
#define in_use_of(f) in_use_of_at((f), __FILE__, __LINE__)

static unsigned int in_use_of_at(struct fx *f, const char *file, int line)
{
	struct seen s = { 0 };

	if (tfa_for_each_txn(f->tfa, collect, &s) || s.n != 1)
		fail_at(file, line, "TF-A holds %u transactions, expected the one shared: the test reads its in_use",
			s.n);
	return s.txn.in_use;
}

/*
 * The partition retrieves through TF-A's FFA_MEM_RETRIEVE_REQ from the
 * secure side, touches the pages TF-A's response names, and relinquishes;
 * only then does TF-A let the normal world reclaim.
 */
static void test_sel1_retrieve_relinquish(void **state)
{
	struct fx *f = *state;
	struct tfa_retrieve q;
	char back[8] = "";
	uint64_t h;
	struct smc_regs r;

	negotiate_and_map(f);
	assert_int_equal(physmem_write(&f->pm, MEM + 4096, "ping", 4), 0);
	h = share_to_sel1(f, 0x2, 2);
	assert_int_equal(tfa_sel1_access(f->tfa, h, 0, back, 4, false),
			 FFA_DENIED);
	retrieve_request(&q, h, 0x2);
	q.tag = 8;
	assert_int_equal(tfa_sel1_retrieve(f->tfa, &q), FFA_INVALID_PARAMETERS);
	assert_true(strstr(tfa_sel1_refusal(f->tfa), "FFA_ERROR") != NULL);
	q.tag = 9;
	assert_int_equal(tfa_sel1_retrieve(f->tfa, &q), 0);
	assert_int_equal(in_use_of(f), 1);
	assert_true(tfa_sel1_holds(f->tfa, h));
	assert_int_equal(tfa_sel1_access(f->tfa, h, 4096, back, 4, false), 0);
	assert_memory_equal(back, "ping", 4);
	assert_int_equal(tfa_sel1_access(f->tfa, h, 4100, "pong", 4, true), 0);
	assert_int_equal(tfa_sel1_access(f->tfa, h, 8190, back, 4, false),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(physmem_read(&f->pm, MEM + 4096, back, 8), 0);
	assert_memory_equal(back, "pingpong", 8);
	r = call(f, FFA_MEM_RECLAIM, h & 0xffffffff, h >> 32, 0, 0);
	assert_ffa_error(r, FFA_DENIED, "the partition still holds the memory");
	assert_int_equal(tfa_sel1_relinquish(f->tfa, h), 0);
	assert_false(tfa_sel1_holds(f->tfa, h));
	assert_int_equal(in_use_of(f), 0);
	assert_int_equal(tfa_sel1_relinquish(f->tfa, h), FFA_INVALID_PARAMETERS);
	r = call(f, FFA_MEM_RECLAIM, h & 0xffffffff, h >> 32, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS, "relinquished: the sender gets it back");
	assert_int_equal(tfa_sel1_retrieve(f->tfa, &q), FFA_INVALID_PARAMETERS);
}

/* Shared read-only: the partition maps what TF-A's response grants. */
static void test_sel1_read_only(void **state)
{
	struct fx *f = *state;
	struct tfa_retrieve q;
	uint64_t h;

	negotiate_and_map(f);
	h = share_to_sel1(f, 0x1, 1);
	retrieve_request(&q, h, 0x1);
	q.data = 2;	/* asks for read-write */
	assert_int_equal(tfa_sel1_retrieve(f->tfa, &q), 0);
	assert_int_equal(tfa_sel1_access(f->tfa, h, 0, "x", 1, true),
			 FFA_DENIED);
	assert_true(strstr(tfa_sel1_refusal(f->tfa), "read-only") != NULL);
	assert_int_equal(tfa_sel1_relinquish(f->tfa, h), 0);
}

/*
 * A retrieve response longer than the partition's one-page RX comes in
 * fragments (FFA_MEM_FRAG_RX), and the partition reaches the last range.
 */
static void test_sel1_fragmented_response(void **state)
{
	struct fx *f = *state;
	static struct desc_spec d;
	static uint8_t buf[8192];
	struct tfa_retrieve q;
	unsigned int i, n = 300;
	char back[4] = "";
	struct smc_regs r;
	uint64_t h;
	size_t len;

	r = call(f, FFA_VERSION, V1_1, 0, 0, 0);
	r = call(f, FFA_RXTX_MAP64, TX, RX, 2, 0);
	assert_reg(r, 0, FFA_SUCCESS, "two pages each");
	desc_spec_init(&d, V1_1);
	d.attrs = 0x2f;
	d.tag = 9;
	d.nr_receivers = 1;
	d.receivers[0].id = SP2;
	d.receivers[0].perms = 0x2;
	d.nr_ranges = n;
	for (i = 0; i < n; i++) {
		d.ranges[i].address = MEM + 2 * i * 4096ULL;
		d.ranges[i].pages = 1;
	}
	len = desc_build(&d, buf, sizeof(buf));
	assert_true(len > 4096);
	assert_int_equal(physmem_write(&f->pm, TX, buf, len), 0);
	r = call(f, FFA_MEM_SHARE64, len, len, 0, 0);
	assert_reg(r, 0, FFA_SUCCESS, "300 ranges in one fragment");
	h = r.x[2] | r.x[3] << 32;
	retrieve_request(&q, h, 0x2);
	assert_int_equal(tfa_sel1_retrieve(f->tfa, &q), 0);
	assert_int_equal(tfa_sel1_access(f->tfa, h, (n - 1) * 4096ULL, "last",
					 4, true), 0);
	assert_int_equal(physmem_read(&f->pm, MEM + 2 * (n - 1) * 4096ULL,
				      back, 4), 0);
	assert_memory_equal(back, "last", 4);
	assert_int_equal(tfa_sel1_access(f->tfa, h, n * 4096ULL, back, 1,
					 false), FFA_INVALID_PARAMETERS);
	assert_int_equal(tfa_sel1_relinquish(f->tfa, h), 0);
}

/* A share in two fragments: the datastore holds what has arrived. */
static void test_datastore_fragments(void **state)
{
	struct fx *f = *state;
	struct desc_spec d;
	static uint8_t buf[4096];
	struct seen s = { 0 };
	struct smc_regs r;
	size_t len, first;

	negotiate_and_map(f);
	desc_spec_init(&d, V1_1);
	d.attrs = 0x2f;
	d.nr_receivers = 1;
	d.receivers[0].id = SP2;
	d.receivers[0].perms = 0x2;
	d.nr_ranges = 2;
	d.ranges[0].address = MEM;
	d.ranges[0].pages = 1;
	d.ranges[1].address = MEM + 0x2000;
	d.ranges[1].pages = 1;
	len = desc_build(&d, buf, sizeof(buf));
	first = len - 16;		/* the last range comes later */
	assert_int_equal(physmem_write(&f->pm, TX, buf, first), 0);
	r = call(f, FFA_MEM_SHARE64, len, first, 0, 0);
	assert_reg(r, 0, FFA_MEM_FRAG_RX, "a fragment is missing");
	assert_reg(r, 3, first, "FRAG_RX acknowledges what arrived");
	assert_int_equal(tfa_for_each_txn(f->tfa, collect, &s), 0);
	assert_int_equal(s.n, 1);
	assert_false(s.txn.complete);
	assert_int_equal(s.txn.received_len, first);
	assert_int_equal(s.txn.total_len, len);
	assert_int_equal(s.txn.nr_ranges, 1);
	assert_int_equal(s.range.pa, MEM);
	assert_int_equal(physmem_write(&f->pm, TX, buf + first, 16), 0);
	r = call(f, FFA_MEM_FRAG_TX, r.x[1], r.x[2], 16, 0);
	assert_reg(r, 0, FFA_SUCCESS, "the last fragment completes it");
	s.n = 0;
	assert_int_equal(tfa_for_each_txn(f->tfa, collect, &s), 0);
	assert_int_equal(s.n, 1);
	assert_true(s.txn.complete);
	assert_int_equal(s.txn.nr_ranges, 2);
}

/* A second EL3 in the same process starts from TF-A's boot state. */
static void test_fresh_boot(void **state)
{
	struct fx *f = *state;
	struct tfa_mailbox mb;

	tfa_mailbox(f->tfa, &mb);
	assert_false(mb.mapped);
	assert_int_equal(tfa_ns_version(f->tfa), 0);
}

/* TF-A 2.8's SPMD fails its setup without an S-EL1 image (docs/spmc.md). */
static bool boots(char *err, size_t errlen)
{
	struct physmem pm;
	struct tfa_config cfg;
	struct tfa_spmc *tfa;

	if (physmem_init_at_pa(&pm, DRAM, DRAM_SIZE, 4096))
		return true;	/* let setup() report it */
	tfa_config_default(&cfg);
	tfa = tfa_create(&cfg, &pm, err, errlen);
	if (tfa)
		tfa_destroy(tfa);
	physmem_destroy(&pm);
	return tfa || strncmp(tfa_version, "2.8", 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_return_registers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rxtx_on_dram, setup, teardown),
		cmocka_unit_test_setup_teardown(test_direct_request_echo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_direct_request_sel1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_direct_request_sel1_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sel1_retrieve_relinquish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sel1_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sel1_fragmented_response, setup, teardown),
		cmocka_unit_test_setup_teardown(test_datastore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_datastore_fragments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fresh_boot, setup, teardown),
	};
	char err[512] = "";

	if (!boots(err, sizeof(err))) {
		printf("[  SKIPPED ] %zu test(s): TF-A %s does not boot without an S-EL1 partition image: %s\n",
		       sizeof(tests) / sizeof(tests[0]), tfa_version, err);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
