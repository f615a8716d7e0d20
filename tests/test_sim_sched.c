// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CPU threads and their scheduler (sim/sched/sched.c) over the hyp's real
 * spinlocks and page-state model, and the orders of sim/sched/order.c: every
 * order of a small group exactly once, a replayed order, CPUs at once,
 * per-CPU events, and the deadlocks a scheduler must name.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "proxy/hyp/hyp.h"
#include "sim/sched/order.h"
#include "sim/sched/sched.h"
#include "tests/check_util.h"
#include "tests/el3_double_util.h"

int __pkvm_host_share_ffa(unsigned long long pfn, unsigned long long n);
int __pkvm_host_unshare_ffa(unsigned long long pfn, unsigned long long n);

/*
 * A hyp spinlock as proxy/include/nvhe/spinlock.h lays it out, taken the
 * way its macros do: the tests need locks that ffa.c would never leave
 * held.
 */
struct test_lock {
	int locked;
	int owner;
};
void sim_hyp_spin_lock(struct test_lock *lock, const char *name,
		       const char *file, int line);
void sim_hyp_spin_unlock(struct test_lock *lock, const char *name);

#define BASE	0x80000000ULL
#define SIZE	(16ULL << 20)
#define TIMEOUT	5.0

static struct physmem pm;
static struct el3_double el3;
static size_t pg;

static int setup(void **state)
{
	(void)state;
	pg = hyp_page_size();
	return el3_double_hyp_up(&el3, &pm, BASE, SIZE, 0x10002);
}

static int teardown(void **state)
{
	(void)state;
	el3_double_hyp_down(&pm);
	return 0;
}

static unsigned long long pfn_of(unsigned int page)
{
	return (BASE + page * pg) / pg;
}

/* One CPU: share its own page with FF-A and take it back, @rounds times. */
struct sharer {
	unsigned int page, rounds;
	int share_ret, unshare_ret;
	size_t events;			/* its events after the last share */
	unsigned long long event_pfn;
};

static void share_body(void *arg)
{
	struct sharer *s = arg;
	const struct hyp_event *ev;
	unsigned int i;

	for (i = 0; i < s->rounds; i++) {
		hyp_events_clear();
		s->share_ret |= __pkvm_host_share_ffa(pfn_of(s->page), 1);
		ev = hyp_events(&s->events);
		s->event_pfn = s->events ? ev[s->events - 1].pfn : 0;
		s->unshare_ret |= __pkvm_host_unshare_ffa(pfn_of(s->page), 1);
	}
}

/* Page @page is the host's again, checked at the caller's line. */
#define assert_owned(page) assert_owned_at((page), __FILE__, __LINE__)

static void assert_owned_at(unsigned int page, const char *file, int line)
{
	struct hyp_page_info info;

	check_int(hyp_page_info(BASE + page * pg, &info), 0,
		  "every page of DRAM has a state");
	if (info.host_state != HYP_PS_OWNED)
		fail_at(file, line, "page %u: host state %s, expected owned: every share was undone, whatever the order",
			page, hyp_page_state_name(info.host_state));
}


/* Run CPUs 0..n-1 sharing pages 1..n once, under @policy. */
static bool run_sharers(unsigned int n, const struct sched_policy *policy,
			struct sharer *s, GString *log)
{
	struct sched_cpu cpus[HYP_MAX_CPUS];
	unsigned int i;
	char *why = NULL;
	bool ok;

	for (i = 0; i < n; i++) {
		s[i] = (struct sharer){ .page = i + 1, .rounds = 1 };
		cpus[i] = (struct sched_cpu){ .cpu = i, .body = share_body,
					      .arg = &s[i] };
	}
	ok = sched_run(cpus, n, policy, TIMEOUT, log, &why);
	g_free(why);
	return ok;
}

/*
 * Each CPU takes host_mmu_lock twice, and a release is no place to
 * switch: the orders are those of four acquisitions, two per CPU, which
 * is C(4, 2) = 6.  The walk must run each once and end.
 */
static void test_every_order_once(void **state)
{
	GArray *fixed = g_array_new(FALSE, FALSE, sizeof(unsigned int));
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, NULL);
	struct sched_policy policy;
	struct sharer s[2];
	unsigned int runs = 0;
	struct order o;
	bool more;

	(void)state;
	do {
		order_init(&o, (const unsigned int *)fixed->data, fixed->len,
			   false, 0);
		policy = order_policy(&o);
		assert_true(run_sharers(2, &policy, s, NULL));
		assert_null(o.misfit);
		assert_int_equal(s[0].share_ret | s[1].share_ret, 0);
		assert_int_equal(s[0].unshare_ret | s[1].unshare_ret, 0);
		assert_int_equal(hyp_locks_held(), 0);
		assert_true(g_hash_table_add(seen, order_text(o.made)));
		runs++;
		more = order_next(o.made, fixed);
		order_free(&o);
	} while (more && runs < 100);
	assert_int_equal(runs, 6);
	assert_owned(1);
	assert_owned(2);
	g_hash_table_destroy(seen);
	g_array_free(fixed, TRUE);
}

