// SPDX-License-Identifier: GPL-2.0-only
/*
 * One child process per order (explore.h).  The child tells the explorer
 * over a pipe, as records "type byte, u32 length, payload":
 *	'C' the choices its run of the step made (struct order_choice[]),
 *	    as soon as the step's CPUs are done;
 *	'R' at the end of the scenario: u32 status, the failure message and
 *	    the trace, each NUL-terminated.
 * A child that dies before 'R' failed; without 'C', in the order it was
 * given, which replays the same since the rest is the default.
 *
 * Depth first (interleavings: all), the next order comes from the last
 * run's choices (order.h) until none is left; a random sample runs its
 * count of orders, each from its own seed.  Nothing here is shared with
 * the CPUs' threads: the explorer never runs them itself while forking,
 * so every fork is of a process with one thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hw/last_words.h"
#include "sim/exec/exec_internal.h"
#include "sim/exec/explore.h"
#include "sim/sched/order.h"
#include "sim/exec/record.h"
#include "sim/exec/replay.h"

/* interleavings: all gives up past this many: the group is too big. */
#define EXPLORE_MAX_ORDERS	5000

/* In a child running one order: where its result goes; else -1. */
static int report_fd = -1;

/*
 * The orders this process ran the groups of its scenario in, for replay
 * files.  A worker runs many scenarios: explore_forget_orders() drops
 * those of the last one, whose groups are freed.
 */
static GArray *fixed_orders;	/* of struct replay_fix, order g_strdup()ed */

struct child_run {
	GArray *made;			/* 'C', or NULL */
	bool reported;			/* 'R' came */
	enum scen_status status;
	char *message, *trace;
	int wstatus;
	char last_words[LAST_WORDS_LEN];	/* hw/last_words.h; "" */
};

void explore_forget_orders(void)
{
	for (unsigned int i = 0; fixed_orders && i < fixed_orders->len; i++)
		g_free((char *)g_array_index(fixed_orders, struct replay_fix,
					     i).order);
	if (fixed_orders)
		g_array_set_size(fixed_orders, 0);
}

static void remember_order(const struct step *st, const GArray *made)
{
	struct replay_fix f = { .group = st->group, .order = order_text(made) };

	if (!fixed_orders)
		fixed_orders = g_array_new(FALSE, FALSE, sizeof(f));
	g_array_append_val(fixed_orders, f);
}

#ifdef SIM_COVERAGE
void __gcov_dump(void);
#else
static inline void __gcov_dump(void)
{
}
#endif

/* The hook of a child: its scenario is over, report and end the process. */
static void child_finished(void *ctx, const struct scen_result *r)
{
	const char *m = r->message ? r->message : "";
	const char *t = r->trace ? r->trace : "";
	uint32_t status = r->status;
	GByteArray *b;

	b = g_byte_array_new();
	g_byte_array_append(b, (const guint8 *)&status, sizeof(status));
	g_byte_array_append(b, (const guint8 *)m, (guint)strlen(m) + 1);
	g_byte_array_append(b, (const guint8 *)t, (guint)strlen(t) + 1);
	record_put(*(const int *)ctx, 'R', b->data, b->len);
	/* _exit() skips the coverage counters' atexit writer. */
	__gcov_dump();
	_exit(0);
}

static const struct exec_hooks child_hooks = {
	.finished = child_finished,
	.ctx = &report_fd,
};

/*
 * The step's CPUs take turns (sim/sched), so they lose nothing to sharing
 * one host CPU, and spare every hand-over a wake-up on another and every
 * copy-on-write fault a TLB flush there.
 */
static void stay_on_this_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t here;

	if (cpu < 0)
		return;
	CPU_ZERO(&here);
	CPU_SET(cpu, &here);
	sched_setaffinity(0, sizeof(here), &here);
}

/* In the child: the step in this order; the scenario goes on from here. */
static bool child_run(struct exec *x, const struct step *st, int fd,
		      const GArray *fixed, bool random, uint64_t seed)
{
	struct sched_policy policy;
	struct order o;
	bool ok;

	if (report_fd >= 0)
		close(report_fd);
	report_fd = fd;
	/* An explorer killed for its time limit takes its children along. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	stay_on_this_cpu();
	/* The caller's hooks are the explorer's: the child reports its own way. */
	x->hooks = &child_hooks;
	order_init(&o, (const unsigned int *)fixed->data, fixed->len, random,
		   seed);
	policy = order_policy(&o);
	ok = exec_concurrently_once(x, st, &policy);
	if (o.misfit) {
		exec_fail(x, "the run is not deterministic: %s", o.misfit);
		ok = false;
	}
	record_put(report_fd, 'C', o.made->data,
		   o.made->len * (uint32_t)sizeof(struct order_choice));
	remember_order(st, o.made);
	order_free(&o);
	return ok;
}

