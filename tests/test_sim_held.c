// SPDX-License-Identifier: GPL-2.0-only
/*
 * held.c follows what the mock SPMC holds by the handles the SPMC says
 * changed (spmc_held_changes()), not by a walk of every range.  Each test
 * changes the SPMC's ranges (shares, fragments, reclaims, many at once,
 * more than the SPMC remembers, another SPMC) and requires the follower
 * to agree page by page with a held made fresh, which walks everything,
 * and to have reported each range that came or went once.  A delta that
 * dropped a range without counting it out, counted one twice or missed a
 * handle leaves a page the walk disagrees with.
 */
#include <string.h>

#include <glib.h>

#include "sim/exec/held.h"
#include "tests/check_util.h"
#include "tests/spmc_test_util.h"

/* Larger than an FF-A page: a host page holds several, counted. */
#define HOST_PAGE	0x4000ULL
/* Where the tests' shares lie. */
#define SPAN		(4ULL << 20)

struct seen {
	unsigned int added, removed;
};

static struct fx f;
static struct held *follower;
static struct seen seen;
static uint64_t last_gen;	/* the SPMC's when the follower last looked */

static void note(void *ctx, const struct held_range *r, bool added)
{
	struct seen *s = ctx;

	(void)r;
	if (added)
		s->added++;
	else
		s->removed++;
}

static void ignore(void *ctx, const struct held_range *r, bool added)
{
	(void)ctx;
	(void)r;
	(void)added;
}

static void count_range(void *ctx, uint64_t handle,
			const struct spmc_range *range)
{
	(void)handle;
	(void)range;
	++*(unsigned int *)ctx;
}

/*
 * What the SPMC answers the follower next: the handles that changed
 * since it last looked (-1: it cannot say, the follower walks).
 */
static int changes_now(void)
{
	uint64_t handles[16], gen;
	unsigned int ranges = 0;

	return spmc_held_changes(f.spmc, last_gen, &gen, handles, 16,
				 count_range, &ranges);
}

static void follow(void)
{
	memset(&seen, 0, sizeof(seen));
	held_update(follower, f.spmc, note, &seen);
	last_gen = spmc_held_generation(f.spmc);
}

/* The follower catches up and agrees with a walk on every page. */
#define follow_and_agree(when, came, went) \
	follow_and_agree_at((when), (came), (went), __FILE__, __LINE__)

static void follow_and_agree_at(const char *when, unsigned int came,
				unsigned int went, const char *file, int line)
{
	struct held *walk = held_new(HOST_PAGE);
	const struct holder *a, *b;
	uint64_t pa;

	follow();
	held_update(walk, f.spmc, ignore, NULL);
	for (pa = T_MEM; pa < T_MEM + SPAN; pa += HOST_PAGE) {
		a = held_page(follower, pa);
		b = held_page(walk, pa);
		if (!a != !b || (a && (a->count != b->count ||
				       a->handle != b->handle ||
				       a->pa != b->pa)))
			fail_at(file, line, "%s: host page %#llx: following the changes it is %s (%u FF-A pages, handle %#llx), a walk of every range finds it %s (%u, handle %#llx): the delta lost or doubled a range",
				when, (unsigned long long)pa,
				a ? "held" : "free", a ? a->count : 0,
				(unsigned long long)(a ? a->handle : 0),
				b ? "held" : "free", b ? b->count : 0,
				(unsigned long long)(b ? b->handle : 0));
	}
	held_free(walk);
	check_int(seen.added, came, "each range that came is reported once");
	check_int(seen.removed, went, "each range that went is reported once");
}

/* The next update takes the SPMC's changes, not a walk. */
#define expect_delta(n) expect_delta_at((n), __FILE__, __LINE__)

static void expect_delta_at(int n, const char *file, int line)
{
	check_int(changes_now(), n,
		  "the SPMC names the handles that changed since the follower looked");
}

