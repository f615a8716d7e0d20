// SPDX-License-Identifier: GPL-2.0-only
/*
 * A concurrently: step: several host CPUs, each a thread of its own, make
 * their SMCs into the real proxy at the same time (docs/concurrency.md).
 *
 * Each CPU works on a copy of the scenario's exec, taken as the step
 * starts: its registers, descriptor, captures, failure text and trace are
 * its own, so the CPUs share nothing but the machine, as host CPUs do.
 * The host's view of the mailboxes starts as the scenario's and follows
 * only the CPU's own calls: a CPU that did not unmap still writes to TX.
 * Once every CPU is done, their SMCs are played back into the scenario's
 * exec in the order they came back from EL2 (what later steps take as
 * defaults, the trace), their captures join the scenario's, and the
 * invariants are checked as after any step.
 *
 * Under the scheduler, the invariants are also checked whenever no CPU is
 * inside EL2 and some SMC came back since the last look: every such
 * moment of every order must be as safe as the end.  Not for a step with
 * a stuck: declaration, which only holds once every CPU is done.
 */
#include <string.h>

#include "sim/exec/exec_internal.h"
#include "sim/exec/explore.h"
#include "sim/sched/order.h"
#include "sim/exec/tsan_report.h"

_Static_assert(SCEN_MAX_CPUS == HYP_MAX_CPUS, "one CPU limit");

/* A run that takes longer is stuck: a group makes a handful of SMCs. */
#define CONC_TIMEOUT	5.0
/* Lines of the schedule a failure shows. */
#define SCHEDULE_LINES	60

/* One host SMC of a CPU, as EL2 answered it. */
struct conc_smc {
	uint64_t seq;			/* when it came back, across CPUs */
	unsigned int cpu;
	uint64_t in[SMC_NR_REGS], out[SMC_NR_REGS];
	enum hyp_exit exit;
	char *trace;			/* its --trace lines */
};

struct conc_run;

struct conc_cpu {
	struct exec x;			/* this CPU's copy */
	struct conc_run *run;
	unsigned int cpu;
	GPtrArray *items;		/* its steps, in order */
	GArray *smcs;			/* of struct conc_smc */
	char *failure;			/* why its step failed */
	bool crashed;
};

struct conc_run {
	struct exec *x;			/* the scenario's */
	const struct step *st;
	struct conc_cpu cpus[SCEN_MAX_CPUS];
	struct sched_cpu sched[SCEN_MAX_CPUS];
	unsigned int nr_cpus;
	uint64_t seq;			/* SMCs back so far, atomic */
	uint64_t applied;		/* of them, played into x */
	GString *schedule;
};

static void copy_captures(struct names *to, const struct names *from)
{
	GHashTableIter it;
	gpointer name, value;

	g_hash_table_iter_init(&it, from->captures);
	while (g_hash_table_iter_next(&it, &name, &value))
		names_set_capture(to, name, *(const uint64_t *)value);
}

/* A CPU's exec.smc_back: one host SMC, as EL2 answered it (x->exit). */
static void record_smc(struct exec *x, const uint64_t *out)
{
	struct conc_cpu *c = x->cpu;
	struct conc_smc smc = { .exit = x->exit, .cpu = c->cpu };

	/* Taken before any point of this CPU: the order SMCs came back in. */
	smc.seq = __atomic_fetch_add(&c->run->seq, 1, __ATOMIC_RELAXED);
	memcpy(smc.in, x->in, sizeof(smc.in));
	memcpy(smc.out, out, sizeof(smc.out));
	g_array_append_val(c->smcs, smc);
}

static void cpu_init(struct conc_run *run, struct conc_cpu *c,
		     unsigned int cpu)
{
	struct exec *x = run->x;
	unsigned int i;

	c->x = *x;
	c->x.cpu = c;
	c->x.smc_back = record_smc;
	c->x.hooks = NULL;
	c->x.result_title = NULL;
	c->x.inv = NULL;
	/* The SPMC is shared: what its CPUs' calls carry is not traced. */
	c->x.carried = NULL;
	/* A driver: step's answer to its client is the CPU's own. */
	c->x.drv_got = NULL;
	c->x.fail = g_string_new(NULL);
	c->x.trace = g_string_new(NULL);
	c->x.recent = g_queue_new();
	c->x.tail = NULL;
	/* A CPU may go on with a fragmented share begun before the step. */
	c->x.desc = x->desc ? g_memdup2(x->desc, x->desc_len) : NULL;
	names_init(&c->x.names, x->names.setup, x->names.page_size);
	names_use_slots(&c->x.names, x->names.slot_names);
	copy_captures(&c->x.names, &x->names);
	c->run = run;
	c->cpu = cpu;
	c->items = g_ptr_array_new();
	c->smcs = g_array_new(FALSE, TRUE, sizeof(struct conc_smc));
	for (i = 0; i < run->st->group->nr_items; i++) {
		struct step *item = run->st->group->items[i];

		if ((unsigned int)item->cpu == cpu)
			g_ptr_array_add(c->items, item);
	}
}

