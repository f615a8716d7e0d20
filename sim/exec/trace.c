// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hops of each host SMC in FF-A terms: what the host asked, what EL2
 * did (handled, passed through, refused), each SMC to the SPMC, page-state
 * changes, WARNs, and what the host got back.  Kept whole for --trace and
 * as a short tail for failure messages.
 *
 * Without --trace the tail is only read when a step fails, and decoding
 * registers into words costs more than the SMC itself: so an SMC's hops
 * are kept as the raw registers and events, and turned into lines only
 * when trace_render_recent() is asked for them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim/decode/decode.h"
#include "sim/decode/decode_desc.h"
#include "sim/exec/exec_internal.h"
#include "sim/exec/trace.h"
#include "spmc_mock/ffa_abi.h"

/*
 * The newest hops, not yet turned into lines: a ring whose entries are
 * reused, so that a step costs no allocation.  Every hop gives at least
 * one line, so the tail's last lines come from its last EXEC_RECENT_HOPS
 * hops: older ones, and the lines before them, can go.
 */
struct hop {
	char *line;			/* a line; else what follows */
	const char *title;		/* an SMC's step; NULL: events only */
	const char *caller;		/* "host", or "driver" for its steps */
	uint64_t in[SMC_NR_REGS], out[SMC_NR_REGS];
	enum hyp_exit exit;
	const struct hyp_event *ev;	/* the hyp's, its trace hooks' too */
	size_t nr_ev;
	GArray *events;			/* the tail's: @ev, taken from the hyp */
	struct carried *descs;		/* what the SMC carried */
};

/* The events of a hop that become lines. */
struct shown {
	size_t first;
	bool cut;			/* events before @first left out */
	int el3_cut;			/* SMCs to the SPMC among those */
};

struct trace_tail {
	struct hop hops[EXEC_RECENT_HOPS];
	unsigned int first, count;
};

static void emit(struct exec *x, char *line)
{
	if (x->tracing)
		g_string_append_printf(x->trace, "%s\n", line);
	g_queue_push_tail(x->recent, line);
	while (g_queue_get_length(x->recent) > EXEC_RECENT_HOPS)
		g_free(g_queue_pop_head(x->recent));
}

/* Lines older than what is about to come would scroll out of the tail. */
static void forget_older(struct exec *x)
{
	/* Asked for every hop once the tail is full: no call to say no. */
	if (!x->recent->length)
		return;
	g_queue_foreach(x->recent, (GFunc)(void *)g_free, NULL);
	g_queue_clear(x->recent);
}