/* A share of @pages FF-A pages at @pa to SP1; the handle. */
static uint64_t share(uint64_t pa, uint32_t pages)
{
	struct desc_spec *d = g_new(struct desc_spec, 1);
	uint64_t handle;

	t_desc_default(d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	d->ranges[0].address = pa;
	d->ranges[0].pages = pages;
	handle = fx_share(&f, FFA_MEM_SHARE, d);
	g_free(d);
	return handle;
}

static void reclaim(uint64_t handle)
{
	struct smc_regs r = fx_call(&f, FFA_MEM_RECLAIM, (uint32_t)handle,
				    handle >> 32, 0, 0, 0);

	assert_success(&r, "the sender reclaims what it shared");
}

static int setup(void **state)
{
	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	follower = held_new(HOST_PAGE);
	follow();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	held_free(follower);
	fx_fini(&f);
	return 0;
}

static void test_share_then_reclaim(void **state)
{
	uint64_t handle;

	(void)state;
	handle = share(T_MEM, 2);
	expect_delta(1);
	follow_and_agree("after a share", 1, 0);
	if (!held_page(follower, T_MEM))
		fail_msg("the shared page %#llx is not held after the share",
			 (unsigned long long)T_MEM);
	reclaim(handle);
	expect_delta(1);
	follow_and_agree("after its reclaim", 0, 1);
	if (held_page(follower, T_MEM))
		fail_msg("the reclaimed page %#llx is still held: its range went without being counted out",
			 (unsigned long long)T_MEM);
	/* Nothing changed: nothing to take, nothing reported. */
	expect_delta(0);
	follow_and_agree("after no change", 0, 0);
}

/* Two FF-A pages of one host page, from two handles, go one at a time. */
static void test_two_handles_in_one_page(void **state)
{
	uint64_t first, second;

	(void)state;
	first = share(T_MEM, 1);
	second = share(T_MEM + 0x1000, 1);
	expect_delta(2);
	follow_and_agree("after two shares into one host page", 2, 0);
	if (!held_page(follower, T_MEM) || held_page(follower, T_MEM)->count != 2)
		fail_msg("host page %#llx: expected 2 FF-A pages held, got %u: each share counts its page",
			 (unsigned long long)T_MEM,
			 held_page(follower, T_MEM) ?
			 held_page(follower, T_MEM)->count : 0);
	reclaim(second);
	expect_delta(1);
	follow_and_agree("after the second's reclaim", 0, 1);
	reclaim(first);
	follow_and_agree("after the first's reclaim", 0, 1);
}

/* The ranges the SPMC holds for @handle so far. */
static unsigned int ranges_of(uint64_t handle)
{
	struct spmc_txn_info info;

	if (!spmc_txn_find(f.spmc, handle, &info))
		fail_msg("the SPMC does not know handle %#llx it answered",
			 (unsigned long long)handle);
	return info.nr_ranges;
}

static void test_fragments(void **state)
{
	static struct frag_share s;
	unsigned int first;
	struct smc_regs r;

	(void)state;
	t_desc_many_ranges(&s.d, FFA_VERSION_1_1, 300);
	fx_send_first_frag(&f, FFA_MEM_SHARE, &s, 4096);
	first = ranges_of(s.handle);
	if (!first || first >= 300)
		fail_msg("the first fragment brought %u of 300 ranges: the test needs some, not all",
			 first);
	expect_delta(1);
	follow_and_agree("after the first fragment", first, 0);
	fx_write_tx(&f, s.buf + 4096, s.total - 4096);
	r = fx_call(&f, FFA_MEM_FRAG_TX, (uint32_t)s.handle, s.handle >> 32,
		    s.total - 4096, 0, 0);
	assert_success(&r, "the last fragment completes the share");
	expect_delta(1);
	follow_and_agree("after the last fragment", 300 - first, 0);
	reclaim(s.handle);
	follow_and_agree("after the reclaim", 0, 300);
}

static void test_several_handles_at_once(void **state)
{
	uint64_t handles[6];
	unsigned int i;

	(void)state;
	for (i = 0; i < 5; i++)
		handles[i] = share(T_MEM + i * 0x10000, 3);
	expect_delta(5);
	follow_and_agree("after five shares", 5, 0);
	reclaim(handles[3]);
	handles[5] = share(T_MEM + 0x80000, 1);
	reclaim(handles[1]);
	expect_delta(3);
	follow_and_agree("after two reclaims and a share", 1, 2);
}

/* More changes than the SPMC remembers: it cannot say, the follower walks. */
static void test_more_than_remembered(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < 20; i++)
		share(T_MEM + i * 0x10000, 1);
	assert_int_equal(changes_now(), -1);	/* more than it remembers */
	follow_and_agree("after 20 shares", 20, 0);
	share(T_MEM + 0x200000, 1);
	expect_delta(1);
	follow_and_agree("after one more", 1, 0);
}

/* A generation of another SPMC is none of this one's. */
static void test_another_spmc(void **state)
{
	(void)state;
	share(T_MEM, 2);
	follow_and_agree("after a share", 1, 0);
	fx_fini(&f);
	fx_ready(&f, FFA_VERSION_1_1);
	share(T_MEM + 0x40000, 1);
	assert_int_equal(changes_now(), -1);	/* not its generation */
	follow_and_agree("on a new SPMC", 1, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_share_then_reclaim),
		T(test_two_handles_in_one_page),
		T(test_fragments),
		T(test_several_handles_at_once),
		T(test_more_than_remembered),
		T(test_another_spmc),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
