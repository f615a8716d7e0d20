// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario loader on valid input: what each part of the language turns
 * into.  Values stay expressions until run time, so the tests evaluate them
 * the way the runner does, through names_env(), and check real numbers.
 * Broken input is tests/broken/'s business (test_sim_broken.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "proxy/hyp/hyp.h"
#include "sim/lang/names.h"
#include "sim/lang/scenario.h"
#include "tests/check_util.h"

#include <string.h>

/* Fixed whatever the variant, so that addresses below are exact. */
#define PS		4096ULL
#define DRAM		0x80000000ULL
/* What every scenario needs and these tests do not look at. */
#define HEAD		"name: t\ndescription: d\n"

struct fixture {
	struct diag d;
	GPtrArray *scens;
};

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);

	diag_init(&f->d);
	f->scens = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	g_ptr_array_unref(f->scens);
	diag_free(&f->d);
	g_free(f);
	return 0;
}

/* Load text that must be valid into @nr scenarios; the first is returned. */
/*
 * The helpers below check at the caller's line: a macro passes __FILE__
 * and __LINE__ to NAME_at().
 */
#define load_n(state, page_size, text, nr) \
	load_n_at((state), (page_size), (text), (nr), __FILE__, __LINE__)
#define load(state, text) load_n_at((state), PS, (text), 1, __FILE__, __LINE__)
#define loaded(state, i) loaded_at((state), (i), __FILE__, __LINE__)
#define load_fails(state, text, msg) \
	load_fails_at((state), (text), (msg), __FILE__, __LINE__)
#define step_of(s, i) step_of_at((s), (i), __FILE__, __LINE__)
#define eval_full(s, page_size, e, regs, cap, cap_value) \
	eval_full_at((s), (page_size), (e), (regs), (cap), (cap_value), \
		     __FILE__, __LINE__)
#define eval(s, e) eval_full_at((s), PS, (e), NULL, NULL, 0, __FILE__, __LINE__)
#define region(s, name) region_at((s), (name), __FILE__, __LINE__)

/* Text that loads without a diagnostic into @nr scenarios; the first. */
static struct scenario *load_n_at(void **state, size_t page_size,
				  const char *text, unsigned int nr,
				  const char *file, int line)
{
	struct fixture *f = *state;

	if (!scenario_load_string("t.yaml", text, page_size, f->scens,
				  &f->d)) {
		diag_print(&f->d, stderr);
		fail_at(file, line, "the text did not load (diagnostics above): the test's scenario is valid");
	}
	check_int(diag_count(&f->d), 0, "a valid scenario loads quietly");
	check_int(f->scens->len, nr, "each case of the table is a scenario");
	return f->scens->pdata[0];
}

/* The @i-th scenario the test loaded. */
static struct scenario *loaded_at(void **state, unsigned int i,
				  const char *file, int line)
{
	struct fixture *f = *state;

	if (i >= f->scens->len)
		fail_at(file, line, "%u scenarios loaded, expected a scenario %u: each case of the table is one",
			f->scens->len, i);
	return f->scens->pdata[i];
}

/* Text that must load nothing, with exactly @msg as its one diagnostic. */
static void load_fails_at(void **state, const char *text, const char *msg,
			  const char *file, int line)
{
	struct fixture *f = *state;

	check_true(!scenario_load_string("t.yaml", text, PS, f->scens, &f->d),
		   "a broken scenario is refused");
	if (diag_count(&f->d) != 1)
		diag_print(&f->d, stderr);
	check_int(diag_count(&f->d), 1, "one mistake, one diagnostic");
	check_text_at("the diagnostic", diag_message(&f->d, 0), msg,
		      "the message tells the user what is wrong", file, line);
	check_int(f->scens->len, 0, "a file with a mistake runs nothing");
}

static struct step *step_of_at(const struct scenario *s, unsigned int i,
			       const char *file, int line)
{
	if (i >= s->steps->len)
		fail_at(file, line, "%u steps loaded, expected a step %u: each step of the text is one",
			s->steps->len, i);
	return s->steps->pdata[i];
}

/*
 * @e as the runner evaluates it: @regs are what the call returned (NULL
 * outside expect and capture), @cap is a capture's name (or NULL) and
 * @cap_value its value.
 */
static uint64_t eval_full_at(const struct scenario *s, size_t page_size,
			     const struct expr *e, const uint64_t *regs,
			     const char *cap, uint64_t cap_value,
			     const char *file, int line)
{
	struct names n;
	struct expr_env env;
	struct diag d;
	uint64_t v = 0;
	bool ok;

	check_true(e != NULL, "the loader kept the expression");
	names_init(&n, &s->setup, page_size);
	n.regs = regs;
	if (cap)
		names_set_capture(&n, cap, cap_value);
	env = names_env(&n);
	diag_init(&d);
	ok = expr_eval(e, &env, &v, &d);
	if (!ok)
		diag_print(&d, stderr);
	check_true(ok, "a loaded expression evaluates (diagnostics above)");
	diag_free(&d);
	names_free(&n);
	return v;
}

static const struct scen_region *region_at(const struct scenario *s,
					   const char *name, const char *file,
					   int line)
{
	const struct scen_region *r = names_region(&s->setup, name);

	if (!r)
		fail_at(file, line, "no region '%s': the scenario declares it",
			name);
	return r;
}

