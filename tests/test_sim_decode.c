// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim decode: register sets in FF-A terms (calls, answers, values
 * that break a rule), register values from arguments and pasted lines,
 * memory transaction descriptors in the 1.0, 1.1 and 1.2 layouts (valid
 * and broken), hex dumps of every common tool, and the command end to end
 * through FFA_SIM_BIN.  Expected texts are exact: they are what a user
 * reads, and a change to them should be deliberate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "proxy/hyp/hyp.h"
#include "sim/decode/decode.h"
#include "sim/decode/decode_desc.h"
#include "sim/decode/decode_input.h"
#include "sim/lang/desc.h"
#include "sim/decode/hexdump.h"
#include "spmc_mock/ffa_abi.h"
#include "tests/check_util.h"
#include "tests/spawn_util.h"

/* Exact text, or both shown at the caller's line. */
#define assert_text(what, got, want) \
	check_text_at((what), (got), (want), \
		      "this is what a user reads; a change must be deliberate", \
		      __FILE__, __LINE__)

/* ---- register sets ---- */

struct reg_case {
	const char *answer_to;	/* the call answered, or NULL */
	const char *regs;
	const char *want;
	unsigned int problems;
};

static const struct reg_case reg_cases[] = {
	{ NULL, "0x84000063 0x10002",
	  "x0  0x84000063  FFA_VERSION (SMC32)\n"
	  "w1  0x10002     version 1.2 (the caller's)\n", 0 },
	{ NULL, "x0=0xc4000073 x1=0x60 x2=0x60",
	  "x0  0xc4000073  FFA_FN64_MEM_SHARE (SMC64)\n"
	  "w1  0x60        total length 96 bytes\n"
	  "w2  0x60        fragment length 96 bytes (the whole descriptor)\n", 0 },
	{ "FFA_FN64_MEM_SHARE 0x60 0x60", "FFA_SUCCESS 0 0x5a000001 1",
	  "x0     0x84000061      FFA_SUCCESS (SMC32)\n"
	  "w2/w3  0x5a000001 0x1  handle 0x15a000001 (allocated by the SPMC)\n", 0 },
	{ "FFA_MEM_SHARE 0x2000 0x1000", "FFA_MEM_FRAG_RX 0x5a000001 1 0x1000",
	  "x0     0x8400007a      FFA_MEM_FRAG_RX (SMC32)\n"
	  "w1/w2  0x5a000001 0x1  handle 0x15a000001 (allocated by the SPMC)\n"
	  "w3     0x1000          fragment offset 4096 bytes (what the receiver holds so far)\n", 0 },
	{ NULL, "FFA_ERROR 0 INVALID_PARAMETERS",
	  "x0  0x84000060  FFA_ERROR (SMC32)\n"
	  "w2  0xfffffffe  INVALID_PARAMETERS (-2)\n", 0 },
	{ NULL, "FFA_ERROR 0 -11",
	  "x0  0x84000060  FFA_ERROR (SMC32)\n"
	  "w2  0xfffffff5  error -11, not defined up to FF-A 1.2\n", 0 },
	{ NULL, "FFA_MSG_SEND_DIRECT_REQ 0x8001 0x80000004 1",
	  "x0  0x8400006f  FFA_MSG_SEND_DIRECT_REQ (SMC32)\n"
	  "w1  0x8001      source 0x0000 (normal world), destination 0x8001 (secure)\n"
	  "w2  0x80000004  flags: framework message, type 0x4 (VM created)\n"
	  "w3  0x1         payload\n", 0 },
	{ NULL, "FFA_FN64_MSG_SEND_DIRECT_REQ 0x8001 0x100",
	  "x0  0xc400006f  FFA_FN64_MSG_SEND_DIRECT_REQ (SMC64)\n"
	  "w1  0x8001      source 0x0000 (normal world), destination 0x8001 (secure)\n"
	  "w2  0x100       flags: partition message\n"
	  "    ! bits 30:0 must be zero (0x100)\n", 1 },
	{ "FFA_FN64_MSG_SEND_DIRECT_REQ 0x8001",
	  "FFA_FN64_MSG_SEND_DIRECT_RESP 0x80010000 0 7",
	  "x0  0xc4000070  FFA_FN64_MSG_SEND_DIRECT_RESP (SMC64)\n"
	  "w1  0x80010000  source 0x8001 (secure), destination 0x0000 (normal world)\n"
	  "x3  0x7         payload\n", 0 },
	{ NULL, "FFA_FN64_MSG_SEND_DIRECT_REQ2 0x8001 0x00400000001aa5ff 0x0180000000000080 7",
	  "x0     0xc400008d                          FFA_FN64_MSG_SEND_DIRECT_REQ2 (SMC64)\n"
	  "w1     0x8001                              source 0x0000 (normal world), destination 0x8001 (secure)\n"
	  "x2/x3  0x400000001aa5ff 0x180000000000080  protocol UUID ffa51a00-0000-4000-8000-000000008001\n"
	  "x4     0x7                                 payload\n", 0 },
	{ NULL, "FFA_FN64_RXTX_MAP 0x80000000 0x80001800 0x41 5",
	  "x0  0xc4000066  FFA_FN64_RXTX_MAP (SMC64)\n"
	  "x1  0x80000000  TX buffer at 0x80000000\n"
	  "x2  0x80001800  RX buffer at 0x80001800\n"
	  "    ! not 4K-aligned\n"
	  "w3  0x41        1 page of 4K each\n"
	  "    ! bits 31:6 must be zero (0x40)\n"
	  "x4  0x5         not a parameter of this function\n"
	  "    ! should be zero\n", 3 },
	{ "FFA_FEATURES FFA_RXTX_MAP", "FFA_SUCCESS 0 0x10002",
	  "x0  0x84000061  FFA_SUCCESS (SMC32)\n"
	  "w2  0x10002     minimum buffer 16K, maximum 1 page\n", 0 },
	{ "FFA_FEATURES 2", "FFA_SUCCESS 0 8",
	  "x0  0x84000061  FFA_SUCCESS (SMC32)\n"
	  "w2  0x8         interrupt ID 8\n", 0 },
	{ NULL, "FFA_FEATURES 0x103",
	  "x0  0x84000064  FFA_FEATURES (SMC32)\n"
	  "w1  0x103       feature ID 3: managed exit interrupt\n"
	  "    ! bits 30:8 of a feature ID must be zero (0x100)\n", 1 },
	{ "FFA_VERSION version(1, 2)", "0x10001",
	  "x0  0x10001  version 1.1 (the callee's)\n", 0 },
	{ NULL, "0x10002",
	  "x0  0x10002  not a fast call (bit 31 clear); as FFA_VERSION's answer: version 1.2\n", 0 },
	{ "FFA_VERSION version(2, 0)", "-1",
	  "x0  0xffffffffffffffff  NOT_SUPPORTED (-1): no FF-A version the caller can use\n", 0 },
	{ NULL, "-1",
	  "x0  0xffffffffffffffff  NOT_SUPPORTED (-1): no such function (SMCCC)\n", 0 },
	{ NULL, "FFA_PARTITION_INFO_GET 0x001aa5ff 0x00400000 0x80 0x01800000 1",
	  "x0     0x84000068                        FFA_PARTITION_INFO_GET (SMC32)\n"
	  "w1-w4  0x1aa5ff 0x400000 0x80 0x1800000  UUID ffa51a00-0000-4000-8000-000000008001\n"
	  "w5     0x1                               flags: count only, fill no descriptors\n", 0 },
	{ "FFA_PARTITION_INFO_GET", "FFA_SUCCESS 0 2 24",
	  "x0  0x84000061  FFA_SUCCESS (SMC32)\n"
	  "w2  0x2         2 partitions\n"
	  "w3  0x18        descriptors of 24 bytes each (FF-A 1.1 layout)\n", 0 },
	{ "FFA_ID_GET", "FFA_SUCCESS 0 0x8001",
	  "x0  0x84000061  FFA_SUCCESS (SMC32)\n"
	  "w2  0x8001      the caller's ID 0x8001 (secure)\n", 0 },
	{ NULL, "FFA_MEM_RECLAIM 0x5a000001 1 3",
	  "x0     0x84000077      FFA_MEM_RECLAIM (SMC32)\n"
	  "w1/w2  0x5a000001 0x1  handle 0x15a000001 (allocated by the SPMC)\n"
	  "w3     0x3             flags: zero the memory, time slicing\n", 0 },
	{ NULL, "FFA_MEM_RECLAIM 0x5a000001 1 8",
	  "x0     0x84000077      FFA_MEM_RECLAIM (SMC32)\n"
	  "w1/w2  0x5a000001 0x1  handle 0x15a000001 (allocated by the SPMC)\n"
	  "w3     0x8             flags: none\n"
	  "       ! bits 31:2 must be zero (0x8)\n", 1 },
	{ NULL, "FFA_MEM_RECLAIM 0x5a000001 1 5",
	  "x0     0x84000077      FFA_MEM_RECLAIM (SMC32)\n"
	  "w1/w2  0x5a000001 0x1  handle 0x15a000001 (allocated by the SPMC)\n"
	  "w3     0x5             flags: zero the memory\n"
	  "       ! bits 31:2 must be zero (0x4)\n", 1 },
	{ NULL, "FFA_MEM_RECLAIM 0x100000001 0x80000000",
	  "x0     0x84000077      FFA_MEM_RECLAIM (SMC32)\n"
	  "w1/w2  0x1 0x80000000  handle 0x8000000000000001 (allocated by the hypervisor); bits 63:32 of x1 are not part of w1\n", 0 },
	{ NULL, "FFA_MEM_SHARE 0x60 0x70 0x80000000",
	  "x0  0x84000073  FFA_MEM_SHARE (SMC32)\n"
	  "w1  0x60        total length 96 bytes\n"
	  "w2  0x70        fragment length 112 bytes\n"
	  "    ! longer than the total length\n"
	  "w3  0x80000000  buffer at 0x80000000, not the TX buffer\n"
	  "w4  0           0 pages of 4K in that buffer\n"
	  "    ! a buffer address and a page count come together\n", 2 },
	{ NULL, "FFA_CONSOLE_LOG 5 0x6c6c6568 0x6f",
	  "x0  0x8400008a  FFA_CONSOLE_LOG (SMC32)\n"
	  "w1  0x5         5 characters: \"hello\"\n"
	  "w2  0x6c6c6568  characters\n"
	  "w3  0x6f        characters\n", 0 },
	{ NULL, "FFA_SUCCESS 0 5",
	  "x0  0x84000061  FFA_SUCCESS (SMC32)\n"
	  "w2  0x5         result, as the call defines (give it with --answer-to)\n", 0 },
	{ NULL, "0x84010063 0x10002",
	  "x0  0x84010063  FFA_VERSION (SMC32, SVE hint: no live SVE state)\n"
	  "w1  0x10002     version 1.2 (the caller's)\n", 0 },
	{ NULL, "0x184000069",
	  "x0  0x184000069  FFA_ID_GET (SMC32)\n"
	  "    ! bits 63:32 of a function ID must be zero\n", 1 },
	{ NULL, "0x84000000",
	  "x0  0x84000000  SMC32 fast call to the standard secure service owner (4), function 0: PSCI\n", 0 },
	{ NULL, "0xc2000001 7",
	  "x0  0xc2000001  SMC64 fast call to the SiP owner (2), function 0x1: not FF-A\n"
	  "x1  0x7         parameter or result (not FF-A)\n", 0 },
	{ NULL, "0x840000f0",
	  "x0  0x840000f0  SMC32 fast call to the standard secure service owner (4), function 0xf0: FF-A, not defined up to FF-A 1.2\n", 0 },
	{ NULL, "FFA_MSG_WAIT 0 1",
	  "x0  0x8400006b  FFA_MSG_WAIT (SMC32)\n"
	  "w2  0x1         parameter (not described by ffa-sim)\n", 0 },
};

