// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CPU threads and the scheduler over them (sched.h).
 *
 * Under a policy a token says which CPU runs; the others wait on a
 * condition variable.  A CPU at a point gives the token to the CPU the
 * policy picks (perhaps itself) and waits until it comes back.
 *
 * Only the points that start something another CPU can see are choices:
 * entering EL2 (the handler reads the version flag before any lock),
 * taking a lock, calling EL3.  Releasing a lock is not: what a CPU does
 * between a release and its next point touches nothing another CPU may
 * touch unlocked (that would be a data race, ThreadSanitizer's part), so
 * switching there gives no run that switching at its next point does
 * not.  Nor can a CPU go on whose next step is taking a lock another CPU
 * holds: running it would only find the lock taken.  The CPUs still
 * choose from are the ones that can make a difference.
 *
 * A CPU that finds its lock held all the same (a run without those
 * rules) is blocked until the release, which makes it ready again.  When
 * no CPU can go on while some are not done, they wait for each other:
 * a deadlock of the proxy, or a CPU that left EL2 holding a lock,
 * reported with who waits for what.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "proxy/hyp/hyp.h"
#include "sim/sched/sched.h"
#include "spmc_mock/ffa_abi.h"

enum th_state {
	TH_START,	/* has not run yet */
	TH_READY,	/* waits at a point, may go on */
	TH_RUNNING,	/* holds the token (free runs: runs) */
	TH_BLOCKED,	/* waits for a lock to be released */
	TH_DONE,
};

struct th {
	struct sched *s;
	const struct sched_cpu *c;
	unsigned int idx;
	pthread_t tid;
	bool started;			/* pthread_create() succeeded */
	enum th_state state;
	enum hyp_point_kind at;		/* READY: the point it waits at */
	char *passing;			/* READY: what it does when it goes on */
	const void *lock;		/* BLOCKED, READY at LOCK: the lock */
	const char *lock_name;
};

struct sched {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_barrier_t start;	/* free runs: everyone at once */
	struct th th[HYP_MAX_CPUS];
	unsigned int n, done;
	int running;			/* the token: a th index, or -1 */
	bool chosen;			/* a choice was made already */
	bool over;			/* done, or nobody can go on */
	char *stuck;			/* why nobody can go on */
	const struct sched_policy *policy;
	GString *log;
};

static __thread struct th *self;

static void log_line(struct sched *s, const struct th *t, const char *what)
{
	if (s->log)
		g_string_append_printf(s->log, "cpu %u: %s\n", t->c->cpu, what);
}

static const char *fn_name(uint64_t x0)
{
	const char *name = ffa_func_name(ffa_fid_strip_hint(x0));

	return name ? name : "a call that is not FF-A";
}

/* What the CPU does once it goes on from @p. */
static char *passing(const struct hyp_point *p)
{
	const char *file = p->file ? strrchr(p->file, '/') : NULL;

	switch (p->kind) {
	case HYP_POINT_ENTER:
		return g_strdup_printf("enters EL2: %s", fn_name(p->fid));
	case HYP_POINT_LOCK:
		return g_strdup_printf("takes %s (%s:%d)", p->name,
				       file ? file + 1 : p->file, p->line);
	case HYP_POINT_SMC:
		return g_strdup_printf("calls EL3: %s", fn_name(p->fid));
	default:
		return NULL;
	}
}

/* Ready, and not about to take a lock that another CPU holds. */
static bool can_go_on(const struct th *t)
{
	return t->state == TH_READY &&
	       (t->at != HYP_POINT_LOCK || hyp_lock_holder(t->lock) < 0);
}

static uint32_t ready_mask(const struct sched *s)
{
	uint32_t mask = 0;
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (can_go_on(&s->th[i]))
			mask |= 1U << s->th[i].c->cpu;
	return mask;
}

/* Every CPU that is not done waits outside EL2. */
static bool quiet(const struct sched *s)
{
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		const struct th *t = &s->th[i];

		if (t->state != TH_DONE &&
		    (t->state != TH_READY || t->at != HYP_POINT_ENTER))
			return false;
	}
	return true;
}

static int index_of_cpu(const struct sched *s, unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (s->th[i].c->cpu == cpu)
			return (int)i;
	return -1;
}