static void test_cases_expand_with_labels_and_substitution(void **state)
{
	const struct step *st;
	struct scenario *s;

	s = load_n(state, PS,
		"name: reject\n"
		"description: calls the proxy refuses\n"
		"tags: [reject, $fn]\n"
		"cases:\n"
		"  - { case: poll, fn: FFA_MSG_POLL, arg: 1, err: NOT_SUPPORTED }\n"
		"  - { fn: FFA_MSG_WAIT, arg: 0x10, err: INVALID_PARAMETERS }\n"
		"steps:\n"
		"  - call: $fn\n"
		"    x1: $arg << 4\n"
		"    expect: FFA_ERROR $err\n", 2);

	assert_string_equal(s->id, "reject[poll]");
	assert_string_equal(s->file, "t.yaml");
	assert_int_equal(s->line, 1);
	assert_string_equal(s->description, "calls the proxy refuses");
	assert_int_equal(s->tags->len, 2);
	assert_string_equal(s->tags->pdata[1], "FFA_MSG_POLL");
	st = step_of(s, 0);
	assert_int_equal(st->kind, STEP_CALL);
	assert_string_equal(st->title, "call FFA_MSG_POLL");
	assert_int_equal(eval(s, st->regs[0]), FFA_MSG_POLL);
	assert_int_equal(eval(s, st->regs[1]), 0x10);
	assert_string_equal(st->expect.shorthand, "FFA_ERROR NOT_SUPPORTED");
	assert_int_equal(eval(s, st->expect.regs[2].value),
			 (uint64_t)(int64_t)FFA_RET_NOT_SUPPORTED);

	/* Without case:, the first parameter labels the case. */
	s = loaded(state, 1);
	assert_string_equal(s->id, "reject[fn=FFA_MSG_WAIT]");
	st = step_of(s, 0);
	assert_int_equal(eval(s, st->regs[0]), FFA_MSG_WAIT);
	assert_int_equal(eval(s, st->regs[1]), 0x100);
	assert_string_equal(st->expect.shorthand,
			    "FFA_ERROR INVALID_PARAMETERS");
	assert_int_equal(eval(s, st->expect.regs[2].value),
			 (uint64_t)(int64_t)FFA_RET_INVALID_PARAMETERS);
}

/* One bad case in the table: no case may run. */
static void test_broken_case_table_loads_no_case(void **state)
{
	load_fails(state,
		HEAD
		"cases:\n"
		"  - { case: a, fn: FFA_MSG_POLL }\n"
		"  - { case: b, fn: FFA_MSG_WAIT }\n"
		"  - { case: a, fn: FFA_MSG_YIELD }\n"
		"steps:\n"
		"  - call: $fn\n",
		"t.yaml:6:5: two cases are labelled 'a': give each a distinct `case:` name");
}

static void test_defaults(void **state)
{
	const struct spmc_partition_cfg *p;
	struct scenario *s;

	s = load(state,
		HEAD
		"setup:\n"
		"  spmc: { partitions: [{ id: 0x8001, name: sp1 }] }\n"
		"steps:\n"
		"  - call: FFA_VERSION\n");

	assert_int_equal(s->setup.smccc_version, 0x10002);
	assert_int_equal(s->setup.dram_base, DRAM);
	assert_int_equal(s->setup.dram_size, 64ULL << 20);
	assert_int_equal(s->setup.nr_regions, 0);
	assert_int_equal(s->setup.nr_page_sizes, 0);
	assert_null(s->setup.init_result);
	assert_false(s->setup.spmc.no_ffa);
	assert_int_equal(s->setup.spmc.version, FFA_VERSION_1_2);
	assert_int_equal(s->setup.spmc.spmc_id, SPMC_DEFAULT_ID);
	assert_int_equal(s->tags->len, 0);

	assert_int_equal(s->setup.spmc.nr_partitions, 1);
	p = &s->setup.spmc.partitions[0];
	assert_string_equal(s->setup.parts[0].name, "sp1");
	assert_int_equal(s->setup.parts[0].pos.line, 4);
	assert_int_equal(p->id, 0x8001);
	assert_int_equal(p->exec_ctx_count, 1);
	assert_int_equal(p->behaviour, SPMC_DIRECT_ECHO);
	/* An FF-A 1.2 SPMC's partitions take DIRECT_REQ2 too. */
	assert_int_equal(p->properties, FFA_PROP_DIRECT_REQ_RECV |
			 FFA_PROP_AARCH64 | FFA_PROP_DIRECT_REQ2_RECV);
	/* The default UUID ends in the ID, so each partition has its own. */
	assert_int_equal(p->uuid[0], 0xff);
	assert_int_equal(p->uuid[14], 0x80);
	assert_int_equal(p->uuid[15], 0x01);
}