#define decoded_text(answer_to, regs, problems) \
	decoded_text_at((answer_to), (regs), (problems), __FILE__, __LINE__)

static char *decoded_text_at(const char *answer_to, const char *regs,
			     unsigned int *problems, const char *file,
			     int line)
{
	uint64_t r[SMC_NR_REGS], q[SMC_NR_REGS];
	GString *out = g_string_new(NULL);
	char *err = NULL;
	struct decoded d;

	if (answer_to && !decode_parse_args((char **)&answer_to, 1, q, &err))
		fail_at(file, line, "'%s' does not parse: %s: the case's call must be valid input",
			answer_to, err);
	if (!decode_parse_args((char **)&regs, 1, r, &err))
		fail_at(file, line, "'%s' does not parse: %s: the case's registers must be valid input",
			regs, err);

	decode_smc(answer_to ? q : NULL, r, &d);
	decoded_print(&d, "", out);
	*problems = d.problems;
	decoded_free(&d);
	return g_string_free(out, FALSE);
}

static void test_register_sets(void **state)
{
	unsigned int i, problems;
	char *got;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(reg_cases); i++) {
		const struct reg_case *c = &reg_cases[i];

		got = decoded_text(c->answer_to, c->regs, &problems);
		assert_text(c->regs, got, c->want);
		if (problems != c->problems)
			fail_msg("%s: %u problems, want %u", c->regs, problems,
				 c->problems);
		g_free(got);
	}
}

struct brief_case {
	const char *answer_to, *regs, *want;
};

static const struct brief_case brief_cases[] = {
	{ NULL, "FFA_VERSION version(1, 1)", "FFA_VERSION 1.1" },
	{ "FFA_VERSION version(1, 2)", "0x10001", "version 1.1" },
	{ NULL, "FFA_FN64_RXTX_MAP 0x80000000 0x80001000 1",
	  "FFA_FN64_RXTX_MAP TX 0x80000000, RX 0x80001000, 1 page" },
	{ NULL, "FFA_MEM_SHARE 0x2000 0x1000", "FFA_MEM_SHARE 4096 of 8192 bytes" },
	{ "FFA_MEM_SHARE 0x60 0x60", "FFA_SUCCESS 0 0x5a000001 1",
	  "FFA_SUCCESS handle 0x15a000001" },
	{ NULL, "FFA_ERROR 0 DENIED", "FFA_ERROR DENIED" },
	{ NULL, "FFA_MSG_SEND_DIRECT_REQ 0x8001 0x80000000",
	  "FFA_MSG_SEND_DIRECT_REQ 0x0000 to 0x8001, framework message 0" },
	{ "FFA_FEATURES FFA_FN64_RXTX_MAP", "FFA_SUCCESS 0 0x200000",
	  "FFA_SUCCESS minimum 4K, maximum 32 pages" },
	{ NULL, "-1", "NOT_SUPPORTED" },
};

