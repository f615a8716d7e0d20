// SPDX-License-Identifier: GPL-2.0-only
/*
 * One scenario, in this process: machine up, hyp_ffa_init(), steps, and
 * the verdict.  A step stops the scenario at its first failure: what
 * follows it was written for a machine in the state it expected.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "host/host.h"
#include "sim/exec/exec_internal.h"
#include "sim/exec/explore.h"
#include <generated/sim_variant.h>
#if SIM_SPMC_TFA
#include "sim/exec/el3_tfa.h"
#endif

void exec_fail(struct exec *x, const char *fmt, ...)
{
	va_list ap;

	if (x->fail->len)
		g_string_append_c(x->fail, '\n');
	va_start(ap, fmt);
	g_string_append_vprintf(x->fail, fmt, ap);
	va_end(ap);
}

/* A few bytes from @at as "aa bb cc ...", at most @max of @n. */
static void hex_run(GString *out, const uint8_t *b, size_t at, size_t n,
		    size_t max)
{
	size_t i;

	for (i = at; i < n && i < at + max; i++)
		g_string_append_printf(out, "%s%02x", i > at ? " " : "", b[i]);
	if (i < n)
		g_string_append(out, " ...");
}

bool exec_bytes_differ(struct exec *x, const char *subject,
		       const uint8_t *want, const uint8_t *got, size_t n)
{
	size_t first, i, count = 0;
	GString *w, *g;

	for (first = 0; first < n && want[first] == got[first]; first++)
		;
	if (first == n)
		return false;
	for (i = first; i < n; i++)
		count += want[i] != got[i];
	w = g_string_new(NULL);
	g = g_string_new(NULL);
	hex_run(w, want, first, n, 8);
	hex_run(g, got, first, n, 8);
	exec_fail(x, "%s: the bytes differ from offset %#zx on (%zu of %zu differ): expected %s, got %s",
		  subject, first, count, n, w->str, g->str);
	g_string_free(w, TRUE);
	g_string_free(g, TRUE);
	return true;
}

bool exec_eval_names(struct exec *x, const struct expr *e, uint64_t *out)
{
	struct expr_env env;
	struct diag d;
	bool ok;

	env = names_env(&x->names);
	diag_init(&d);
	ok = expr_eval(e, &env, out, &d);
	if (!ok)
		exec_fail(x, "%s", diag_message(&d, 0));
	diag_free(&d);
	return ok;
}

static bool page_size_allowed(const struct scen_setup *setup, size_t ps)
{
	unsigned int i;

	if (!setup->nr_page_sizes)
		return true;
	for (i = 0; i < setup->nr_page_sizes; i++)
		if (setup->page_sizes[i] == ps)
			return true;
	return false;
}

static char *skip_reason(const struct scen_setup *setup)
{
	GString *m = g_string_new("needs a page size of");
	unsigned int i;

	for (i = 0; i < setup->nr_page_sizes; i++)
		g_string_append_printf(m, "%s %lluK", i ? " or" : "",
				       (unsigned long long)setup->page_sizes[i] / 1024);
	g_string_append_printf(m, ", this proxy is built for %zuK",
			       hyp_page_size() / 1024);
	return g_string_free(m, FALSE);
}

static void world_config_of(const struct exec *x, struct world_config *cfg)
{
	const struct scen_setup *setup = &x->s->setup;
	unsigned int i;

	world_config_default(cfg);
	cfg->dram_base = setup->dram_base;
	cfg->dram_size = setup->dram_size;
	cfg->smccc_version = setup->smccc_version;
	cfg->spmc = setup->spmc;
	for (i = 0; i < setup->spmc.nr_partitions; i++)
		if (setup->parts[i].scripted)
			cfg->spmc.partitions[i].behaviour = SPMC_DIRECT_SCRIPTED;
	for (i = 0; i < setup->nr_regions; i++) {
		const struct scen_region *r = &setup->regions[i];

		if (!r->mmio || cfg->nr_mmio == PHYSMEM_MAX_MMIO)
			continue;
		cfg->mmio[cfg->nr_mmio].base = r->pa;
		cfg->mmio[cfg->nr_mmio].size = r->pages * x->page_size;
		g_strlcpy(cfg->mmio[cfg->nr_mmio].name, r->name,
			  PHYSMEM_NAME_LEN);
		cfg->nr_mmio++;
	}
}