static void test_partition_settings(void **state)
{
	const struct spmc_partition_cfg *p;
	struct scenario *s;

	s = load(state,
		HEAD
		"setup:\n"
		"  smccc: 1.1\n"
		"  spmc:\n"
		"    version: none\n"
		"    id: 0x8100\n"
		"    partitions:\n"
		"      - id: 0x8001\n"
		"        uuid: 12345678-9abc-def0-1234-56789abcdef0\n"
		"        properties: [direct-req-recv, indirect]\n"
		"        contexts: 4\n"
		"        direct: fixed\n"
		"        response: { x3: 7, x4..x5: [8, 9] }\n"
		"      - { id: 0x8002, name: sp2, direct: error BUSY }\n"
		"steps:\n"
		"  - call: FFA_VERSION\n"
		"    x1: uuid(sp2).lo\n");

	assert_int_equal(s->setup.smccc_version, 0x10001);
	assert_true(s->setup.spmc.no_ffa);
	assert_int_equal(s->setup.spmc.spmc_id, 0x8100);
	p = &s->setup.spmc.partitions[0];
	assert_null(s->setup.parts[0].name);
	assert_int_equal(p->uuid[0], 0x12);
	assert_int_equal(p->uuid[7], 0xf0);
	assert_int_equal(p->uuid[15], 0xf0);
	assert_int_equal(p->properties,
			 FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_INDIRECT_MSG);
	assert_int_equal(p->exec_ctx_count, 4);
	assert_int_equal(p->behaviour, SPMC_DIRECT_FIXED);
	assert_int_equal(p->fixed_resp[3], 7);
	assert_int_equal(p->fixed_resp[4], 8);
	assert_int_equal(p->fixed_resp[5], 9);
	p = &s->setup.spmc.partitions[1];
	assert_int_equal(p->behaviour, SPMC_DIRECT_ERROR);
	assert_int_equal(p->error, FFA_RET_BUSY);
	/* uuid(sp2).lo: the default UUID's first eight bytes, little-endian. */
	assert_int_equal(eval(s, step_of(s, 0)->regs[1]),
			 0x00400000001aa5ffULL);
}

/* Named pages follow one another up from the start of DRAM, in order. */
static void test_page_layout(void **state)
{
	const struct scen_region *r;
	struct scenario *s;

	s = load_n(state, 16384,
		HEAD
		"setup:\n"
		"  memory:\n"
		"    dram_base: 0x40000000\n"
		"    dram_size: 32M\n"
		"    mmio: [{ name: uart, base: 0x9000000, size: 32K }]\n"
		"  pages: [tx, rx, { name: buf, count: 2 }, { name: g, owner: guest }]\n"
		"steps:\n"
		"  - call: FFA_VERSION\n"
		"    x1: page(buf, 1)\n"
		"    x2: g - tx\n"
		"    x3: PAGE_SIZE\n", 1);

	assert_int_equal(s->setup.dram_base, 0x40000000);
	assert_int_equal(s->setup.dram_size, 32ULL << 20);
	assert_int_equal(s->setup.nr_regions, 5);
	r = region(s, "uart");
	assert_true(r->mmio);
	assert_int_equal(r->owner, -1);
	assert_int_equal(r->pa, 0x9000000);
	assert_int_equal(r->pages, 2);
	assert_int_equal(region(s, "tx")->pa, 0x40000000);
	assert_int_equal(region(s, "tx")->owner, HYP_OWNER_HOST);
	assert_int_equal(region(s, "rx")->pa, 0x40000000 + 16384);
	r = region(s, "buf");
	assert_int_equal(r->pa, 0x40000000 + 2 * 16384);
	assert_int_equal(r->pages, 2);
	r = region(s, "g");
	assert_int_equal(r->pa, 0x40000000 + 4 * 16384);
	assert_int_equal(r->owner, HYP_OWNER_GUEST);
	assert_false(r->mmio);

	assert_int_equal(eval_full(s, 16384, step_of(s, 0)->regs[1], NULL,
				   NULL, 0), 0x40000000 + 3 * 16384);
	assert_int_equal(eval_full(s, 16384, step_of(s, 0)->regs[2], NULL,
				   NULL, 0), 4 * 16384);
	assert_int_equal(eval_full(s, 16384, step_of(s, 0)->regs[3], NULL,
				   NULL, 0), 16384);
}

static void test_register_ranges_masks_and_unchanged(void **state)
{
	const struct reg_expect *re;
	const struct step *st;
	struct scenario *s;
	uint64_t regs[SMC_NR_REGS] = { 0 };
	unsigned int r;

	s = load(state,
		HEAD
		"steps:\n"
		"  - call: FFA_MSG_SEND_DIRECT_REQ\n"
		"    x1..x3: [0x8001, 0, 3]\n"
		"    x7: 7\n"
		"    expect:\n"
		"      x0: FFA_MSG_SEND_DIRECT_RESP\n"
		"      w2: { value: 0x12, mask: 0xff }\n"
		"      x3..x5: [3, x3 + 1, 0]\n"
		"      x8..x17: unchanged\n");

	st = step_of(s, 0);
	assert_int_equal(eval(s, st->regs[1]), 0x8001);
	assert_int_equal(eval(s, st->regs[2]), 0);
	assert_int_equal(eval(s, st->regs[3]), 3);
	assert_null(st->regs[4]);
	assert_int_equal(eval(s, st->regs[7]), 7);

	re = st->expect.regs;
	assert_int_equal(re[0].check, REG_EXACT);
	assert_false(re[0].low32);
	assert_int_equal(eval(s, re[0].value), FFA_MSG_SEND_DIRECT_RESP);
	assert_int_equal(re[0].pos.line, 8);
	assert_int_equal(re[1].check, REG_UNSET);
	assert_int_equal(re[2].check, REG_MASKED);
	assert_true(re[2].low32);
	assert_int_equal(eval(s, re[2].value), 0x12);
	assert_int_equal(eval(s, re[2].mask), 0xff);
	/* Expectations may read the returned registers. */
	regs[3] = 41;
	assert_int_equal(re[4].check, REG_EXACT);
	assert_int_equal(eval_full(s, PS, re[4].value, regs, NULL, 0), 42);
	assert_int_equal(eval(s, re[5].value), 0);
	assert_int_equal(re[6].check, REG_UNSET);
	for (r = 8; r < SMC_NR_REGS; r++)
		assert_int_equal(re[r].check, REG_UNCHANGED);
}