static void cpu_free(struct conc_cpu *c)
{
	unsigned int i;

	for (i = 0; i < c->smcs->len; i++)
		g_free(g_array_index(c->smcs, struct conc_smc, i).trace);
	g_array_free(c->smcs, TRUE);
	g_ptr_array_free(c->items, TRUE);
	g_free(c->failure);
	trace_free(&c->x);
	names_free(&c->x.names);
	g_string_free(c->x.fail, TRUE);
	g_string_free(c->x.trace, TRUE);
	g_queue_free_full(c->x.recent, g_free);
	g_free(c->x.desc);
	g_free(c->x.drv_got);
}

/* "line 12 (cpu 1: call FFA_VERSION): ..." with the CPU's last hops. */
static char *cpu_failure(struct conc_cpu *c, const struct step *st)
{
	GString *m = g_string_new(NULL);
	char **lines = g_strsplit(c->x.fail->str, "\n", -1);
	char *text = g_strjoinv("\n  ", lines);
	GList *l;

	g_strfreev(lines);
	g_string_printf(m, "%s (line %u):\n  %s", st->title, st->pos.line,
			c->x.fail->len ? text : "failed");
	g_free(text);
	trace_render_recent(&c->x);
	if (!g_queue_is_empty(c->x.recent)) {
		g_string_append_printf(m, "\n  last hops of cpu %u:", c->cpu);
		for (l = c->x.recent->head; l; l = l->next)
			g_string_append_printf(m, "\n    %s", (char *)l->data);
	}
	return g_string_free(m, FALSE);
}

/* The thread of one CPU: its steps in order, up to the first that fails. */
static void cpu_body(void *arg)
{
	struct conc_cpu *c = arg;
	unsigned int i;

	for (i = 0; i < c->items->len; i++) {
		const struct step *st = g_ptr_array_index(c->items, i);
		size_t mark = c->x.trace->len;
		unsigned int before = c->smcs->len;
		bool ok;

		g_string_truncate(c->x.fail, 0);
		c->x.crashed = false;
		ok = exec_step_on_cpu(&c->x, st);
		/* The step's trace goes with its SMC, if it got that far. */
		if (c->smcs->len > before && c->x.tracing)
			g_array_index(c->smcs, struct conc_smc,
				      c->smcs->len - 1).trace =
				g_strdup(c->x.trace->str + mark);
		if (!ok) {
			c->failure = cpu_failure(c, st);
			c->crashed = c->x.crashed;
			return;
		}
	}
}

static gint by_seq(gconstpointer a, gconstpointer b)
{
	const struct conc_smc *l = a, *r = b;

	return l->seq < r->seq ? -1 : l->seq > r->seq;
}

/* The SMCs of every CPU not yet played into x, in the order they came back. */
static GArray *pending_smcs(struct conc_run *run)
{
	GArray *all = g_array_new(FALSE, FALSE, sizeof(struct conc_smc));
	unsigned int i, j;

	for (i = 0; i < run->nr_cpus; i++) {
		GArray *smcs = run->cpus[i].smcs;

		for (j = 0; j < smcs->len; j++) {
			struct conc_smc *smc = &g_array_index(smcs,
						struct conc_smc, j);

			if (smc->seq >= run->applied)
				g_array_append_val(all, *smc);
		}
	}
	g_array_sort(all, by_seq);
	return all;
}

/* What the host knows after those SMCs: mailboxes, version, fragments. */
static void play_smcs(struct conc_run *run)
{
	GArray *all = pending_smcs(run);
	struct exec *x = run->x;
	unsigned int i;

	for (i = 0; i < all->len; i++) {
		const struct conc_smc *smc = &g_array_index(all,
						struct conc_smc, i);

		memcpy(x->in, smc->in, sizeof(x->in));
		memcpy(x->out, smc->out, sizeof(x->out));
		x->exit = smc->exit;
		if (smc->exit != HYP_EXIT_FAULT && smc->exit != HYP_EXIT_BUG)
			exec_note_host_state(x);
		if (x->tracing && smc->trace)
			g_string_append(x->trace, smc->trace);
		run->applied = smc->seq + 1;
	}
	g_array_free(all, TRUE);
}

/*
 * No CPU is inside EL2 (sched.h): the machine must hold the invariants
 * here as after any step.  Runs on the thread of the CPU at the point,
 * while every other CPU waits.
 */
static void on_quiet(void *ctx)
{
	static const struct step between = { .title = "between SMCs" };
	struct conc_run *run = ctx;
	struct exec *x = run->x;
	size_t before = x->fail->len;
	uint64_t back = __atomic_load_n(&run->seq, __ATOMIC_RELAXED);

	if (back == run->applied)
		return;
	play_smcs(run);
	exec_check_invariants(x, &between);
	if (x->fail->len != before)
		exec_fail(x, "  (at a moment no CPU was in EL2, %llu SMC%s into the step)",
			  (unsigned long long)back, back == 1 ? "" : "s");
}