static bool set_owners(struct exec *x)
{
	const struct scen_setup *setup = &x->s->setup;
	unsigned int i;

	for (i = 0; i < setup->nr_regions; i++) {
		const struct scen_region *r = &setup->regions[i];

		if (r->mmio || r->owner == HYP_OWNER_HOST)
			continue;
		if (hyp_pages_set_owner(r->pa, r->pages, r->owner)) {
			exec_fail(x, "setup: cannot give %s to %s", r->name,
				  hyp_owner_name(r->owner));
			return false;
		}
	}
	return true;
}

static bool boot(struct exec *x)
{
	struct world_config cfg;
	uint64_t want = 0;
	char err[256];
	int ret;

	world_config_of(x, &cfg);
	if (world_create(&x->w, &cfg, err, sizeof(err))) {
		exec_fail(x, "setup: %s", err);
		return false;
	}
	spmc_set_direct_handler(x->w.spmc, exec_direct_handler, x);
	exec_carried_init(x);
	if (!set_owners(x))
		return false;
	ret = hyp_env_ffa_init();
	trace_line(x, "boot: hyp_ffa_init() = %d", ret);
	trace_events(x);
	if (x->s->setup.init_result && !exec_eval(x, x->s->setup.init_result,
						  &want))
		return false;
	if ((uint64_t)(int64_t)ret != want) {
		exec_fail(x, "setup: hyp_ffa_init() returned %d, expected %lld",
			  ret, (long long)want);
		return false;
	}
	return true;
}

static void exec_init(struct exec *x, const struct scenario *s, bool trace)
{
	memset(x, 0, sizeof(*x));
	x->s = s;
	x->page_size = hyp_page_size();
	x->tracing = trace;
	x->trace = g_string_new(NULL);
	x->recent = g_queue_new();
	x->fail = g_string_new(NULL);
	x->stuck = g_array_new(FALSE, FALSE, sizeof(struct stuck_span));
	x->responses = g_queue_new();
	names_init(&x->names, &s->setup, x->page_size);
	names_use_slots(&x->names, s->capture_slots);
}

static void exec_fini(struct exec *x)
{
	exec_driver_exit(x);
	if (x->w.spmc)
		world_destroy(&x->w);
	exec_invariants_free(x);
	trace_free(x);
	exec_carried_free(x);
	names_free(&x->names);
	g_string_free(x->trace, TRUE);
	g_queue_free_full(x->recent, g_free);
	g_string_free(x->fail, TRUE);
	g_array_free(x->stuck, TRUE);
	g_queue_free_full(x->responses, g_free);
	g_free(x->desc);
	g_free(x->result_title);
	g_free(x->drv_got);
	g_free(x->continued);
}

/* The failure text: where, what, and the last hops that led there. */
static char *failure_message(struct exec *x, const struct step *st,
			     unsigned int idx)
{
	GString *m = g_string_new(NULL);
	GList *l;

	if (st)
		g_string_append_printf(m, "%s:%u: step %u (%s):\n", x->s->file,
				       st->pos.line, idx + 1, st->title);
	else
		g_string_append_printf(m, "%s:%u: setup:\n", x->s->file,
				       x->s->line);
	g_string_append_printf(m, "  %s",
			       x->fail->len ? x->fail->str : "failed");
	trace_render_recent(x);
	if (!g_queue_is_empty(x->recent)) {
		g_string_append(m, "\n  last hops:");
		for (l = x->recent->head; l; l = l->next)
			g_string_append_printf(m, "\n    %s", (char *)l->data);
	}
	return g_string_free(m, FALSE);
}

static void indent_failure(struct exec *x)
{
	char **lines = g_strsplit(x->fail->str, "\n", -1);
	char *s = g_strjoinv("\n  ", lines);

	g_string_assign(x->fail, s);
	g_free(s);
	g_strfreev(lines);
}

/*
 * --continue-past-warn ran every step, but a WARN fired that no step
 * expected: hardware would have stopped there, so the scenario fails at
 * that step with that outcome.
 */
static void went_past_warn(struct exec *x, struct scen_result *r)
{
	const struct step *st = g_ptr_array_index(x->s->steps,
						  x->continued_step);

	r->status = SCEN_FAIL;
	r->message = g_strdup_printf("%s:%u: step %u (%s):\n  %s", x->s->file,
				     st->pos.line, x->continued_step + 1,
				     st->title, x->continued);
}