/* A check at the test's own line. */
#define check_here(got, want, why) \
	check_int_at(#got, (long long)(got), (long long)(want), (why), \
		     __FILE__, __LINE__)

/* The runner visits only the registers a step writes and checks. */
static void test_registers_used(void **state)
{
	const struct step *st, *item;
	struct scenario *s;

	s = load(state,
		HEAD
		"steps:\n"
		"  - call: FFA_MSG_SEND_DIRECT_REQ\n"
		"    x1..x3: [0x8001, 0, 3]\n"
		"    x7: 7\n"
		"    expect:\n"
		"      x0: FFA_MSG_SEND_DIRECT_RESP\n"
		"      w2: { value: 0x12, mask: 0xff }\n"
		"      x5: 0\n"
		"      x8..x17: unchanged\n"
		"  - concurrently:\n"
		"      - cpu: 0\n"
		"        call: FFA_ID_GET\n"
		"      - cpu: 1\n"
		"        call: FFA_ID_GET\n"
		"        expect:\n"
		"          one_of:\n"
		"            - FFA_SUCCESS\n"
		"            - FFA_ERROR INVALID_PARAMETERS\n");

	st = step_of(s, 0);
	check_here(st->nr_regs, 8,
		   "x7 is the last register the step writes");
	check_here(st->expect.reg_mask, 1u << 0 | 1u << 2 | 1u << 5 | 0x3ff00,
		   "x0, w2, x5 and x8..x17 are checked, no other");
	st = step_of(s, 1);
	item = st->group->items[0];
	check_here(item->nr_regs, 1,
		   "a call writes x0, its function");
	check_here(item->expect.reg_mask, 0,
		   "an expect: left out checks none");
	item = st->group->items[1];
	check_here(item->expect.reg_mask, 0,
		   "one_of: checks in its answers");
	check_here(item->expect.nr_one_of, 2,
		   "two answers");
	check_here(item->expect.one_of[0].reg_mask, 1u << 0,
		   "FFA_SUCCESS is x0");
	check_here(item->expect.one_of[1].reg_mask, 1u << 0 | 1u << 2,
		   "FFA_ERROR NAME is x0 and w2");
}

static void test_result_shorthands(void **state)
{
	const struct step *st;
	struct scenario *s;

	/* A panic (fault, BUG, WARN) ends a scenario: one a document. */
	s = load_n(state, PS,
		HEAD
		"steps:\n"
		"  - call: FFA_MSG_POLL\n"
		"    expect: FFA_ERROR  NOT_SUPPORTED\n"
		"  - call: FFA_ID_GET\n"
		"    expect: FFA_SUCCESS\n"
		"  - call: FFA_FEATURES\n"
		"    expect: { result: FFA_ERROR DENIED, x3: 0, bug: no }\n"
		"  - call: FFA_MEM_RECLAIM\n"
		"    expect: fault\n"
		"---\n"
		HEAD
		"steps:\n"
		"  - call: FFA_RXTX_UNMAP\n"
		"    expect: { bug: yes }\n"
		"---\n"
		HEAD
		"steps:\n"
		"  - call: FFA_RXTX_UNMAP\n"
		"    expect: { warn: [ffa.c] }\n", 3);

	/* FFA_ERROR NAME: x0 is FFA_ERROR, w2 the code (bits 31:0 only). */
	st = step_of(s, 0);
	assert_int_equal(st->expect.regs[0].check, REG_EXACT);
	assert_false(st->expect.regs[0].low32);
	assert_int_equal(eval(s, st->expect.regs[0].value), FFA_ERROR);
	assert_int_equal(st->expect.regs[2].check, REG_EXACT);
	assert_true(st->expect.regs[2].low32);
	assert_int_equal((uint32_t)eval(s, st->expect.regs[2].value),
			 (uint32_t)FFA_RET_NOT_SUPPORTED);
	/* Messages about w2 point at the error's name. */
	assert_int_equal(st->expect.regs[2].pos.line, 5);
	assert_int_equal(st->expect.regs[2].pos.col, 24);
	assert_int_equal(st->expect.regs[1].check, REG_UNSET);

	st = step_of(s, 1);
	assert_int_equal(eval(s, st->expect.regs[0].value), FFA_SUCCESS);
	assert_int_equal(st->expect.regs[2].check, REG_UNSET);
	assert_string_equal(st->expect.shorthand, "FFA_SUCCESS");

	st = step_of(s, 2);
	assert_int_equal(eval(s, st->expect.regs[0].value), FFA_ERROR);
	assert_int_equal((uint32_t)eval(s, st->expect.regs[2].value),
			 (uint32_t)FFA_RET_DENIED);
	assert_int_equal(eval(s, st->expect.regs[3].value), 0);
	assert_int_equal(st->expect.nr_warns, 0);
	assert_false(st->expect.bug);

	st = step_of(s, 3);
	assert_true(st->expect.fault);
	assert_int_equal(st->expect.regs[0].check, REG_UNSET);

	st = step_of(loaded(state, 1), 0);
	assert_true(st->expect.bug);
	assert_int_equal(st->expect.nr_warns, 0);

	st = step_of(loaded(state, 2), 0);
	assert_false(st->expect.bug);
	assert_int_equal(st->expect.nr_warns, 1);
	assert_string_equal(st->expect.warns[0], "ffa.c");
}