/* A replayed order decides who goes first, and the log says so. */
static void test_replay_and_log(void **state)
{
	static const unsigned int cpu1_first[] = { 1 };
	GString *log = g_string_new(NULL);
	struct sched_policy policy;
	struct sharer s[2];
	struct order o;
	const char *take;
	char *text;

	(void)state;
	order_init(&o, cpu1_first, 1, false, 0);
	policy = order_policy(&o);
	assert_true(run_sharers(2, &policy, s, log));
	take = strstr(log->str, "takes host_mmu_lock");
	assert_non_null(take);
	assert_true(take - log->str >= 7);
	assert_memory_equal(take - 7, "cpu 1: ", 7);
	assert_non_null(strstr(log->str, "cpu 0: done"));
	assert_non_null(strstr(log->str, "cpu 1: releases host_mmu_lock"));
	text = order_text(o.made);
	assert_string_equal(text, "[1]");
	g_free(text);
	order_free(&o);
	g_string_free(log, TRUE);
}

/* Each CPU's events are its own, even when the CPUs take turns. */
static void test_events_per_cpu(void **state)
{
	struct sched_policy policy;
	struct sharer s[3];
	struct order o;
	unsigned int i;

	(void)state;
	order_init(&o, NULL, 0, true, 42);
	policy = order_policy(&o);
	assert_true(run_sharers(3, &policy, s, NULL));
	for (i = 0; i < 3; i++) {
		assert_int_equal(s[i].events, 1);
		assert_int_equal(s[i].event_pfn, pfn_of(i + 1));
	}
	order_free(&o);
}

/* Without a policy the CPUs really run at once, and the locks hold. */
static void test_free_run(void **state)
{
	struct sched_cpu cpus[4];
	struct sharer s[4];
	unsigned int i;
	char *why = NULL;

	(void)state;
	for (i = 0; i < 4; i++) {
		s[i] = (struct sharer){ .page = 10 + i, .rounds = 300 };
		cpus[i] = (struct sched_cpu){ .cpu = i, .body = share_body,
					      .arg = &s[i] };
	}
	assert_true(sched_run(cpus, 4, NULL, TIMEOUT, NULL, &why));
	assert_null(why);
	for (i = 0; i < 4; i++) {
		assert_int_equal(s[i].share_ret | s[i].unshare_ret, 0);
		assert_owned(10 + i);
	}
	assert_int_equal(hyp_locks_held(), 0);
}

static void test_cpu_count(void **state)
{
	struct sched_cpu cpus[HYP_MAX_CPUS + 1] = { 0 };
	char *why = NULL;

	(void)state;
	assert_false(sched_run(cpus, 0, NULL, TIMEOUT, NULL, &why));
	assert_non_null(why);
	g_free(why);
	assert_false(sched_run(cpus, HYP_MAX_CPUS + 1, NULL, TIMEOUT, NULL,
			       &why));
	g_free(why);
}

/* The walk itself, on made-up choices: deepest alternative first. */
static void test_order_next(void **state)
{
	GArray *made = g_array_new(FALSE, FALSE, sizeof(struct order_choice));
	GArray *next = g_array_new(FALSE, FALSE, sizeof(unsigned int));
	struct order_choice c[] = {
		{ .options = 0x3, .current = -1, .chosen = 0 },
		{ .options = 0x7, .current = 2, .chosen = 2 },
	};
	char *text;

	(void)state;
	g_array_append_vals(made, c, 2);
	/* At the second choice, 2 (its default) was made: 0 comes next. */
	assert_true(order_next(made, next));
	assert_int_equal(next->len, 2);
	assert_int_equal(g_array_index(next, unsigned int, 0), 0);
	assert_int_equal(g_array_index(next, unsigned int, 1), 0);
	/* After 1, the last one there: the first choice moves on. */
	g_array_index(made, struct order_choice, 1).chosen = 1;
	assert_true(order_next(made, next));
	assert_int_equal(next->len, 1);
	assert_int_equal(g_array_index(next, unsigned int, 0), 1);
	g_array_index(made, struct order_choice, 0).chosen = 1;
	assert_false(order_next(made, next));
	/* Default choices at the end need no saying. */
	g_array_index(made, struct order_choice, 1).chosen = 2;
	text = order_text(made);
	assert_string_equal(text, "[1]");
	g_free(text);
	g_array_free(made, TRUE);
	g_array_free(next, TRUE);
}