static void test_briefs(void **state)
{
	uint64_t r[SMC_NR_REGS], q[SMC_NR_REGS];
	char *err = NULL, *got;
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(brief_cases); i++) {
		const struct brief_case *c = &brief_cases[i];

		assert_true(!c->answer_to ||
			    decode_parse_args((char **)&c->answer_to, 1, q, &err));
		assert_true(decode_parse_args((char **)&c->regs, 1, r, &err));
		got = decode_brief(c->answer_to ? q : NULL, r);
		assert_text(c->regs, got, c->want);
		g_free(got);
	}
}

/* ---- values from arguments ---- */

static void test_args(void **state)
{
	char *ok_args[] = { "FFA_MEM_SHARE", "w1=-1", "x5=version(1, 2) 7" };
	char *bad[][2] = {
		{ "x18=1", "'x18=1': an SMC has only x0..x17" },
		{ "y1=2", "'y1=2': expected a register x0..x17 or w0..w17 before '='" },
		{ "x1=", "'x1=': empty expression" },
		{ "FFA_MEM_SHAER", "'FFA_MEM_SHAER': unknown name 'FFA_MEM_SHAER' (did you mean FFA_MEM_SHARE?)" },
	};
	uint64_t r[SMC_NR_REGS];
	char *err = NULL;
	unsigned int i;

	(void)state;
	assert_true(decode_parse_args(ok_args, 3, r, &err));
	assert_int_equal(r[0], FFA_MEM_SHARE);
	assert_int_equal(r[1], 0xffffffff);
	assert_int_equal(r[5], FFA_VERSION_1_2);
	assert_int_equal(r[6], 7);
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		assert_false(decode_parse_args(&bad[i][0], 1, r, &err));
		assert_text(bad[i][0], err, bad[i][1]);
		g_free(err);
	}
	assert_false(decode_parse_args(NULL, 0, r, &err));
	assert_text("nothing", err, "no register values given");
	g_free(err);
}

/* ---- pasted lines ---- */

static GPtrArray *paste_all(const char *const *lines, size_t n)
{
	GPtrArray *sets = g_ptr_array_new_with_free_func((GDestroyNotify)paste_set_free);
	struct paste *p = paste_new();
	size_t i;

	for (i = 0; i < n; i++)
		paste_line(p, lines[i], sets);
	paste_finish(p, sets);
	paste_free(p);
	return sets;
}

#define SET(sets, i)	((struct paste_set *)(sets)->pdata[i])

/* What a found set must hold: a register, or the line it answers. */
struct set_value {
	unsigned int set;
	int reg;		/* -1: the line of the call it answers */
	uint64_t value;
};

/* The sets found hold each of @v, checked at the caller's line. */
#define assert_sets(sets, v, n) \
	assert_sets_at((sets), (v), (n), __FILE__, __LINE__)

static void assert_sets_at(const GPtrArray *sets, const struct set_value *v,
			   size_t n, const char *file, int line)
{
	const struct paste_set *s;
	uint64_t got;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].set >= sets->len)
			fail_at(file, line, "%u register sets found, expected set %u too: each pasted call is a set",
				sets->len, v[i].set);
		s = sets->pdata[v[i].set];
		got = v[i].reg < 0 ? s->request_line : s->regs[v[i].reg];
		if (got != v[i].value)
			fail_at(file, line, "set %u (line %u), %s%d: %#llx, expected %#llx: the value as the pasted text gives it",
				v[i].set, s->first_line,
				v[i].reg < 0 ? "answered line" : "x",
				v[i].reg < 0 ? 0 : v[i].reg,
				(unsigned long long)got,
				(unsigned long long)v[i].value);
	}
}

static void test_paste_trace(void **state)
{
	static const char *const lines[] = {
		"boot: hyp_ffa_init() = 0",
		"    EL2 -> SPMC: FFA_VERSION x1=0x10002",
		"    SPMC -> EL2: version 1.1",
		"share: host -> EL2: FFA_FN64_MEM_SHARE x1=0x60 x2=0x60",
		"    EL2 stage-2: host_share_ffa(pfn 0x80002, 1 page) = 0",
		"    EL2 -> SPMC: FFA_FN64_MEM_SHARE x1=0x60 x2=0x60",
		"    SPMC -> EL2: FFA_ERROR INVALID_PARAMETERS",
		"  EL2 -> host: FFA_ERROR INVALID_PARAMETERS [handled by the proxy]",
		"    host (passed through) -> SPMC: SMCCC NOT_SUPPORTED",
		"    SPMC -> host: FFA_SUCCESS x2=0x8001",
		/* A driver: step's SMC, from the driver's lane. */
		"client -> driver: load",
		"driver load: driver -> EL2: FFA_ID_GET",
		"    driver (passed through) -> SPMC: FFA_ID_GET",
		"    SPMC -> driver: FFA_SUCCESS x2=0x8001",
		"  EL2 -> driver: FFA_SUCCESS x2=0x8001 [declined by the proxy, forwarded to EL3]",
		"driver -> client: ret 0",
	};
	static const struct set_value want[] = {
		{ 0, 1, FFA_VERSION_1_2 }, { 0, -1, 0 },
		{ 1, 0, FFA_VERSION_1_1 }, { 1, -1, 2 },
		{ 2, 0, FFA_FN64_MEM_SHARE }, { 2, 2, 0x60 },
		{ 4, 2, (uint64_t)-2 }, { 4, -1, 6 }, { 5, -1, 4 },
		{ 6, 0, SMCCC_RET_NOT_SUPPORTED }, { 7, -1, 9 },
		{ 7, 2, 0x8001 },
		{ 8, 0, FFA_ID_GET }, { 8, -1, 0 },
		{ 9, 0, FFA_ID_GET }, { 9, -1, 0 },
		{ 10, 2, 0x8001 }, { 10, -1, 13 },
		{ 11, 2, 0x8001 }, { 11, -1, 12 },
	};
	GPtrArray *sets = paste_all(lines, G_N_ELEMENTS(lines));

	(void)state;
	assert_int_equal(sets->len, 12);
	assert_sets(sets, want, G_N_ELEMENTS(want));
	g_ptr_array_unref(sets);
}