static bool checks_messages(const struct step *st)
{
	unsigned int i;

	for (i = 0; i < st->nr_thens; i++)
		if (st->thens[i]->kind == THEN_MESSAGE)
			return true;
	return false;
}

/*
 * What each partition had been sent before the step, for then: messages;
 * a step without one does not ask the SPMC (one lock per partition).
 */
static void count_messages(struct exec *x, const struct step *st)
{
	const struct spmc_config *cfg = &x->s->setup.spmc;
	struct spmc_msg_info info;
	unsigned int i;

	if (!checks_messages(st))
		return;
	for (i = 0; i < cfg->nr_partitions; i++)
		x->msg_count[i] = spmc_partition_last_msg(x->w.spmc,
							  cfg->partitions[i].id,
							  &info) ? info.count : 0;
}

bool exec_step(struct exec *x, const struct step *st)
{
	bool ok;

	g_string_truncate(x->fail, 0);
	x->crashed = false;
	/* Steps outside a concurrently: group run on this thread. */
	hyp_set_this_cpu(st->cpu > 0 ? (unsigned int)st->cpu : 0);
	count_messages(x, st);
	ok = st->kind == STEP_CONCURRENT ? exec_concurrently(x, st) :
	     exec_step_action(x, st);
	if (!ok) {
		/* The state at a panic must still be safe. */
		if (x->panicked)
			exec_check_invariants(x, st);
		return false;
	}
	exec_captures(x, st);
	if (!x->fail->len)
		exec_check_thens(x, st);
	if (!x->fail->len)
		exec_check_invariants(x, st);
	return !x->fail->len;
}

/* The hooks are x's: a child exploring an order has the explorer's. */
static void run_steps(struct exec *x, struct scen_result *r)
{
	unsigned int i;

	for (i = 0; i < x->s->steps->len; i++) {
		const struct step *st = g_ptr_array_index(x->s->steps, i);
		bool ok;

		if (x->hooks && x->hooks->step_started)
			x->hooks->step_started(x->hooks->ctx, i, st);
		g_free(x->result_title);
		x->result_title = NULL;
		g_free(x->drv_got);
		x->drv_got = NULL;
		x->step_no = i;
		ok = exec_step(x, st);
		scen_result_add_step(r, x->result_title ? x->result_title :
				     st->title, st->pos.line, ok);
		scen_result_step_got(r, x->drv_got);
		if (!ok) {
			indent_failure(x);
			r->status = x->crashed ? SCEN_CRASH : SCEN_FAIL;
			r->message = failure_message(x, st, i);
			return;
		}
	}
	r->status = SCEN_PASS;
	if (x->continued)
		went_past_warn(x, r);
}

void exec_scenario(const struct scenario *s, bool trace,
		   const struct exec_hooks *hooks, struct scen_result *r)
{
	struct timespec t0, t1;
	struct exec x;
	const char *no_driver = host_driver_absent();
#if SIM_SPMC_TFA
	const char *gap;
#endif

	clock_gettime(CLOCK_MONOTONIC, &t0);
	explore_forget_orders();
	if (!page_size_allowed(&s->setup, hyp_page_size())) {
		r->status = SCEN_SKIP;
		r->message = skip_reason(&s->setup);
		return;
	}
	/* A variant built with DRIVER=no: a driver: step has no driver. */
	if (no_driver && scenario_uses_driver(s)) {
		r->status = SCEN_SKIP;
		r->message = g_strdup(no_driver);
		return;
	}
#if SIM_SPMC_TFA
	if ((gap = el3_tfa_gap(s))) {
		r->status = SCEN_SKIP;
		r->message = g_strdup_printf("on %s: %s", SIM_SPMC_NAME, gap);
		return;
	}
#endif
	exec_init(&x, s, trace);
	x.hooks = hooks;
	if (boot(&x)) {
		run_steps(&x, r);
	} else {
		indent_failure(&x);
		r->status = SCEN_FAIL;
		r->message = failure_message(&x, NULL, 0);
	}
	if (trace)
		r->trace = g_strdup(x.trace->str);
	if (x.hooks && x.hooks->finished)
		x.hooks->finished(x.hooks->ctx, r);
	exec_fini(&x);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->seconds = (double)(t1.tv_sec - t0.tv_sec) +
		     (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}