static void describe_deadlock(struct sched *s)
{
	GString *m = g_string_new("deadlock: no CPU can go on");
	unsigned int i;
	int holder, h;

	for (i = 0; i < s->n; i++) {
		const struct th *t = &s->th[i];

		if (t->state != TH_BLOCKED && t->state != TH_READY)
			continue;
		holder = hyp_lock_holder(t->lock);
		g_string_append_printf(m, "; cpu %u waits for %s", t->c->cpu,
				       t->lock_name);
		h = holder >= 0 ? index_of_cpu(s, (unsigned int)holder) : -1;
		if (h < 0)
			g_string_append_printf(m, ", which cpu %d holds", holder);
		else if (s->th[h].state == TH_DONE ||
			 (s->th[h].state == TH_READY &&
			  s->th[h].at == HYP_POINT_ENTER))
			g_string_append_printf(m, ", which cpu %d still holds although it is back at the host",
					       holder);
		else
			g_string_append_printf(m, ", held by cpu %d", holder);
	}
	s->stuck = g_string_free(m, FALSE);
}

/* The th index to run next; -1 when none can (all done, or a deadlock). */
static int pick(struct sched *s, const struct th *t)
{
	uint32_t options;
	unsigned int i, cpu;
	int current;

	for (i = 0; i < s->n; i++)
		if (s->th[i].state == TH_START)
			return (int)i;
	options = ready_mask(s);
	if (!options) {
		for (i = 0; i < s->n; i++)
			if (s->th[i].state != TH_DONE)
				break;
		if (i < s->n)
			describe_deadlock(s);
		return -1;
	}
	if (s->policy->quiet && quiet(s))
		s->policy->quiet(s->policy->quiet_ctx);
	if (!(options & (options - 1)))
		return index_of_cpu(s, (unsigned int)__builtin_ctz(options));
	/* The first choice has no CPU that was running: all start even. */
	current = t && t->state == TH_READY && s->chosen ? (int)t->c->cpu : -1;
	s->chosen = true;
	cpu = s->policy->choose(s->policy->ctx, options, current);
	if (cpu >= 32 || !(options & (1U << cpu)))
		cpu = (unsigned int)__builtin_ctz(options);
	return index_of_cpu(s, cpu);
}

/* Give the token to whoever goes next; wait for it unless @t is done. */
static void hand_over(struct sched *s, struct th *t)
{
	int next = pick(s, t);

	if (next < 0)
		s->over = true;
	s->running = next;
	pthread_cond_broadcast(&s->cv);
	if (t->state == TH_DONE)
		return;
	/* After a deadlock the token never comes back: the thread stays. */
	while (s->running != (int)t->idx)
		pthread_cond_wait(&s->cv, &s->mu);
	t->state = TH_RUNNING;
	if (t->passing) {
		log_line(s, t, t->passing);
		g_free(t->passing);
		t->passing = NULL;
	}
}

static void wake(struct sched *s, const void *lock)
{
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		struct th *t = &s->th[i];

		if (t->state == TH_BLOCKED && t->lock == lock) {
			t->state = TH_READY;
			t->at = HYP_POINT_LOCK;
		}
	}
}

static void on_point(void *ctx, const struct hyp_point *p)
{
	struct sched *s = ctx;
	struct th *t = self;
	char *line;

	if (!t)
		return;
	pthread_mutex_lock(&s->mu);
	if (p->kind == HYP_POINT_BLOCKED) {
		struct hyp_point retry = *p;

		t->state = TH_BLOCKED;
		t->lock = p->lock;
		t->lock_name = p->name;
		line = g_strdup_printf("waits for %s, held by cpu %d",
				       p->name, p->holder);
		log_line(s, t, line);
		g_free(line);
		/* Once woken, it takes the lock (or blocks again). */
		retry.kind = HYP_POINT_LOCK;
		g_free(t->passing);
		t->passing = passing(&retry);
	} else if (p->kind == HYP_POINT_UNLOCK) {
		/* Not a choice (above): the CPU goes on to its next point. */
		line = g_strdup_printf("releases %s", p->name);
		log_line(s, t, line);
		g_free(line);
		wake(s, p->lock);
		pthread_mutex_unlock(&s->mu);
		return;
	} else {
		t->state = TH_READY;
		t->at = p->kind;
		t->lock = p->lock;
		t->lock_name = p->name;
		g_free(t->passing);
		t->passing = passing(p);
	}
	hand_over(s, t);
	pthread_mutex_unlock(&s->mu);
}

