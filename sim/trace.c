// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hops of each host SMC in FF-A terms: what the host asked, what EL2
 * did (handled, passed through, refused), each SMC to the SPMC, page-state
 * changes, WARNs, and what the host got back.  Kept whole for --trace and
 * as a short tail for failure messages.
 */
#include <stdarg.h>
#include <stdio.h>

#include "sim/decode.h"
#include "sim/exec_internal.h"

void trace_line(struct exec *x, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (x->tracing)
		g_string_append_printf(x->trace, "%s\n", line);
	g_queue_push_tail(x->recent, line);
	while (g_queue_get_length(x->recent) > EXEC_RECENT_HOPS)
		g_free(g_queue_pop_head(x->recent));
}

static void trace_el3(struct exec *x, const struct hyp_event *ev)
{
	char *in = decode_regs(NULL, ev->in.x);
	char *out = decode_regs(ev->in.x, ev->out.x);

	trace_line(x, "    %s -> SPMC: %s", ev->origin == SMC_FROM_HYP ?
		   "EL2" : "host (passed through)", in);
	trace_line(x, "    SPMC -> %s: %s", ev->origin == SMC_FROM_HYP ?
		   "EL2" : "host", out);
	g_free(in);
	g_free(out);
}

void trace_events(struct exec *x)
{
	const struct hyp_event *ev;
	size_t n, i;

	ev = hyp_events(&n);
	for (i = 0; i < n; i++) {
		switch (ev[i].kind) {
		case HYP_EV_SMC_TO_EL3:
			trace_el3(x, &ev[i]);
			break;
		case HYP_EV_PAGE_OP:
			trace_line(x, "    EL2 stage-2: %s(pfn %#llx, %llu page%s) = %d%s",
				   hyp_op_name(ev[i].op),
				   (unsigned long long)ev[i].pfn,
				   (unsigned long long)ev[i].nr_pages,
				   ev[i].nr_pages == 1 ? "" : "s", ev[i].ret,
				   ev[i].injected ? " (injected)" : "");
			break;
		case HYP_EV_WARN:
			trace_line(x, "    EL2 WARN at %s:%d: %s", exec_tree_path(ev[i].file),
				   ev[i].line, ev[i].what ? ev[i].what : "");
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
		return "memory fault in EL2";
	case HYP_EXIT_BUG:
		return "BUG in EL2";
	}
	return "?";
}

void trace_smc(struct exec *x, const char *title)
{
	char *in = decode_regs(NULL, x->in);
	char *out;

	trace_line(x, "%s: host -> EL2: %s", title, in);
	trace_events(x);
	if (x->exit == HYP_EXIT_FAULT || x->exit == HYP_EXIT_BUG) {
		trace_line(x, "  %s", exit_words(x->exit));
	} else {
		out = decode_regs(x->in, x->out);
		trace_line(x, "  EL2 -> host: %s [%s]", out, exit_words(x->exit));
		g_free(out);
	}
	g_free(in);
}