static void test_paste_logs(void **state)
{
	static const char *const lines[] = {
		"[   12.345678] ffa: smc x0=0x84000063 x1=0x10001",
		"[   12.345699] ffa: ret x0=0x10002",
		"x29: ffff800080003e50 x28: 0000000000000000",
		"x2 : 0000000000000060 x1 : 0000000000000060",
		"x0 : 00000000c4000073",
		"ffa: call(0xc4000073, 0x60, 0x30) at 0x1234",
		"w0=0x84000060 w2=fffffffe",
		"nothing here 0x1234",
		"a1=0x5",
		"",
		"x0=1 x1=2 x1=3",
	};
	static const struct set_value want[] = {
		{ 0, 1, 0x10001 }, { 1, -1, 1 },
		{ 2, 0, FFA_FN64_MEM_SHARE }, { 2, 2, 0x60 },
		{ 3, 2, 0x30 }, { 3, 3, 0x1234 },
		{ 4, 2, 0xfffffffe }, { 4, -1, 6 },
		/* x1 twice: the first set ends where the second x1 starts. */
		{ 6, 1, 2 }, { 7, 1, 3 },
	};
	GPtrArray *sets = paste_all(lines, G_N_ELEMENTS(lines));

	(void)state;
	assert_int_equal(sets->len, 8);
	assert_sets(sets, want, G_N_ELEMENTS(want));
	assert_int_equal(SET(sets, 2)->first_line, 4);
	assert_int_equal(SET(sets, 2)->last_line, 5);
	assert_non_null(SET(sets, 5)->error);
	assert_int_equal(SET(sets, 5)->first_line, 9);
	assert_null(SET(sets, 6)->error);
	assert_non_null(SET(sets, 7)->error);
	g_ptr_array_unref(sets);
}

/* ---- descriptors ---- */

/*
 * Two receivers, two ranges, a share as Linux would send it (version 0:
 * @d as it is); the builder refusing fails the caller's line.
 */
#define build(d, version, buf, cap) \
	build_at((d), (version), (buf), (cap), __FILE__, __LINE__)

static size_t build_at(struct desc_spec *d, uint32_t version, uint8_t *buf,
		       size_t cap, const char *file, int line)
{
	size_t len;

	if (version) {
		desc_spec_init(d, version);
		d->attrs = FFA_ATTRS_NORMAL_WB_IS;
		d->nr_receivers = 2;
		d->receivers[0] = (struct desc_receiver){ .id = 0x8001,
							  .perms = 6 };
		d->receivers[1] = (struct desc_receiver){ .id = 0x8002,
							  .perms = 1, .flags = 1 };
		d->receivers[1].impdef[0] = 0xaa;
		d->nr_ranges = 2;
		d->ranges[0] = (struct desc_range){ 0x80002000, 1 };
		d->ranges[1] = (struct desc_range){ 0x80010000, 4 };
	}
	len = desc_build(d, buf, cap);
	check_true(len > 0, "the descriptor to decode must be built");
	return len;
}

static char *describe(const uint8_t *buf, size_t len, uint32_t layout,
		      unsigned int *problems)
{
	GString *out = g_string_new(NULL);

	*problems = decode_descriptor(buf, len, layout, out);
	return g_string_free(out, FALSE);
}

static const char want_1_1[] =
	"layout 1.1, guessed from the header (endpoint size 16 at @24; --layout chooses), 128 bytes\n"
	"header, bytes 0-47\n"
	"  @0    sender            0x0000 (normal world)\n"
	"  @2    attributes        0x2f: normal memory, write-back, inner shareable\n"
	"  @4    flags             0\n"
	"  @8    handle            0\n"
	"  @16   tag               0\n"
	"  @24   endpoint size     16\n"
	"  @28   endpoint count    2\n"
	"  @32   endpoint offset   48\n"
	"  @36   reserved          0\n"
	"endpoint 0, bytes 48-63\n"
	"  @48   id                0x8001 (secure)\n"
	"  @50   permissions       0x6: read-write, no execute\n"
	"  @51   flags             0\n"
	"  @52   composite offset  80\n"
	"  @56   reserved          0\n"
	"endpoint 1, bytes 64-79\n"
	"  @64   id                0x8002 (secure)\n"
	"  @66   permissions       0x1: read-only, execute not specified\n"
	"  @67   flags             0x1: non-retrieval borrower\n"
	"  @68   composite offset  80\n"
	"  @72   reserved          0\n"
	"composite, bytes 80-95\n"
	"  @80   total pages       5\n"
	"  @84   range count       2\n"
	"  @88   reserved          0\n"
	"range 0, bytes 96-111\n"
	"  @96   address           0x80002000\n"
	"  @104  pages             1 (up to 0x80002fff)\n"
	"  @108  reserved          0\n"
	"range 1, bytes 112-127\n"
	"  @112  address           0x80010000\n"
	"  @120  pages             4 (up to 0x80013fff)\n"
	"  @124  reserved          0\n"
	"no problems found\n";

static const char want_1_0[] =
	"layout 1.0, guessed from the header (@24 is zero, a reserved field in 1.0 and the endpoint size from 1.1 on; --layout chooses), 112 bytes\n"
	"header, bytes 0-31\n"
	"  @0    sender            0x0000 (normal world)\n"
	"  @2    attributes        0x2f: normal memory, write-back, inner shareable\n"
	"  @3    reserved          0\n"
	"  @4    flags             0\n"
	"  @8    handle            0\n"
	"  @16   tag               0\n"
	"  @24   reserved          0\n"
	"  @28   endpoint count    2\n"
	"endpoint 0, bytes 32-47\n"
	"  @32   id                0x8001 (secure)\n"
	"  @34   permissions       0x6: read-write, no execute\n"
	"  @35   flags             0\n"
	"  @36   composite offset  64\n"
	"  @40   reserved          0\n"
	"endpoint 1, bytes 48-63\n"
	"  @48   id                0x8002 (secure)\n"
	"  @50   permissions       0x1: read-only, execute not specified\n"
	"  @51   flags             0x1: non-retrieval borrower\n"
	"  @52   composite offset  64\n"
	"  @56   reserved          0\n"
	"composite, bytes 64-79\n"
	"  @64   total pages       5\n"
	"  @68   range count       2\n"
	"  @72   reserved          0\n"
	"range 0, bytes 80-95\n"
	"  @80   address           0x80002000\n"
	"  @88   pages             1 (up to 0x80002fff)\n"
	"  @92   reserved          0\n"
	"range 1, bytes 96-111\n"
	"  @96   address           0x80010000\n"
	"  @104  pages             4 (up to 0x80013fff)\n"
	"  @108  reserved          0\n"
	"no problems found\n";

static const char want_1_2[] =
	"layout 1.2, as given, 160 bytes\n"
	"header, bytes 0-47\n"
	"  @0    sender            0x0000 (normal world)\n"
	"  @2    attributes        0x2f: normal memory, write-back, inner shareable\n"
	"  @4    flags             0\n"
	"  @8    handle            0\n"
	"  @16   tag               0\n"
	"  @24   endpoint size     32\n"
	"  @28   endpoint count    2\n"
	"  @32   endpoint offset   48\n"
	"  @36   reserved          0\n"
	"endpoint 0, bytes 48-79\n"
	"  @48   id                0x8001 (secure)\n"
	"  @50   permissions       0x6: read-write, no execute\n"
	"  @51   flags             0\n"
	"  @52   composite offset  112\n"
	"  @56   impdef            0 0\n"
	"  @72   reserved          0\n"
	"endpoint 1, bytes 80-111\n"
	"  @80   id                0x8002 (secure)\n"
	"  @82   permissions       0x1: read-only, execute not specified\n"
	"  @83   flags             0x1: non-retrieval borrower\n"
	"  @84   composite offset  112\n"
	"  @88   impdef            0xaa 0\n"
	"  @104  reserved          0\n"
	"composite, bytes 112-127\n"
	"  @112  total pages       5\n"
	"  @116  range count       2\n"
	"  @120  reserved          0\n"
	"range 0, bytes 128-143\n"
	"  @128  address           0x80002000\n"
	"  @136  pages             1 (up to 0x80002fff)\n"
	"  @140  reserved          0\n"
	"range 1, bytes 144-159\n"
	"  @144  address           0x80010000\n"
	"  @152  pages             4 (up to 0x80013fff)\n"
	"  @156  reserved          0\n"
	"no problems found\n";