static void __attribute__((format(printf, 2, 3)))
emitf(struct exec *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(x, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

static struct hop *next_hop(struct exec *x)
{
	struct trace_tail *t = x->tail;
	struct hop *h;

	if (!t)
		t = x->tail = g_new0(struct trace_tail, 1);
	if (t->count == EXEC_RECENT_HOPS) {
		t->first = (t->first + 1) % EXEC_RECENT_HOPS;
		t->count--;
		forget_older(x);
	}
	h = &t->hops[(t->first + t->count++) % EXEC_RECENT_HOPS];
	g_free(h->line);
	h->line = NULL;
	h->title = NULL;
	h->caller = NULL;
	/* Emptied, kept: the next SMC that carries descriptors takes it. */
	if (h->descs)
		carried_reset(h->descs);
	return h;
}

void trace_line(struct exec *x, const char *fmt, ...)
{
	struct hop *h;
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	trace_observe_line(line);
	if (x->tracing) {
		emit(x, line);
		return;
	}
	h = next_hop(x);
	h->line = line;
}

/*
 * The descriptors @h carried with its @el3-th SMC to the SPMC (-1: the
 * host's own call), one way; @regs are the registers of the call that
 * carried them (for an answer, the answer's).
 */
static void render_descs(struct exec *x, const struct hop *h, int el3,
			 bool to_spmc, const uint64_t *regs)
{
	unsigned int i;

	for (i = 0; h && h->descs && i < h->descs->len; i++) {
		const struct trace_desc *d = h->descs->descs[i];
		GString *words;

		if (d->el3 != el3 || d->to_spmc != to_spmc)
			continue;
		words = g_string_new(NULL);
		trace_desc_words(d, regs, words);
		emitf(x, "      descriptor, %s%s%s%s", words->str,
		      d->saved ? " (saved as " : "", d->saved ? d->saved : "",
		      d->saved ? ")" : "");
		g_string_free(words, TRUE);
	}
}

/* Whose SMC a hop is: init's and the scenario's are the host's. */
static const char *caller_of(const struct hop *h)
{
	return h && h->caller ? h->caller : "host";
}

static void render_el3(struct exec *x, const struct hyp_event *ev,
		       const struct hop *h, int el3)
{
	char *in = decode_regs(NULL, ev->in.x);
	char *out = decode_regs(ev->in.x, ev->out.x);
	bool own = ev->origin == SMC_FROM_HYP;

	emitf(x, "    %s%s -> SPMC: %s", own ? "EL2" : caller_of(h),
	      own ? "" : " (passed through)", in);
	render_descs(x, h, el3, true, ev->in.x);
	emitf(x, "    SPMC -> %s: %s", own ? "EL2" : caller_of(h), out);
	render_descs(x, h, el3, false, ev->out.x);
	g_free(in);
	g_free(out);
}

static void render_events(struct exec *x, const struct hop *h,
			  const struct shown *sh)
{
	const struct hyp_event *ev = h->ev;
	int el3 = sh->el3_cut;
	size_t i;

	for (i = sh->first; i < h->nr_ev; i++) {
		switch (ev[i].kind) {
		case HYP_EV_SMC_TO_EL3:
			render_el3(x, &ev[i], h, el3++);
			break;
		case HYP_EV_PAGE_OP:
			emitf(x, "    EL2 stage-2: %s(pfn %#llx, %llu page%s) = %d%s",
			      hyp_op_name(ev[i].op),
			      (unsigned long long)ev[i].pfn,
			      (unsigned long long)ev[i].nr_pages,
			      ev[i].nr_pages == 1 ? "" : "s", ev[i].ret,
			      ev[i].injected ? " (injected)" : "");
			break;
		case HYP_EV_WARN:
			emitf(x, "    EL2 WARN at %s:%d in %s: %s",
			      kernel_tree_path(ev[i].file), ev[i].line,
			      ev[i].func ? ev[i].func : "?",
			      ev[i].what ? ev[i].what : "");
			break;
		case HYP_EV_TRACE:
			/* the tree's own hyp_enter/exit hooks: no FF-A meaning */
			break;
		}
	}
}

static const char *exit_words(enum hyp_exit e)
{
	switch (e) {
	case HYP_EXIT_HANDLED:
		return "handled by the proxy";
	case HYP_EXIT_FORWARDED:
		return "declined by the proxy, forwarded to EL3";
	case HYP_EXIT_REJECTED:
		return "refused by EL2 before the proxy";
	case HYP_EXIT_FAULT:
		return "memory fault in EL2: hyp panic, the machine stops";
	case HYP_EXIT_BUG:
		return "hyp panic, the machine stops";
	case HYP_EXIT_HANG:
		return "EL2 asks EL3 the same things forever: the CPU never comes back";
	}
	return "?";
}

static void render_smc(struct exec *x, const struct hop *h,
		       const struct shown *sh)
{
	char *in = decode_regs(NULL, h->in);
	char *out;

	if (sh->cut) {
		forget_older(x);
	} else {
		emitf(x, "%s: %s -> EL2: %s", h->title, caller_of(h), in);
		render_descs(x, h, -1, true, h->in);
	}
	render_events(x, h, sh);
	if (h->exit == HYP_EXIT_FAULT || h->exit == HYP_EXIT_BUG) {
		emitf(x, "  %s", exit_words(h->exit));
	} else {
		out = decode_regs(h->in, h->out);
		emitf(x, "  EL2 -> %s: %s [%s]", caller_of(h), out,
		      exit_words(h->exit));
		g_free(out);
	}
	g_free(in);
}

/*
 * The events of @h that become lines, the tree's own trace hooks aside,
 * which show nothing: all of them with --trace.  Without, each gives at
 * least a line, so only the last EXEC_RECENT_HOPS can reach the tail: a
 * share of hundreds of ranges keeps those.
 */
static void shown_of(const struct exec *x, const struct hop *h,
		     struct shown *sh)
{
	const struct hyp_event *ev = h->ev;
	size_t n = h->nr_ev, i = 0, j, kept = 0;

	if (!x->tracing && n > EXEC_RECENT_HOPS) {
		for (i = n; i > 0 && kept < EXEC_RECENT_HOPS;)
			kept += ev[--i].kind != HYP_EV_TRACE;
	}
	*sh = (struct shown){ .first = i };
	for (j = 0; j < i; j++) {
		sh->cut = sh->cut || ev[j].kind != HYP_EV_TRACE;
		sh->el3_cut += ev[j].kind == HYP_EV_SMC_TO_EL3;
	}
}

static void render(struct exec *x, struct hop *h)
{
	struct shown sh;

	if (h->line) {
		emit(x, h->line);
		h->line = NULL;
		return;
	}
	shown_of(x, h, &sh);
	if (h->title) {
		render_smc(x, h, &sh);
	} else {
		if (sh.cut)
			forget_older(x);
		render_events(x, h, &sh);
	}
}

/*
 * The hops of the last host SMC (or of init), as the hyp recorded them.
 * The tail takes the hyp's list of them rather than a copy, and gives
 * the list of the hop it reuses in its place; --trace reads them where
 * they are, as it turns them into lines at once.
 */
static void keep_events(struct exec *x, struct hop *h)
{
	if (x->tracing) {
		h->ev = hyp_events(&h->nr_ev);
		return;
	}
	h->events = hyp_events_take(h->events);
	h->ev = h->events ? (const void *)h->events->data : NULL;
	h->nr_ev = h->events ? h->events->len : 0;
}

void trace_events(struct exec *x)
{
	struct hop now, *h = &now;

	trace_observe_events();
	if (x->tracing)
		now = (struct hop){ 0 };
	else
		h = next_hop(x);
	keep_events(x, h);
	if (x->tracing)
		render(x, h);
}

void trace_smc(struct exec *x, const char *title)
{
	trace_smc_by(x, title, NULL);
}

void trace_smc_by(struct exec *x, const char *title, const char *caller)
{
	/* Only --trace's hop is made here: the tail's are reused. */
	struct hop now, *h = &now;

	trace_observe_smc(title, x->in, x->out, x->exit, &x->fault,
			  x->carried ? x->carried->descs : NULL,
			  x->carried ? x->carried->len : 0);
	if (x->tracing)
		now = (struct hop){ 0 };
	else
		h = next_hop(x);
	keep_events(x, h);
	h->title = title;
	h->caller = caller;
	if (x->tracing) {
		/* Rendered at once: the list, emptied, is the next SMC's. */
		h->descs = x->carried;
	} else if (x->carried && x->carried->len) {
		struct carried *spare = h->descs;  /* empty, from next_hop() */

		h->descs = x->carried;
		x->carried = spare ? spare : carried_new();
	}
	memcpy(h->in, x->in, sizeof(h->in));
	memcpy(h->out, x->out, sizeof(h->out));
	h->exit = x->exit;
	if (x->tracing) {
		render(x, h);
		if (h->descs)
			carried_reset(h->descs);
	}
}

void trace_render_recent(struct exec *x)
{
	struct trace_tail *t = x->tail;
	unsigned int i;

	if (!t)
		return;
	for (i = 0; i < t->count; i++)
		render(x, &t->hops[(t->first + i) % EXEC_RECENT_HOPS]);
	t->first = 0;
	t->count = 0;
}

void trace_free(struct exec *x)
{
	struct trace_tail *t = x->tail;
	unsigned int i;

	if (!t)
		return;
	for (i = 0; i < EXEC_RECENT_HOPS; i++) {
		g_free(t->hops[i].line);
		if (t->hops[i].events) {
			hyp_events_forget(t->hops[i].events);
			g_array_free(t->hops[i].events, TRUE);
		}
		carried_free(t->hops[i].descs);
	}
	g_free(t);
	x->tail = NULL;
}