static void test_captures(void **state)
{
	uint64_t regs[SMC_NR_REGS] = { 0 };
	const struct step *st;
	struct scenario *s;

	s = load(state,
		HEAD
		"setup:\n"
		"  pages: [buf]\n"
		"steps:\n"
		"  - call: FFA_ID_GET\n"
		"    capture: { id: w2, handle: w2 | x3 << 32 }\n"
		"    then:\n"
		"      memory buf + id: { bytes: [1] }\n"
		"  - call: FFA_MEM_RECLAIM\n"
		"    x1: handle.lo\n"
		"    x2: handle.hi\n");

	st = step_of(s, 0);
	assert_int_equal(st->nr_captures, 2);
	assert_string_equal(st->captures[0].name, "id");
	assert_string_equal(st->captures[1].name, "handle");
	regs[2] = 0xffffffff00000005ULL;
	regs[3] = 0x7;
	assert_int_equal(eval_full(s, PS, st->captures[0].value, regs, NULL, 0),
			 5);
	assert_int_equal(eval_full(s, PS, st->captures[1].value, regs, NULL, 0),
			 0x700000005ULL);
	/* A step's then: sees its own captures. */
	assert_int_equal(eval_full(s, PS, st->thens[0]->addr, NULL, "id", 8),
			 DRAM + 8);

	st = step_of(s, 1);
	assert_int_equal(eval_full(s, PS, st->regs[1], NULL, "handle",
				   0x1234567890ULL), 0x34567890);
	assert_int_equal(eval_full(s, PS, st->regs[2], NULL, "handle",
				   0x1234567890ULL), 0x12);
}

static void test_then_subjects(void **state)
{
	const struct then_check *c;
	const struct step *st;
	struct scenario *s;

	s = load(state,
		HEAD
		"setup:\n"
		"  spmc: { version: 1.1, partitions: [{ id: 0x8001, name: sp1 }] }\n"
		"  pages: [tx, rx, { name: buf, count: 3 }]\n"
		"steps:\n"
		"  - call: FFA_VERSION\n"
		"    then:\n"
		"      page rx: shared-with-hyp\n"
		"      pages buf: { state: owned-by-host, pins: 0 }\n"
		"      pages tx..page(buf, 1): { pins: 1 }\n"
		"      spmc handles: [1, 2]\n"
		"      handle 5: { op: lend, complete: no, receivers: [sp1], retrieved_by: [] }\n"
		"      message to sp1: { seen: yes, count: 2, w3: 7 }\n"
		"      memory page(buf, 2): hello\n"
		"      spmc rx: { mapped: no, pages: 1 }\n"
		"      spmc version: 1.1\n");

	st = step_of(s, 0);
	assert_int_equal(st->nr_thens, 9);

	c = st->thens[0];
	assert_int_equal(c->kind, THEN_PAGES);
	assert_string_equal(c->subject, "page rx");
	assert_int_equal(c->pos.line, 9);
	assert_int_equal(eval(s, c->first), DRAM + PS);
	assert_int_equal(eval(s, c->last), DRAM + PS);
	assert_int_equal(c->word, PW_SHARED_WITH_HYP);
	assert_null(c->pins);

	/* pages NAME: every page of it. */
	c = st->thens[1];
	assert_int_equal(eval(s, c->first), DRAM + 2 * PS);
	assert_int_equal(eval(s, c->last), DRAM + 4 * PS);
	assert_int_equal(c->word, PW_OWNED_BY_HOST);
	assert_int_equal(eval(s, c->pins), 0);

	c = st->thens[2];
	assert_int_equal(eval(s, c->first), DRAM);
	assert_int_equal(eval(s, c->last), DRAM + 3 * PS);
	assert_int_equal(c->word, -1);
	assert_int_equal(eval(s, c->pins), 1);

	c = st->thens[3];
	assert_int_equal(c->kind, THEN_HANDLES);
	assert_int_equal(c->nr_items, 2);
	assert_int_equal(eval(s, c->items[1]), 2);

	c = st->thens[4];
	assert_int_equal(c->kind, THEN_HANDLE);
	assert_int_equal(eval(s, c->handle), 5);
	assert_int_equal(c->op, SPMC_MEM_LEND);
	assert_int_equal(c->complete, 0);
	assert_true(c->has_receivers);
	assert_int_equal(c->nr_items, 1);
	assert_int_equal(eval(s, c->items[0]), 0x8001);
	assert_true(c->has_retrieved);
	assert_int_equal(c->nr_retrieved, 0);

	c = st->thens[5];
	assert_int_equal(c->kind, THEN_MESSAGE);
	assert_int_equal(c->part_id, 0x8001);
	assert_int_equal(c->seen, 1);
	assert_int_equal(eval(s, c->count), 2);
	assert_int_equal(c->regs[3].check, REG_EXACT);
	assert_true(c->regs[3].low32);
	assert_int_equal(eval(s, c->regs[3].value), 7);

	c = st->thens[6];
	assert_int_equal(c->kind, THEN_MEMORY);
	assert_int_equal(eval(s, c->addr), DRAM + 4 * PS);
	assert_int_equal(c->nr_bytes, 5);
	assert_memory_equal(c->bytes, "hello", 5);

	c = st->thens[7];
	assert_int_equal(c->kind, THEN_RX);
	assert_int_equal(c->mapped, 0);
	assert_int_equal(eval(s, c->value), 1);

	c = st->thens[8];
	assert_int_equal(c->kind, THEN_VERSION);
	assert_int_equal(c->version, FFA_VERSION_1_1);
	/* Unchecked tristates stay -1. */
	assert_int_equal(st->thens[0]->complete, -1);
	assert_int_equal(st->thens[0]->seen, -1);
	assert_int_equal(st->thens[0]->mapped, -1);
}