static void test_descriptor_layouts(void **state)
{
	static const struct {
		uint32_t version, asked;
		const char *want;
	} cases[] = {
		{ FFA_VERSION_1_0, 0, want_1_0 },
		{ FFA_VERSION_1_1, 0, want_1_1 },
		{ FFA_VERSION_1_2, FFA_VERSION_1_2, want_1_2 },
	};
	struct desc_spec *d = g_new0(struct desc_spec, 1);
	unsigned int i, problems;
	uint8_t buf[512];
	size_t len;
	char *got;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		len = build(d, cases[i].version, buf, sizeof(buf));
		got = describe(buf, len, cases[i].asked, &problems);
		assert_text("layout", got, cases[i].want);
		assert_int_equal(problems, 0);
		g_free(got);
	}
	g_free(d);
}

/* Only the flagged lines and the count: the rest is tested above. */
static char *problem_lines(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	GString *out = g_string_new(NULL);
	char **l;

	for (l = lines; *l; l++)
		if (g_str_has_prefix(*l, "  ! ") || g_str_has_suffix(*l, "problem") ||
		    g_str_has_suffix(*l, "problems") ||
		    g_str_has_prefix(*l, "bytes "))
			g_string_append_printf(out, "%s\n", *l);
	g_strfreev(lines);
	return g_string_free(out, FALSE);
}

struct broken_case {
	const char *what;
	uint32_t version, asked;
	void (*spoil)(struct desc_spec *d);
	size_t cut;		/* keep only this many bytes; 0: all */
	const char *want;
};

static void poke(struct desc_spec *d, uint32_t off, uint8_t size, uint64_t v)
{
	d->pokes[d->nr_pokes++] = (struct desc_poke){ off, size, v };
}

static void too_many_endpoints(struct desc_spec *d)
{
	desc_set_override(d, DESC_F_EMAD_COUNT, 9);
}

static void reserved_and_perms(struct desc_spec *d)
{
	poke(d, 40, 1, 1);	/* header reserved, bytes 36-47 */
	poke(d, 50, 1, 0x13);	/* endpoint 0 permissions */
	poke(d, 59, 1, 2);	/* endpoint 0 reserved */
	poke(d, 4, 4, 0x400);	/* flags bit 10 */
}

static void pages_and_ranges(struct desc_spec *d)
{
	desc_set_override(d, DESC_F_TOTAL_PAGES, 9);
	d->ranges[1].address = 0x80002800;
	d->ranges[1].pages = 0;
}

static void ranges_past_end(struct desc_spec *d)
{
	desc_set_override(d, DESC_F_RANGE_COUNT, 5);
}

static void composite_elsewhere(struct desc_spec *d)
{
	poke(d, 68, 4, 0x1000);	/* endpoint 1's composite offset (1.1) */
}

static void endpoints_in_header(struct desc_spec *d)
{
	desc_set_override(d, DESC_F_EMAD_OFFSET, 40);
}

static void composite_in_header(struct desc_spec *d)
{
	desc_set_override(d, DESC_F_COMP_OFFSET, 8);
	d->receivers[1].id = 0x8001;
}

static void reserved_1_0(struct desc_spec *d)
{
	poke(d, 24, 4, 0x10);
	poke(d, 2, 1, 0xff);
}

static void wrong_size_1_2(struct desc_spec *d)
{
	desc_set_override(d, DESC_F_EMAD_SIZE, 16);
}

static const struct broken_case broken_cases[] = {
	{ "count past the end", FFA_VERSION_1_1, 0, too_many_endpoints, 0,
	  "  ! @28: 9 endpoints end at byte 192, past the end of the 128 bytes: 5 fit\n"
	  "  ! @52: points into the header or the endpoint array (which ends at byte 128)\n"
	  "  ! @68: points into the header or the endpoint array (which ends at byte 128)\n"
	  "  ! @84: points into the header or the endpoint array (which ends at byte 128)\n"
	  "  ! @99: bits 7:1 are reserved and must be zero (0x80)\n"
	  "  ! @104: reserved (8 bytes) must be zero\n"
	  "  ! @115: bits 7:1 are reserved and must be zero (0x80)\n"
	  "  ! @120: reserved (8 bytes) must be zero\n"
	  "8 problems\n" },
	{ "reserved fields", FFA_VERSION_1_1, 0, reserved_and_perms, 0,
	  "  ! @4: bits 31:10 are reserved and must be zero (0x400)\n"
	  "  ! @36: reserved (12 bytes) must be zero\n"
	  "  ! @50: reserved permission bits or encodings\n"
	  "  ! @56: reserved (8 bytes) must be zero\n"
	  "4 problems\n" },
	{ "pages and ranges", FFA_VERSION_1_2, 0, pages_and_ranges, 0,
	  "  ! @144: not 4K-aligned\n"
	  "  ! @152: an empty range\n"
	  "  ! @112: the ranges add up to 1 page, not 9\n"
	  "3 problems\n" },
	{ "ranges past the end", FFA_VERSION_1_1, 0, ranges_past_end, 0,
	  "  ! @84: 5 ranges end at byte 176, past the end of the 128 bytes: 2 fit\n"
	  "1 problem\n" },
	{ "composite elsewhere", FFA_VERSION_1_1, 0, composite_elsewhere, 0,
	  "  ! @68: differs from endpoint 0's (80): pKVM and Linux read one composite for all\n"
	  "  ! @68: the composite (bytes 4096-4111) lies past the end of the 128 bytes\n"
	  "2 problems\n" },
	{ "endpoints in the header", FFA_VERSION_1_1, 0, endpoints_in_header, 0,
	  "  ! @32: the endpoint array starts inside the 48-byte header\n"
	  "  ! @48: reserved (8 bytes) must be zero\n"
	  "  ! @56: endpoint 0 has the same ID\n"
	  "  ! @64: reserved (8 bytes) must be zero\n"
	  "bytes 72-127 follow the last structure: not part of the descriptor\n"
	  "4 problems\n" },
	{ "composite in the header", FFA_VERSION_1_1, 0, composite_in_header, 0,
	  "  ! @52: points into the header or the endpoint array (which ends at byte 80)\n"
	  "  ! @64: endpoint 0 has the same ID\n"
	  "  ! @68: points into the header or the endpoint array (which ends at byte 80)\n"
	  "bytes 80-127 follow the last structure: not part of the descriptor\n"
	  "3 problems\n" },
	{ "1.0 reserved, guessed", FFA_VERSION_1_0, 0, reserved_1_0, 0,
	  "  ! @2: reserved attribute bits or encodings\n"
	  "  ! @32: not 16-byte aligned\n"
	  "  ! @36: reserved (12 bytes) must be zero\n"
	  "  ! @28: 2 endpoints end at byte 426017, past the end of the 112 bytes: 0 fit\n"
	  "bytes 48-111 follow the last structure: not part of the descriptor\n"
	  "4 problems\n" },
	{ "1.0 reserved, as 1.0", FFA_VERSION_1_0, FFA_VERSION_1_0, reserved_1_0, 0,
	  "  ! @2: reserved attribute bits or encodings\n"
	  "  ! @24: reserved (4 bytes) must be zero\n"
	  "2 problems\n" },
	{ "1.2 read with 1.1 sizes", FFA_VERSION_1_2, FFA_VERSION_1_2,
	  wrong_size_1_2, 0,
	  "  ! @24: FF-A 1.2 endpoint descriptors are 32 bytes\n"
	  "1 problem\n" },
	{ "cut short", FFA_VERSION_1_1, 0, NULL, 40,
	  "  ! @0: the header (bytes 0-47) lies past the end of the 40 bytes\n"
	  "1 problem\n" },
	{ "cut in the ranges", FFA_VERSION_1_1, 0, NULL, 120,
	  "  ! @84: 2 ranges end at byte 128, past the end of the 120 bytes: 1 fit\n"
	  "bytes 112-119 follow the last structure: not part of the descriptor\n"
	  "1 problem\n" },
};