static void *thread_main(void *arg)
{
	struct th *t = arg;
	struct sched *s = t->s;

	self = t;
	hyp_set_this_cpu(t->c->cpu);
	if (s->policy) {
		pthread_mutex_lock(&s->mu);
		while (s->running != (int)t->idx)
			pthread_cond_wait(&s->cv, &s->mu);
		t->state = TH_RUNNING;
		pthread_mutex_unlock(&s->mu);
	} else {
		pthread_barrier_wait(&s->start);
	}
	t->c->body(t->c->arg);
	pthread_mutex_lock(&s->mu);
	t->state = TH_DONE;
	s->done++;
	log_line(s, t, "done");
	if (s->policy)
		hand_over(s, t);
	else if (s->done == s->n)
		s->over = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	self = NULL;
	return NULL;
}

static struct sched *sched_new(const struct sched_cpu *cpus, unsigned int n,
			       const struct sched_policy *policy, GString *log)
{
	struct sched *s = g_new0(struct sched, 1);
	pthread_condattr_t ca;
	unsigned int i;

	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cv, &ca);
	pthread_condattr_destroy(&ca);
	pthread_barrier_init(&s->start, NULL, n);
	s->n = n;
	s->running = -1;
	s->policy = policy;
	s->log = log;
	for (i = 0; i < n; i++)
		s->th[i] = (struct th){ .s = s, .c = &cpus[i], .idx = i };
	return s;
}

static void sched_free(struct sched *s)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		g_free(s->th[i].passing);
	pthread_barrier_destroy(&s->start);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	g_free(s->stuck);
	g_free(s);
}

/* Wait until the run is over or @timeout passes; false on the latter. */
static bool wait_over(struct sched *s, double timeout)
{
	struct timespec end;
	int ret = 0;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)timeout;
	end.tv_nsec += (long)((timeout - (double)(time_t)timeout) * 1e9);
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	while (!s->over && ret != ETIMEDOUT)
		ret = pthread_cond_timedwait(&s->cv, &s->mu, &end);
	return s->over;
}

static char *not_done(const struct sched *s, double timeout)
{
	GString *m = g_string_new(NULL);
	unsigned int i;

	g_string_printf(m, "the CPUs did not finish within %g s:", timeout);
	for (i = 0; i < s->n; i++)
		if (s->th[i].state != TH_DONE)
			g_string_append_printf(m, " cpu %u", s->th[i].c->cpu);
	g_string_append(m, " still run (a deadlock, or a CPU that spins)");
	return g_string_free(m, FALSE);
}

bool sched_run(const struct sched_cpu *cpus, unsigned int n,
	       const struct sched_policy *policy, double timeout, GString *log,
	       char **why)
{
	struct sched *s;
	bool finished, ok;
	unsigned int i;

	*why = NULL;
	if (!n || n > HYP_MAX_CPUS) {
		*why = g_strdup_printf("%u CPUs: the simulator runs 1 to %d",
				       n, HYP_MAX_CPUS);
		return false;
	}
	s = sched_new(cpus, n, policy, log);
	if (policy)
		hyp_set_sched(on_point, s);
	pthread_mutex_lock(&s->mu);
	for (i = 0; i < n; i++)
		s->th[i].started = !pthread_create(&s->th[i].tid, NULL,
						   thread_main, &s->th[i]);
	for (i = 0; i < n && s->th[i].started; i++)
		;
	if (i < n) {
		/* The others wait at the start: leave them there. */
		pthread_mutex_unlock(&s->mu);
		hyp_set_sched(NULL, NULL);
		*why = g_strdup("cannot start a thread for each CPU");
		return false;
	}
	if (policy) {
		s->running = 0;
		pthread_cond_broadcast(&s->cv);
	}
	finished = wait_over(s, timeout);
	ok = finished && !s->stuck;
	if (!ok)
		*why = s->stuck ? g_strdup(s->stuck) : not_done(s, timeout);
	pthread_mutex_unlock(&s->mu);
	if (!ok) {
		/* Threads that cannot end keep s: it is not freed. */
		for (i = 0; i < n; i++)
			pthread_detach(s->th[i].tid);
		hyp_set_sched(NULL, NULL);
		return false;
	}
	for (i = 0; i < n; i++)
		pthread_join(s->th[i].tid, NULL);
	hyp_set_sched(NULL, NULL);
	sched_free(s);
	return true;
}