/* Text inside a then: key is placed by its own column. */
static void test_then_key_columns(void **state)
{
	load_fails(state,
		HEAD
		"setup:\n"
		"  pages: [tx, rx]\n"
		"steps:\n"
		"  - call: FFA_VERSION\n"
		"    then:\n"
		"      pages txx..rx: owned-by-host\n",
		"t.yaml:8:13: unknown name 'txx' (did you mean tx?)");
}

static void test_share_descriptor(void **state)
{
	const struct mem_send *m;
	const struct step *st;
	struct scenario *s;

	/* In flow style a comma ends a value: quote expressions with one. */
	s = load(state,
		HEAD
		"setup:\n"
		"  spmc: { partitions: [{ id: 0x8001, name: sp1 }, { id: 0x8002, name: sp2 }] }\n"
		"  pages: [tx, rx, { name: buf, count: 2 }, other]\n"
		"steps:\n"
		"  - share:\n"
		"      layout: 1.0\n"
		"      abi: smc32\n"
		"      sender: 0x1\n"
		"      attributes: FFA_ATTRS_NORMAL_WB_IS\n"
		"      flags: FFA_MTD_FLAG_ZERO_MEMORY\n"
		"      tag: 9\n"
		"      to:\n"
		"        - { id: sp1, access: ro, exec: nx }\n"
		"        - { id: sp2, perms: 6, flags: FFA_EMAD_FLAG_NON_RETRIEVAL }\n"
		"      ranges: [{ at: buf }, { at: other, pages: 3 }, { at: tx, ffa_pages: 1 }]\n"
		"      override: { emad_count: 3 }\n"
		"      poke: [{ offset: 4, size: 2, value: 0xbeef }]\n"
		"      fragment: 48\n"
		"    x3: 0x100\n"
		"  - lend: { to: [{ id: sp1 }], ranges: [{ at: \"page(buf, 1)\" }] }\n"
		"  - donate: { to: [{ id: 0x8002 }], ranges: [{ at: other }], handle: 7 }\n");

	st = step_of(s, 0);
	assert_int_equal(st->kind, STEP_MEM_SEND);
	assert_string_equal(st->title, "share");
	assert_int_equal(eval(s, st->regs[3]), 0x100);
	m = st->mem;
	assert_int_equal(m->op, FFA_MTD_TYPE_SHARE);
	assert_int_equal(m->layout, FFA_VERSION_1_0);
	assert_true(m->smc32);
	assert_int_equal(eval(s, m->sender), 1);
	assert_int_equal(eval(s, m->attrs), FFA_ATTRS_NORMAL_WB_IS);
	assert_int_equal(eval(s, m->flags), FFA_MTD_FLAG_ZERO_MEMORY);
	assert_int_equal(eval(s, m->tag), 9);
	assert_null(m->handle);

	assert_int_equal(m->nr_receivers, 2);
	assert_int_equal(eval(s, m->receivers[0].id), 0x8001);
	assert_int_equal(m->receivers[0].data, FFA_DATA_RO);
	assert_int_equal(m->receivers[0].instr, FFA_INSTR_NX);
	assert_null(m->receivers[0].perms);
	/* access defaults to rw; perms, when given, is the raw byte. */
	assert_int_equal(m->receivers[1].data, FFA_DATA_RW);
	assert_int_equal(m->receivers[1].instr, FFA_INSTR_NOT_SPECIFIED);
	assert_int_equal(eval(s, m->receivers[1].perms), 6);
	assert_int_equal(eval(s, m->receivers[1].flags),
			 FFA_EMAD_FLAG_NON_RETRIEVAL);

	/* at: NAME takes all of the named pages unless told otherwise. */
	assert_int_equal(m->nr_ranges, 3);
	assert_int_equal(eval(s, m->ranges[0].address), DRAM + 2 * PS);
	assert_int_equal(eval(s, m->ranges[0].pages), 2);
	assert_int_equal(eval(s, m->ranges[1].address), DRAM + 4 * PS);
	assert_int_equal(eval(s, m->ranges[1].pages), 3);
	assert_null(m->ranges[2].pages);
	assert_int_equal(eval(s, m->ranges[2].ffa_pages), 1);

	assert_int_equal(eval(s, m->override[DESC_F_EMAD_COUNT]), 3);
	assert_null(m->override[DESC_F_RANGE_COUNT]);
	assert_int_equal(m->nr_pokes, 1);
	assert_int_equal(eval(s, m->poke_offset[0]), 4);
	assert_int_equal(m->poke_size[0], 2);
	assert_int_equal(eval(s, m->poke_value[0]), 0xbeef);
	assert_int_equal(eval(s, m->fragment), 48);

	m = step_of(s, 1)->mem;
	assert_int_equal(m->op, FFA_MTD_TYPE_LEND);
	/* 0: the version the host negotiated; smc64 by default. */
	assert_int_equal(m->layout, 0);
	assert_false(m->smc32);
	assert_int_equal(eval(s, m->ranges[0].address), DRAM + 3 * PS);
	/* An address, not a name: one page. */
	assert_int_equal(eval(s, m->ranges[0].pages), 1);
	assert_int_equal(m->receivers[0].data, FFA_DATA_RW);
	assert_null(m->fragment);

	m = step_of(s, 2)->mem;
	assert_int_equal(m->op, FFA_MTD_TYPE_DONATE);
	assert_int_equal(eval(s, m->handle), 7);
	assert_int_equal(eval(s, m->receivers[0].id), 0x8002);
}