static void test_descriptor_broken(void **state)
{
	struct desc_spec *d = g_new0(struct desc_spec, 1);
	unsigned int i, problems;
	uint8_t buf[512];
	char *got, *lines;
	size_t len;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(broken_cases); i++) {
		const struct broken_case *c = &broken_cases[i];

		build(d, c->version, buf, sizeof(buf));
		if (c->spoil)
			c->spoil(d);
		len = build(d, 0, buf, sizeof(buf));
		got = describe(buf, c->cut ? c->cut : len, c->asked, &problems);
		lines = problem_lines(got);
		if (strcmp(lines, c->want))
			fail_msg("%s:\n--- got\n%s--- want\n%s--- whole\n%s",
				 c->what, lines, c->want, got);
		assert_true(problems > 0);
		g_free(lines);
		g_free(got);
	}
	g_free(d);
}

/*
 * Far more ranges than a scenario can write (the decoder reads pasted and
 * captured descriptors too): two ranges that overlap are found however
 * far apart they are, and ranges that only touch are not flagged.
 */
static void test_descriptor_many_ranges(void **state)
{
	struct desc_spec *d = g_new0(struct desc_spec, 1);
	const unsigned int n = 4000, comp = 80, late = n - 1, early = n / 2;
	uint8_t head[512], *buf;
	size_t len = comp + 16 + (size_t)n * 16;
	unsigned int i, problems;
	char *got, *lines, *want;

	(void)state;
	build(d, FFA_VERSION_1_1, head, sizeof(head));
	buf = g_malloc0(len);
	memcpy(buf, head, comp + 16);
	ffa_put32(buf + comp, n + 1);	/* the late range has 2 pages */
	ffa_put32(buf + comp + 4, n);
	for (i = 0; i < n; i++) {
		uint64_t at = 0x80000000ULL + (uint64_t)(i == late ? early : i) *
					       FFA_PAGE_SIZE * 2;

		ffa_put64(buf + comp + 16 + (size_t)i * 16, at);
		ffa_put32(buf + comp + 16 + (size_t)i * 16 + 8, i == late ? 2 : 1);
	}
	got = describe(buf, len, 0, &problems);
	lines = problem_lines(got);
	want = g_strdup_printf("  ! @%zu: range %u overlaps range %u\n1 problem\n",
			       comp + 16 + (size_t)late * 16, late, early);
	if (strcmp(lines, want))
		fail_msg("%u ranges, range %u placed over range %u: the decoder flagged\n%sinstead of exactly\n%s(an overlap beyond the first ranges must not pass unseen)",
			 n, late, early, lines, want);
	g_free(want);
	g_free(lines);
	g_free(got);
	g_free(buf);
	g_free(d);
}

/* Whatever the bytes claim, the decoder reads only what is there. */
static void test_descriptor_garbage(void **state)
{
	GString *out = g_string_new(NULL);
	uint8_t buf[200], *copy;
	unsigned int seed, len, problems;
	size_t i;

	(void)state;
	for (seed = 1; seed < 400; seed++) {
		srand(seed);
		len = (unsigned int)rand() % sizeof(buf);
		for (i = 0; i < len; i++)
			buf[i] = (uint8_t)(rand() % 4 ? rand() % 3 : rand());
		/* Plausible sizes and offsets, so the deep paths run too. */
		if (len > 40) {
			buf[24] = (uint8_t)(16 * (rand() % 3));
			buf[32] = (uint8_t)(16 * (rand() % 5));
		}
		/* A copy of exactly @len bytes: ASan sees any read past it. */
		copy = g_memdup2(buf, len);
		g_string_truncate(out, 0);
		problems = decode_descriptor(copy, len, seed % 4 ?
					     FFA_VERSION_1_0 + seed % 3 : 0,
					     out);
		g_free(copy);
		/* Garbage is described, never passed over in silence. */
		if (!out->len || !g_utf8_validate(out->str, -1, NULL))
			fail_msg("seed %u, %u bytes: %s; expected a description a terminal can print",
				 seed, len, out->len ? "not UTF-8" : "no output");
		/* Shorter than any header (32 bytes in 1.0) is a problem. */
		if (len < 32 && !problems)
			fail_msg("seed %u, %u bytes: no problem flagged; expected at least one, the descriptor is shorter than its header:\n%s",
				 seed, len, out->str);
	}
	g_string_free(out, TRUE);
}

/* ---- hex dumps ---- */

static const uint8_t dump_bytes[] = {
	0x00, 0x00, 0x2f, 0x00, 0x7c, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x80, 0x06, 0x00,
};