static void parse_records(const GByteArray *buf, struct child_run *cr)
{
	const uint8_t *p;
	size_t off = 0;
	uint32_t len;
	char type;

	while (record_next(buf, &off, &type, &p, &len)) {
		if (type == 'C') {
			cr->made = g_array_new(FALSE, FALSE,
					       sizeof(struct order_choice));
			g_array_append_vals(cr->made, p,
					    len / sizeof(struct order_choice));
		} else if (type == 'R' && len >= 6 && !p[len - 1]) {
			const char *m = (const char *)p + 4;
			size_t after = 4 + strlen(m) + 1;
			uint32_t status;

			memcpy(&status, p, sizeof(status));
			cr->status = (enum scen_status)status;
			cr->message = g_strdup(m);
			cr->trace = g_strdup(after < len ?
					     (const char *)p + after : "");
			cr->reported = true;
		}
	}
}

static void collect(int fd, pid_t pid, struct child_run *cr)
{
	GByteArray *buf = g_byte_array_new();
	uint8_t chunk[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		g_byte_array_append(buf, chunk, (guint)n);
	}
	close(fd);
	while (waitpid(pid, &cr->wstatus, 0) < 0 && errno == EINTR)
		;
	/*
	 * Under the runner the child's last words land in its worker's
	 * place: taken for this order, and not left for the worker's own.
	 */
	if (!last_words_heard(cr->last_words, sizeof(cr->last_words)))
		cr->last_words[0] = '\0';
	last_words_forget();
	parse_records(buf, cr);
	g_byte_array_free(buf, TRUE);
}

static void child_run_free(struct child_run *cr)
{
	if (cr->made)
		g_array_free(cr->made, TRUE);
	g_free(cr->message);
	g_free(cr->trace);
	memset(cr, 0, sizeof(*cr));
}

static bool failed(const struct child_run *cr)
{
	return !cr->reported || !cr->made || cr->status == SCEN_FAIL ||
	       cr->status == SCEN_CRASH;
}

/* "[1, 0]" of what a run chose, or of what it was given. */
static char *run_order(const struct child_run *cr, const GArray *fixed)
{
	GString *t;
	unsigned int i;

	if (cr->made)
		return order_text(cr->made);
	t = g_string_new("[");
	for (i = 0; i < fixed->len; i++)
		g_string_append_printf(t, "%s%u", i ? ", " : "",
				       g_array_index(fixed, unsigned int, i));
	g_string_append_c(t, ']');
	return g_string_free(t, FALSE);
}

/* The replay file: this group's order, and those fixed around it. */
static char *write_replay(const struct exec *x, const struct step *st,
			  const char *order)
{
	GArray *fixes = g_array_new(FALSE, FALSE, sizeof(struct replay_fix));
	struct replay_fix f = { .group = st->group, .order = order };
	char *path;

	if (fixed_orders)
		g_array_append_vals(fixes, fixed_orders->data,
				    fixed_orders->len);
	g_array_append_val(fixes, f);
	path = replay_write(x->s, (const struct replay_fix *)fixes->data,
			    fixes->len);
	g_array_free(fixes, TRUE);
	return path;
}

/*
 * The child's failure, under ours.  When it failed in this very step, its
 * heading and the hops before the step say again what ours do: only the
 * reason stays.
 */
static void indent_into(struct exec *x, const struct step *st,
			const char *text)
{
	char *here = g_strdup_printf("%s:%u: step ", x->s->file, st->pos.line);
	char **lines = g_strsplit(text, "\n", -1);
	bool same = g_str_has_prefix(text, here);
	unsigned int i;

	for (i = same ? 1 : 0; lines[i]; i++) {
		if (same && !strcmp(lines[i], "  last hops:"))
			break;
		exec_fail(x, "%s%s", same ? "" : "  ", lines[i]);
	}
	g_strfreev(lines);
	g_free(here);
}

static void report_failure(struct exec *x, const struct step *st,
			   const struct child_run *cr, const GArray *fixed,
			   unsigned int nth)
{
	char *order = run_order(cr, fixed), *path = NULL, *replay;

	/* A group further on that failed has written the finer replay. */
	if (!cr->message || !strstr(cr->message, "replay: "))
		path = write_replay(x, st, order);
	replay = path ? g_strdup_printf("; replay: ffa-sim run %s", path) :
		 cr->message && strstr(cr->message, "replay: ") ? g_strdup("") :
		 g_strdup_printf("; replay: add order: %s to the step at line %u",
				 order, st->pos.line);
	exec_fail(x, "the %u%s order explored breaks the scenario (order: %s)%s",
		  nth, nth % 10 == 1 && nth % 100 != 11 ? "st" :
		  nth % 10 == 2 && nth % 100 != 12 ? "nd" :
		  nth % 10 == 3 && nth % 100 != 13 ? "rd" : "th", order, replay);
	if (cr->reported)
		indent_into(x, st, cr->message);
	else if (WIFSIGNALED(cr->wstatus))
		exec_fail(x, "  its process died of %s%s%s",
			  strsignal(WTERMSIG(cr->wstatus)),
			  *cr->last_words ? ": " : "", cr->last_words);
	else
		exec_fail(x, "  its process exited with %d before reporting%s%s",
			  WEXITSTATUS(cr->wstatus),
			  *cr->last_words ? ": " : "", cr->last_words);
	x->crashed = !cr->reported || cr->status == SCEN_CRASH;
	/* With --trace, the trace to read is the failing run's. */
	if (x->tracing && cr->trace && *cr->trace)
		g_string_assign(x->trace, cr->trace);
	g_free(order);
	g_free(path);
	g_free(replay);
}