static void add_schedule(struct exec *x, const GString *schedule)
{
	char **lines = g_strsplit(schedule->str, "\n", -1);
	unsigned int i, n = g_strv_length(lines);

	if (n && !*lines[n - 1])
		n--;
	exec_fail(x, "schedule (the points each CPU passed, in order):");
	for (i = 0; i < n && i < SCHEDULE_LINES; i++)
		exec_fail(x, "  %s", lines[i]);
	if (n > SCHEDULE_LINES)
		exec_fail(x, "  ... %u more", n - SCHEDULE_LINES);
	g_strfreev(lines);
}

/* With --trace, the order the SMCs above came in. */
static void trace_schedule(struct exec *x, const GString *schedule)
{
	char **lines = g_strsplit(schedule->str, "\n", -1);
	unsigned int i;

	trace_line(x, "schedule:");
	for (i = 0; lines[i]; i++)
		if (*lines[i])
			trace_line(x, "  %s", lines[i]);
	g_strfreev(lines);
}

/* After the CPUs are done: everything they did, into the scenario's exec. */
static void merge(struct conc_run *run)
{
	struct exec *x = run->x;
	unsigned int i;

	play_smcs(run);
	for (i = 0; i < run->nr_cpus; i++) {
		struct conc_cpu *c = &run->cpus[i];

		copy_captures(&x->names, &c->x.names);
		if (c->failure)
			exec_fail(x, "%s", c->failure);
		x->crashed |= c->crashed;
	}
}

static void run_init(struct conc_run *run, struct exec *x,
		     const struct step *st)
{
	const struct conc_group *g = st->group;
	unsigned int i;

	memset(run, 0, sizeof(*run));
	run->x = x;
	run->st = st;
	run->nr_cpus = g->nr_cpus;
	run->schedule = g_string_new(NULL);
	for (i = 0; i < g->nr_cpus; i++) {
		cpu_init(run, &run->cpus[i], g->cpus[i]);
		run->sched[i] = (struct sched_cpu){
			.cpu = g->cpus[i], .body = cpu_body, .arg = &run->cpus[i],
		};
	}
}

static void run_free(struct conc_run *run)
{
	unsigned int i;

	for (i = 0; i < run->nr_cpus; i++)
		cpu_free(&run->cpus[i]);
	g_string_free(run->schedule, TRUE);
}

bool exec_concurrently_once(struct exec *x, const struct step *st,
			    struct sched_policy *policy)
{
	/* Threads that never end keep using it: see below. */
	struct conc_run *run = g_new(struct conc_run, 1);
	char *why, *races;
	bool ok;

	run_init(run, x, st);
	if (policy && !st->stuck_first) {
		policy->quiet = on_quiet;
		policy->quiet_ctx = run;
	}
	trace_line(x, "concurrently: %u CPUs %s", run->nr_cpus,
		   policy ? "one at a time, switching at the proxy's locks and SMCs" :
		   "at once");
	if (!policy)
		tsan_forget_statics();
	ok = sched_run(run->sched, run->nr_cpus, policy, CONC_TIMEOUT,
		       policy ? run->schedule : NULL, &why);
	if (!ok) {
		/*
		 * CPUs are stuck in EL2: leave them and what they use.  Under
		 * the scheduler they wait for a turn that never comes, so
		 * what the others said before they were done can be read.
		 */
		exec_fail(x, "%s", why);
		g_free(why);
		for (unsigned int i = 0; policy && i < run->nr_cpus; i++)
			if (run->cpus[i].failure)
				exec_fail(x, "%s", run->cpus[i].failure);
		if (policy)
			add_schedule(x, run->schedule);
		return false;
	}
	merge(run);
	races = tsan_report_take();
	if (races)
		exec_fail(x, "%s", races);
	g_free(races);
	if (x->fail->len && policy)
		add_schedule(x, run->schedule);
	if (x->tracing && policy)
		trace_schedule(x, run->schedule);
	run_free(run);
	g_free(run);
	return !x->fail->len;
}

bool exec_concurrently(struct exec *x, const struct step *st)
{
	const struct conc_group *g = st->group;
	struct order o;
	struct sched_policy policy;
	bool ok;

	/* ThreadSanitizer sees races only between CPUs that really run at once. */
	if (g->mode == CONC_FREE || tsan_report_active()) {
		x->result_title = g_strdup_printf("%s (cpus at once%s)", st->title,
						  tsan_report_active() ?
						  ", under ThreadSanitizer" : "");
		return exec_concurrently_once(x, st, NULL);
	}
	if (g->mode != CONC_ORDER)
		return explore_orders(x, st);
	order_init(&o, g->order, g->order_len, false, 0);
	policy = order_policy(&o);
	x->result_title = g_strdup_printf("%s: one order, given", st->title);
	ok = exec_concurrently_once(x, st, &policy);
	if (o.misfit) {
		exec_fail(x, "order: %s", o.misfit);
		ok = false;
	}
	order_free(&o);
	return ok;
}