static const char *const dumps[] = {
	/* xxd */
	"00000000: 0000 2f00 7c00 0000 0000 0000 0000 0000  ../.|...........\n"
	"00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n"
	"00000020: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n"
	"00000030: 0180 0600                                ....\n",
	/* hexdump -C, with a repeated line squeezed */
	"00000000  00 00 2f 00 7c 00 00 00  00 00 00 00 00 00 00 00  |../.|...........|\n"
	"00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	"*\n"
	"00000030  01 80 06 00                                       |....|\n"
	"00000034\n",
	/* od -A x -t x1z */
	"000000 00 00 2f 00 7c 00 00 00 00 00 00 00 00 00 00 00  >../.|...........<\n"
	"000010 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  >................<\n"
	"*\n"
	"000030 01 80 06 00                                      >....<\n"
	"000034\n",
	/* print_hex_dump(KERN_INFO, "desc: ", DUMP_PREFIX_OFFSET, 16, 1, .., true) */
	"[   10.000001] desc: 00000000: 00 00 2f 00 7c 00 00 00 00 00 00 00 00 00 00 00  ../.|...........\n"
	"[   10.000002] desc: 00000010: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n"
	"[   10.000003] desc: 00000020: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n"
	"[   10.000004] desc: 00000030: 01 80 06 00                                      ....\n",
	/* hexdump: 16-bit little-endian words after a bare offset */
	"0000000 0000 002f 007c 0000 0000 0000 0000 0000\n"
	"0000010 0000 0000 0000 0000 0000 0000 0000 0000\n"
	"*\n"
	"0000030 8001 0006                              \n"
	"0000034\n",
	/* hexdump -x: the same words, spaced widely */
	"0000000    0000    002f    007c    0000    0000    0000    0000    0000\n"
	"0000010    0000    0000    0000    0000    0000    0000    0000    0000\n"
	"*\n"
	"0000030    8001    0006                                                \n"
	"0000034\n",
	/* od -x: the same words, offsets in octal */
	"0000000 0000 002f 007c 0000 0000 0000 0000 0000\n"
	"0000020 0000 0000 0000 0000 0000 0000 0000 0000\n"
	"*\n"
	"0000060 8001 0006\n"
	"0000064\n",
	/* bare hex */
	"00002f007c000000 0000000000000000\n"
	"00000000000000000000000000000000\n"
	"0000000000000000000000000000000001800600\n",
	/* a C array */
	"{ 0x00, 0x00, 0x2f, 0x00, 0x7c, 0x00, 0x00, 0x00,\n"
	"  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,\n"
	"  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,\n"
	"  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,\n"
	"  0x00, 0x00, 0x00, 0x00, 0x01, 0x80, 0x06, 0x00 };\n",
};

static void test_hexdumps(void **state)
{
	static const char *const bad[][2] = {
		{ "00 11 zz\n", "line 1: 'zz' is not hex bytes" },
		{ "0 11\n", "line 1: '0' is not hex bytes" },
		{ "00000000: 00 11\n00000010: 22\n",
		  "line 2: offset 0x10, but 2 bytes came before" },
		{ "\n  \n", "no bytes in the dump" },
		{ "0000000 000000 000057 000174 000000\n",
		  "line 1: octal words, as od prints by default, are no hex bytes: dump with od -A x -t x1z, hexdump -C or xxd" },
		{ "0000000 0000 002f\n0000004 00 11\n",
		  "line 2: '00' is not a 16-bit word, as the lines before it were" },
	};
	/* hexdump of 51 bytes: the last word is padded, the length says so */
	static const char odd[] =
		"0000000 0000 002f 007c 0000 0000 0000 0000 0000\n"
		"0000010 0000 0000 0000 0000 0000 0000 0000 0000\n"
		"*\n"
		"0000030 8001 0006                              \n"
		"0000033\n";
	GByteArray *b;
	char *err = NULL;
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(dumps); i++) {
		b = g_byte_array_new();
		assert_true(hexdump_is_text((const uint8_t *)dumps[i],
					    strlen(dumps[i])));
		if (!hexdump_parse(dumps[i], b, &err))
			fail_msg("dump %u: %s", i, err);
		assert_int_equal(b->len, sizeof(dump_bytes));
		assert_memory_equal(b->data, dump_bytes, sizeof(dump_bytes));
		g_byte_array_unref(b);
	}
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		b = g_byte_array_new();
		assert_false(hexdump_parse(bad[i][0], b, &err));
		assert_text(bad[i][0], err, bad[i][1]);
		g_free(err);
		g_byte_array_unref(b);
	}
	b = g_byte_array_new();
	if (!hexdump_parse(odd, b, &err))
		fail_msg("hexdump of an odd length: %s", err);
	assert_int_equal(b->len, sizeof(dump_bytes) - 1);
	assert_memory_equal(b->data, dump_bytes, sizeof(dump_bytes) - 1);
	g_byte_array_unref(b);
	assert_false(hexdump_is_text(dump_bytes, sizeof(dump_bytes)));
}

/* ---- the command ---- */

static char *tmp_dir;

#define tmp_file(name, data, len) \
	tmp_file_at((name), (data), (len), __FILE__, __LINE__)

static char *tmp_file_at(const char *name, const void *data, size_t len,
			 const char *file, int line)
{
	char *path = g_build_filename(tmp_dir, name, NULL);

	write_test_file_at(path, data, (long)len, file, line);
	return path;
}

static void test_cmd_registers(void **state)
{
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "decode", "0x84000063", "0x10002", NULL);
	spawned_assert_status(&r, 0);
	assert_text(r.cmd, r.out, reg_cases[0].want);
	assert_text(r.cmd, r.err, "");
	spawned_free(&r);

	spawn_sim(&r, NULL, "decode", "--answer-to", "FFA_FN64_MEM_SHARE 0x60 0x60",
		  "FFA_SUCCESS", "0", "0x5a000001", "1", NULL);
	spawned_assert_status(&r, 0);
	assert_text(r.cmd, r.out,
		    "answer to FFA_FN64_MEM_SHARE 96 bytes\n"
		    "x0     0x84000061      FFA_SUCCESS (SMC32)\n"
		    "w2/w3  0x5a000001 0x1  handle 0x15a000001 (allocated by the SPMC)\n");
	spawned_free(&r);

	/* A call given by name alone has no arguments to show. */
	spawn_sim(&r, NULL, "decode", "--answer-to", "FFA_VERSION", "0x10002",
		  NULL);
	spawned_assert_status(&r, 0);
	assert_text(r.cmd, r.out,
		    "answer to FFA_VERSION\n"
		    "x0  0x10002  version 1.2 (the callee's)\n");
	spawned_free(&r);

	spawn_sim(&r, NULL, "decode", "FFA_ERROR", "0", "-2", NULL);
	spawned_assert_status(&r, 0);
	assert_text(r.cmd, r.out, reg_cases[4].want);
	spawned_free(&r);

	spawn_sim(&r, NULL, "decode", "FFA_FN64_RXTX_MAP", "0x80000000",
		  "0x80001800", "0x41", "5", NULL);
	spawned_assert_status(&r, 1);
	spawned_free(&r);
}

static void test_cmd_refuses(void **state)
{
	static const char *const cases[][3] = {
		{ "wat", NULL, "ffa-sim decode: 'wat': unknown name 'wat'\n" },
		{ "--frob", NULL, "ffa-sim decode: unknown option --frob (try --help)\n" },
		{ "--layout", "1.3", "ffa-sim decode: --descriptor FILE [--layout V] takes no register values\n" },
		{ "--descriptor", "/nonexistent/desc.bin", NULL },
		{ "--stdin", "0x1", "ffa-sim decode: --stdin takes no register values\n" },
	};
	struct spawned r;
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		spawn_sim(&r, NULL, "decode", cases[i][0], cases[i][1], NULL);
		spawned_assert_status(&r, 2);
		assert_text(r.cmd, r.out, "");
		if (cases[i][2])
			assert_text(r.cmd, r.err, cases[i][2]);
		else
			assert_true(g_str_has_prefix(r.err, "ffa-sim decode: /nonexistent/desc.bin: "));
		spawned_free(&r);
	}
	spawn_sim(&r, NULL, "decode", NULL);
	spawned_assert_status(&r, 2);
	assert_text(r.cmd, r.err, "ffa-sim decode: no register values given\n");
	spawned_free(&r);
}