static void test_inject(void **state)
{
	const struct step *st;
	struct scenario *s;

	s = load(state,
		HEAD
		"steps:\n"
		"  - inject: { spmc: FFA_MEM_SHARE, error: NO_MEMORY }\n"
		"  - inject: { spmc: any, corrupt: frag_len, value: 0x10, times: always }\n"
		"  - inject: { hyp: share_ffa, error: ENOMEM, times: 3 }\n");

	st = step_of(s, 0);
	assert_int_equal(st->kind, STEP_INJECT_SPMC);
	assert_int_equal(st->fault.fid, FFA_MEM_SHARE);
	assert_int_equal(st->fault.kind, SPMC_FAULT_ERROR);
	assert_int_equal(st->times, 1);
	assert_int_equal(st->fault.count, 1);
	assert_int_equal(eval(s, st->inj_value),
			 (uint64_t)(int64_t)FFA_RET_NO_MEMORY);

	st = step_of(s, 1);
	assert_int_equal(st->fault.fid, SPMC_FAULT_ANY_FID);
	assert_int_equal(st->fault.kind, SPMC_FAULT_FRAG_LEN);
	/* always: no limit. */
	assert_int_equal(st->times, 0);
	assert_int_equal(st->fault.count, 0);
	assert_int_equal(eval(s, st->inj_value), 0x10);

	st = step_of(s, 2);
	assert_int_equal(st->kind, STEP_INJECT_HYP);
	assert_int_equal(st->hyp_op, HYP_OP_SHARE_FFA);
	assert_int_equal(st->times, 3);
	assert_int_equal(eval(s, st->inj_value), 12);
}

static void test_partition_actions_and_stuck(void **state)
{
	const struct step *st;
	struct scenario *s;

	s = load(state,
		HEAD
		"setup:\n"
		"  spmc: { partitions: [{ id: 0x8001, name: sp1 }, { id: 0x8002 }] }\n"
		"  pages: [{ name: buf, count: 2 }]\n"
		"steps:\n"
		"  - retrieve: { by: sp1, handle: 5, access: ro, type: lend }\n"
		"    expect: ok\n"
		"  - relinquish: { by: 0x8002, handle: 5 }\n"
		"    expect: DENIED\n"
		"  - sp_write: { by: sp1, handle: 5, offset: 8, bytes: [1, 0xff] }\n"
		"  - host_write: { at: buf, text: hi }\n"
		"  - respond: { by: sp1, x3..x4: [1, 2] }\n"
		"  - call: FFA_MEM_RECLAIM\n"
		"    stuck: { pages: buf, reason: the proxy leaks on this path }\n");

	st = step_of(s, 0);
	assert_int_equal(st->kind, STEP_RETRIEVE);
	assert_int_equal(st->part_id, 0x8001);
	assert_int_equal(eval(s, st->handle), 5);
	assert_int_equal(st->data, FFA_DATA_RO);
	assert_int_equal(st->instr, FFA_INSTR_NOT_SPECIFIED);
	assert_int_equal(st->mtd_type, FFA_MTD_TYPE_LEND);
	assert_int_equal(eval(s, st->expect.status), 0);

	st = step_of(s, 1);
	assert_int_equal(st->kind, STEP_RELINQUISH);
	assert_int_equal(st->part_id, 0x8002);
	assert_int_equal(eval(s, st->expect.status),
			 (uint64_t)(int64_t)FFA_RET_DENIED);

	st = step_of(s, 2);
	assert_int_equal(st->kind, STEP_SP_WRITE);
	assert_int_equal(eval(s, st->offset), 8);
	assert_int_equal(st->nr_bytes, 2);
	assert_int_equal(st->bytes[1], 0xff);

	st = step_of(s, 3);
	assert_int_equal(st->kind, STEP_HOST_WRITE);
	assert_int_equal(eval(s, st->offset), DRAM);
	assert_int_equal(st->nr_bytes, 2);
	assert_memory_equal(st->bytes, "hi", 2);

	st = step_of(s, 4);
	assert_int_equal(st->kind, STEP_RESPOND);
	assert_true(s->setup.parts[0].scripted);
	assert_false(s->setup.parts[1].scripted);
	assert_int_equal(eval(s, st->regs[4]), 2);

	st = step_of(s, 5);
	assert_string_equal(st->stuck_reason, "the proxy leaks on this path");
	assert_int_equal(eval(s, st->stuck_first), DRAM);
	assert_int_equal(eval(s, st->stuck_last), DRAM + PS);
}

