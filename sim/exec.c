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

#include "sim/exec_internal.h"
#include "sim/explore.h"

void exec_fail(struct exec *x, const char *fmt, ...)
{
	va_list ap;

	if (x->fail->len)
		g_string_append_c(x->fail, '\n');
	va_start(ap, fmt);
	g_string_append_vprintf(x->fail, fmt, ap);
	va_end(ap);
}

bool exec_eval(struct exec *x, const struct expr *e, uint64_t *out)
{
	struct expr_env env = names_env(&x->names);
	struct diag d;
	bool ok;

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
}

static void exec_fini(struct exec *x)
{
	if (x->w.spmc)
		world_destroy(&x->w);
	exec_invariants_free(x);
	trace_free(x);
	names_free(&x->names);
	g_string_free(x->trace, TRUE);
	g_queue_free_full(x->recent, g_free);
	g_string_free(x->fail, TRUE);
	g_array_free(x->stuck, TRUE);
	g_queue_free_full(x->responses, g_free);
	g_free(x->desc);
	g_free(x->result_title);
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

/* The hooks are x's: a process that explores orders runs without them. */
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
		ok = exec_step(x, st);
		scen_result_add_step(r, x->result_title ? x->result_title :
				     st->title, st->pos.line, ok);
		if (!ok) {
			indent_failure(x);
			r->status = x->crashed ? SCEN_CRASH : SCEN_FAIL;
			r->message = failure_message(x, st, i);
			return;
		}
	}
	r->status = SCEN_PASS;
}

void exec_scenario(const struct scenario *s, bool trace,
		   const struct exec_hooks *hooks, struct scen_result *r)
{
	struct timespec t0, t1;
	struct exec x;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!page_size_allowed(&s->setup, hyp_page_size())) {
		r->status = SCEN_SKIP;
		r->message = skip_reason(&s->setup);
		return;
	}
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
	/* A process that runs one order of a concurrently: step ends here. */
	explore_child_finish(r);
	exec_fini(&x);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->seconds = (double)(t1.tv_sec - t0.tv_sec) +
		     (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}