static void test_cmd_stdin(void **state)
{
	static const char input[] =
		"call FFA_VERSION: host -> EL2: FFA_VERSION x1=0x10001\n"
		"    EL2 -> SPMC: FFA_ID_GET\n"
		"    SPMC -> EL2: FFA_SUCCESS\n"
		"  EL2 -> host: version 1.1 [handled by the proxy]\n";
	static const char want[] =
		"line 1: call FFA_VERSION: host -> EL2: FFA_VERSION x1=0x10001\n"
		"  x0  0x84000063  FFA_VERSION (SMC32)\n"
		"  w1  0x10001     version 1.1 (the caller's)\n"
		"\n"
		"line 2: EL2 -> SPMC: FFA_ID_GET\n"
		"  x0  0x84000069  FFA_ID_GET (SMC32)\n"
		"\n"
		"line 3: SPMC -> EL2: FFA_SUCCESS\n"
		"  answers line 2: FFA_ID_GET\n"
		"  x0  0x84000061  FFA_SUCCESS (SMC32)\n"
		"  w2  0           the caller's ID 0x0000 (normal world)\n"
		"\n"
		"line 4: EL2 -> host: version 1.1 [handled by the proxy]\n"
		"  answers line 1: FFA_VERSION 1.1\n"
		"  x0  0x10001  version 1.1 (the callee's)\n";
	char *path = tmp_file("trace.txt", input, strlen(input));
	char *empty = tmp_file("empty.txt", "no registers\n", 13);
	struct spawned r;

	(void)state;
	spawn_sim(&r, path, "decode", "--stdin", NULL);
	spawned_assert_status(&r, 0);
	assert_text(r.cmd, r.out, want);
	spawned_free(&r);
	spawn_sim(&r, empty, "decode", "--stdin", NULL);
	spawned_assert_status(&r, 2);
	assert_text(r.cmd, r.err, "ffa-sim decode: no register values found in the input\n");
	spawned_free(&r);
	g_free(path);
	g_free(empty);
}

static void test_cmd_descriptor(void **state)
{
	struct desc_spec *d = g_new0(struct desc_spec, 1);
	char *raw, *dump, *junk, *want;
	struct spawned r;
	uint8_t buf[512];
	size_t len;

	(void)state;
	len = build(d, FFA_VERSION_1_1, buf, sizeof(buf));
	raw = tmp_file("desc.bin", buf, len);
	dump = tmp_file("desc.xxd", dumps[0], strlen(dumps[0]));
	junk = tmp_file("junk.txt", "hello world\n", 12);
	spawn_sim(&r, NULL, "decode", "--descriptor", raw, NULL);
	spawned_assert_status(&r, 0);
	assert_text(r.cmd, r.out, want_1_1);
	spawned_free(&r);
	/* The same bytes through standard input. */
	spawn_sim(&r, raw, "decode", "--descriptor", "-", NULL);
	spawned_assert_status(&r, 0);
	assert_text(r.cmd, r.out, want_1_1);
	spawned_free(&r);
	/* 52 bytes of a dump: a header and most of one endpoint. */
	spawn_sim(&r, NULL, "decode", "-d", dump, "-l", "1.1", NULL);
	spawned_assert_status(&r, 1);
	assert_true(g_str_has_prefix(r.out, "layout 1.1, as given, 52 bytes\n"));
	spawned_free(&r);
	spawn_sim(&r, NULL, "decode", "--descriptor", junk, NULL);
	spawned_assert_status(&r, 2);
	want = g_strdup_printf("ffa-sim decode: %s: line 1: 'hello' is not hex bytes\n",
			       junk);
	assert_text(r.cmd, r.err, want);
	g_free(want);
	spawned_free(&r);
	spawn_sim(&r, NULL, "decode", "--descriptor", raw, "--layout", "2.0", NULL);
	spawned_assert_status(&r, 2);
	assert_text(r.cmd, r.err, "ffa-sim decode: --layout: '2.0' is not 1.0, 1.1 or 1.2\n");
	spawned_free(&r);
	g_free(raw);
	g_free(dump);
	g_free(junk);
	g_free(d);
}

static int make_tmp(void **state)
{
	(void)state;
	tmp_dir = g_dir_make_tmp("ffa-sim-decode-XXXXXX", NULL);
	return tmp_dir ? 0 : -1;
}

static int remove_tmp(void **state)
{
	const char *names[] = { "trace.txt", "empty.txt", "desc.bin",
				"desc.xxd", "junk.txt" };
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		char *p = g_build_filename(tmp_dir, names[i], NULL);

		remove(p);
		g_free(p);
	}
	remove(tmp_dir);
	g_free(tmp_dir);
	return 0;
}

static void remove_all(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, name, NULL);

		remove(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
}

/*
 * A hop's descriptor in the trace, saved by run --save-descriptors, is
 * the bytes decode --descriptor reads back: the share of
 * share-one-page-then-reclaim, as the host wrote it.
 */
static void test_saved_descriptor_reads_back(void **state)
{
	char *dir = g_build_filename(tmp_dir, "saved", NULL);
	char *file = g_build_filename(dir, "share-one-page-then-reclaim.step3.1-host.bin",
				      NULL);
	char *saved = g_strdup_printf("(saved as %s)", file), *range;
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "run", "--trace", "--save-descriptors", dir,
		  "scenarios/memory/share-reclaim.yaml", NULL);
	spawned_assert_status(&r, 0);
	if (!strstr(r.out, "      descriptor, 96 bytes: from 0x0000, normal memory, write-back, inner shareable, to 0x8001 read-write"))
		fail_msg("the trace does not show the share's descriptor at its hop:\n%s",
			 r.out);
	if (!strstr(r.out, saved))
		fail_msg("the trace does not say where the descriptor was saved (%s):\n%s",
			 saved, r.out);
	spawned_free(&r);
	spawn_sim(&r, NULL, "decode", "--descriptor", file, NULL);
	spawned_assert_status(&r, 0);
	/* buf is the third page of DRAM, whatever the page size. */
	range = g_strdup_printf("  @80   address           %#llx\n",
				0x80000000ULL + 2 * hyp_page_size());
	if (!strstr(r.out, range))
		fail_msg("decode --descriptor %s does not read the range back (%s):\n%s",
			 file, range, r.out);
	g_free(range);
	spawned_free(&r);
	remove_all(dir);
	g_free(saved);
	g_free(file);
	g_free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_sets),
		cmocka_unit_test(test_briefs),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_paste_trace),
		cmocka_unit_test(test_paste_logs),
		cmocka_unit_test(test_descriptor_layouts),
		cmocka_unit_test(test_descriptor_broken),
		cmocka_unit_test(test_descriptor_many_ranges),
		cmocka_unit_test(test_descriptor_garbage),
		cmocka_unit_test(test_hexdumps),
		cmocka_unit_test(test_cmd_registers),
		cmocka_unit_test(test_cmd_refuses),
		cmocka_unit_test(test_cmd_stdin),
		cmocka_unit_test(test_cmd_descriptor),
		cmocka_unit_test(test_saved_descriptor_reads_back),
	};

	return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