static void test_page_size_requirements(void **state)
{
	struct scenario *s;

	s = load_n(state, PS,
		"name: one\n"
		"description: d\n"
		"requires: { page_size: 16K }\n"
		"steps: [{ call: FFA_VERSION }]\n"
		"---\n"
		"name: two\n"
		"description: d\n"
		"requires:\n"
		"  page_size: [4K, 0x10000]\n"
		"steps: [{ call: FFA_VERSION }]\n", 2);

	assert_int_equal(s->setup.nr_page_sizes, 1);
	assert_int_equal(s->setup.page_sizes[0], 16384);
	s = loaded(state, 1);
	assert_int_equal(s->setup.nr_page_sizes, 2);
	assert_int_equal(s->setup.page_sizes[0], 4096);
	assert_int_equal(s->setup.page_sizes[1], 65536);
}

/* Documents load in order and keep their own line; anchors stay local. */
static void test_multiple_documents(void **state)
{
	struct scenario *s;

	load_n(state, PS,
		"name: first\n"
		"description: d\n"
		"steps:\n"
		"  - call: FFA_VERSION\n"
		"    x1: &v version(1, 1)\n"
		"    x2: *v\n"
		"---\n"
		"# a comment\n"
		"name: second\n"
		"description: d\n"
		"steps: [{ call: FFA_ID_GET }]\n"
		"...\n"
		"---\n"
		"name: third\n"
		"description: d\n"
		"cases: [{ n: 1 }, { n: 2 }]\n"
		"steps: [{ call: FFA_VERSION, x1: $n }]\n", 4);

	s = loaded(state, 0);
	assert_string_equal(s->id, "first");
	assert_int_equal(s->line, 1);
	assert_int_equal(eval(s, step_of(s, 0)->regs[2]), 0x10001);
	s = loaded(state, 1);
	assert_string_equal(s->id, "second");
	assert_int_equal(s->line, 9);
	s = loaded(state, 2);
	assert_string_equal(s->id, "third[n=1]");
	assert_int_equal(s->line, 14);
	s = loaded(state, 3);
	assert_string_equal(s->id, "third[n=2]");
	assert_int_equal(eval(s, step_of(s, 0)->regs[1]), 2);
}

/* The init result, a version by expression and setup keys in any order. */
static void test_setup_values(void **state)
{
	struct scenario *s;

	s = load(state,
		HEAD
		"setup:\n"
		"  init: -EOPNOTSUPP\n"
		"  smccc: version(1, 3)\n"
		"  spmc:\n"
		"    partitions: [{ id: 0x8001 }]\n"
		"    version: 1.1\n"
		"    rxtx_min: 64K\n"
		"    after_negotiation: lock-refuse\n"
		"    version_first: yes\n"
		"steps: [{ call: FFA_VERSION }]\n");

	assert_int_equal(s->setup.smccc_version, 0x10003);
	assert_int_equal(eval(s, s->setup.init_result),
			 (uint64_t)-95);
	assert_int_equal(s->setup.spmc.version, FFA_VERSION_1_1);
	assert_int_equal(s->setup.spmc.rxtx_min_code, FFA_RXTX_MIN_64K);
	assert_true(s->setup.spmc.require_version_first);
	/* The version is read first, so a 1.1 partition has no REQ2. */
	assert_int_equal(s->setup.spmc.partitions[0].properties,
			 FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_AARCH64);
}

#define TEST(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_cases_expand_with_labels_and_substitution),
		TEST(test_broken_case_table_loads_no_case),
		TEST(test_defaults),
		TEST(test_partition_settings),
		TEST(test_page_layout),
		TEST(test_register_ranges_masks_and_unchanged),
		TEST(test_registers_used),
		TEST(test_result_shorthands),
		TEST(test_captures),
		TEST(test_then_subjects),
		TEST(test_then_key_columns),
		TEST(test_share_descriptor),
		TEST(test_inject),
		TEST(test_partition_actions_and_stuck),
		TEST(test_page_size_requirements),
		TEST(test_multiple_documents),
		TEST(test_setup_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