/* The same seed makes the same choices. */
static void test_random_is_seeded(void **state)
{
	struct order a, b;
	unsigned int i, cpu_a, cpu_b;

	(void)state;
	order_init(&a, NULL, 0, true, 7);
	order_init(&b, NULL, 0, true, 7);
	for (i = 0; i < 50; i++) {
		struct sched_policy pa = order_policy(&a), pb = order_policy(&b);

		cpu_a = pa.choose(pa.ctx, 0xf, 0);
		cpu_b = pb.choose(pb.ctx, 0xf, 0);
		assert_int_equal(cpu_a, cpu_b);
		assert_true(cpu_a < 4);
	}
	order_free(&a);
	order_free(&b);
}

/* Two locks taken in opposite orders: CPUs that deadlock stay so. */
struct ab {
	struct test_lock *first, *second;
	bool hold;			/* return with first still held */
};

static void ab_body(void *arg)
{
	struct ab *ab = arg;

	sim_hyp_spin_lock(ab->first, "first", __FILE__, __LINE__);
	if (ab->hold)
		return;
	sim_hyp_spin_lock(ab->second, "second", __FILE__, __LINE__);
	sim_hyp_spin_unlock(ab->second, "second");
	sim_hyp_spin_unlock(ab->first, "first");
}

/*
 * Some order of AB against BA deadlocks, others do not; the walk finds
 * both and names who waits for what.  Deadlocked CPUs keep their locks
 * and threads: each run has locks of its own, and this test runs last
 * but one.
 */
static void test_deadlock_found(void **state)
{
	GArray *fixed = g_array_new(FALSE, FALSE, sizeof(unsigned int));
	unsigned int runs = 0, stuck = 0, fine = 0;
	struct sched_policy policy;
	struct order o;
	bool more;

	(void)state;
	do {
		struct test_lock *l = g_new0(struct test_lock, 2);
		struct ab ab[2] = {
			{ .first = &l[0], .second = &l[1] },
			{ .first = &l[1], .second = &l[0] },
		};
		struct sched_cpu cpus[2] = {
			{ .cpu = 0, .body = ab_body, .arg = &ab[0] },
			{ .cpu = 1, .body = ab_body, .arg = &ab[1] },
		};
		char *why = NULL;

		l[0].owner = l[1].owner = -1;
		order_init(&o, (const unsigned int *)fixed->data, fixed->len,
			   false, 0);
		policy = order_policy(&o);
		if (sched_run(cpus, 2, &policy, TIMEOUT, NULL, &why)) {
			fine++;
			g_free(l);
		} else {
			stuck++;
			assert_non_null(strstr(why, "deadlock"));
			assert_non_null(strstr(why, "waits for second"));
			g_free(why);
			/*
			 * Its CPUs wait for ever: they never look at l or ab
			 * again, but l stays theirs, and the walk stops.
			 */
		}
		runs++;
		more = order_next(o.made, fixed);
		order_free(&o);
	} while (more && !stuck && runs < 100);
	assert_true(fine >= 1);
	assert_int_equal(stuck, 1);
	g_array_free(fixed, TRUE);
}

/* A CPU back at the host with a lock held blocks the next to want it. */
static void test_lock_left_held(void **state)
{
	static struct test_lock l = { .locked = 0, .owner = -1 };
	static struct ab ab[2] = {
		{ .first = &l, .hold = true },
		{ .first = &l, .hold = true },
	};
	struct sched_cpu cpus[2] = {
		{ .cpu = 0, .body = ab_body, .arg = &ab[0] },
		{ .cpu = 1, .body = ab_body, .arg = &ab[1] },
	};
	struct sched_policy policy;
	struct order o;
	char *why = NULL;

	(void)state;
	order_init(&o, NULL, 0, false, 0);
	policy = order_policy(&o);
	assert_false(sched_run(cpus, 2, &policy, TIMEOUT, NULL, &why));
	assert_non_null(strstr(why, "cpu 1 waits for first"));
	assert_non_null(strstr(why, "although it is back at the host"));
	g_free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_order_once),
		cmocka_unit_test(test_replay_and_log),
		cmocka_unit_test(test_events_per_cpu),
		cmocka_unit_test(test_free_run),
		cmocka_unit_test(test_cpu_count),
		cmocka_unit_test(test_order_next),
		cmocka_unit_test(test_random_is_seeded),
		/* These leave CPUs stuck, with locks held: last. */
		cmocka_unit_test(test_deadlock_found),
		cmocka_unit_test(test_lock_left_held),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