struct walk {
	const struct conc_group *g;
	GArray *fixed;			/* of unsigned int: the next order */
	GArray *first;			/* the first run's choices */
	GHashTable *seen;		/* order texts, for random samples */
	unsigned int runs;
};

/* Fork a child for one order; false when it could not start. */
static bool run_one(struct exec *x, const struct step *st, struct walk *w,
		    struct child_run *cr, bool *in_child, bool *child_ok)
{
	bool random = w->g->mode == CONC_RANDOM;
	uint64_t seed = w->g->seed * 0x100000001b3ULL + w->runs;
	int fd;
	pid_t pid = record_fork(&fd);

	if (pid < 0)
		return false;
	if (!pid) {
		*in_child = true;
		*child_ok = child_run(x, st, fd, w->fixed, random, seed);
		return true;
	}
	collect(fd, pid, cr);
	w->runs++;
	if (x->hooks && x->hooks->progress)
		x->hooks->progress(x->hooks->ctx);
	return true;
}

/* After run @cr: the next order to run, or false when done. */
static bool next_order(struct walk *w, const struct child_run *cr)
{
	char *key;

	if (w->g->mode == CONC_RANDOM) {
		key = order_text(cr->made);
		g_hash_table_add(w->seen, key);
		return w->runs < w->g->samples;
	}
	return order_next(cr->made, w->fixed);
}

static void walk_free(struct walk *w)
{
	g_array_free(w->fixed, TRUE);
	if (w->first)
		g_array_free(w->first, TRUE);
	g_hash_table_destroy(w->seen);
}

/* Every order passed: run the first one here and go on from it. */
static bool run_first_here(struct exec *x, const struct step *st,
			   struct walk *w)
{
	GArray *cpus = g_array_new(FALSE, FALSE, sizeof(unsigned int));
	struct sched_policy policy;
	struct order o;
	bool ok;

	order_chosen(w->first, cpus);
	order_init(&o, (const unsigned int *)cpus->data, cpus->len, false, 0);
	policy = order_policy(&o);
	ok = exec_concurrently_once(x, st, &policy);
	remember_order(st, o.made);
	order_free(&o);
	g_array_free(cpus, TRUE);
	return ok;
}

static void title(struct exec *x, const struct step *st, struct walk *w)
{
	if (w->g->mode == CONC_RANDOM)
		x->result_title = g_strdup_printf("%s: %u random orders explored (%u distinct, seed %llu)",
						  st->title, w->runs,
						  g_hash_table_size(w->seen),
						  (unsigned long long)w->g->seed);
	else
		x->result_title = g_strdup_printf("%s: all %u orders explored",
						  st->title, w->runs);
	trace_line(x, "%s; the trace below is of the first", x->result_title);
}

static void *no_work(void *arg)
{
	return arg;
}

/*
 * Done once in the explorer, before its first fork, rather than in every
 * order's child: libc binds the symbols a thread's start needs (on a new
 * stack, then on one a dead thread left) on first use, and a child reads
 * the libraries' symbol tables through page faults of its own.  The
 * step's CPUs run one at a time (sim/sched), so they share one malloc
 * arena rather than map and fault in a heap each per order.  The
 * explorer has one thread again when it forks.
 */
static void prepare_for_threads_once(void)
{
	static bool prepared;
	pthread_t tid;
	int i;

	if (prepared)
		return;
	prepared = true;
	mallopt(M_ARENA_MAX, 1);
	for (i = 0; i < 2; i++)
		if (!pthread_create(&tid, NULL, no_work, NULL))
			pthread_join(tid, NULL);
}

bool explore_orders(struct exec *x, const struct step *st)
{
	struct walk w = {
		.g = st->group,
		.fixed = g_array_new(FALSE, FALSE, sizeof(unsigned int)),
		.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      NULL),
	};
	struct child_run cr = { 0 };
	bool in_child = false, child_ok = false, more;

	prepare_for_threads_once();
	do {
		if (!run_one(x, st, &w, &cr, &in_child, &child_ok)) {
			exec_fail(x, "cannot start a process for the next order: %s",
				  strerror(errno));
			walk_free(&w);
			return false;
		}
		if (in_child) {
			walk_free(&w);
			return child_ok;
		}
		if (failed(&cr)) {
			report_failure(x, st, &cr, w.fixed, w.runs);
			child_run_free(&cr);
			walk_free(&w);
			return false;
		}
		if (!w.first)
			w.first = g_array_copy(cr.made);
		more = next_order(&w, &cr);
		child_run_free(&cr);
		if (more && w.g->mode == CONC_ALL && w.runs == EXPLORE_MAX_ORDERS) {
			exec_fail(x, "interleavings: all stopped after %u orders with more to go: sample them with interleavings: N",
				  w.runs);
			walk_free(&w);
			return false;
		}
	} while (more);
	title(x, st, &w);
	more = run_first_here(x, st, &w);
	walk_free(&w);
	return more;
}
