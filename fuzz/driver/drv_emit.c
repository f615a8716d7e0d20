// SPDX-License-Identifier: GPL-2.0-only
/*
 * A played driver program as a scenario: the proxy fuzzer's set-up, then
 * one driver: step per call that ran, each expecting the return code the
 * client got (a share's handle captured as h<call>, for the reclaims that
 * use it).  The step where the program found something is the last one,
 * and that is where ffa-sim run fails.  The final unload has no step in
 * the language: a finding there is reproduced by the saved input alone.
 */
#include <stdio.h>

#include <glib.h>

#include "fuzz/driver/drv_emit.h"
#include "fuzz/emit.h"
#include "fuzz/machine.h"

static const char *const part_names[] = { "sp1", "sp2", "all" };

static void receivers(GString *o, const struct df_call *c)
{
	static const char *const who[] = { "sp1", "sp2", "HOST_ID" };
	unsigned int i;

	g_string_append(o, "      to: [");
	for (i = 0; i < c->nr_receivers; i++) {
		const struct df_receiver *r = &c->rcv[i];

		g_string_append_printf(o, "%s{ id: ", i ? ", " : "");
		if (r->who == DW_RAW)
			g_string_append_printf(o, "%#x", r->id);
		else
			g_string_append(o, who[r->who]);
		g_string_append_printf(o, ", perms: %#x }", r->perms);
	}
	g_string_append(o, "]\n");
}

static void mem_step(GString *o, const struct df_call *c)
{
	unsigned int i;

	g_string_append_printf(o, "  - driver:\n      op: %s\n",
			       df_kind_name(c->kind));
	receivers(o, c);
	g_string_append(o, "      ranges: [");
	for (i = 0; i < c->nr_ranges; i++)
		g_string_append_printf(o, "%s{ at: %#llx, pages: %u }",
				       i ? ", " : "",
				       (unsigned long long)(FZ_DRAM_BASE +
					c->range[i].page * fz_m.page_size),
				       c->range[i].pages);
	g_string_append(o, "]\n");
	if (c->per_page)
		g_string_append(o, "      entries: per-page\n");
	if (c->own_buffer)
		g_string_append(o, "      buffer: own\n");
	if (c->has_flags)
		g_string_append_printf(o, "      flags: %#x\n", c->flags);
	if (c->has_tag)
		g_string_append_printf(o, "      tag: %#llx\n",
				       (unsigned long long)c->tag);
}

static void words(GString *o, const uint64_t *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		g_string_append_printf(o, "%s%#llx", i ? ", " : "",
				       (unsigned long long)v[i]);
}

static void call_step(GString *o, const struct df_play *d, int i)
{
	const struct df_call *c = &d->prog->calls[i];
	const struct df_result *r = &d->res[i];
	const char *op = df_kind_name(c->kind);
	unsigned int k;

	switch (c->kind) {
	case DF_SHARE:
	case DF_LEND:
		mem_step(o, c);
		break;
	case DF_BIND:
		g_string_append_printf(o, "  - driver: { op: bind, to: %s }\n",
				       part_names[c->target]);
		break;
	case DF_INFO:
		g_string_append_printf(o, "  - driver: { op: %s, of: %s }\n",
				       op, part_names[c->target]);
		break;
	case DF_DIRECT:
	case DF_DIRECT2:
		g_string_append_printf(o, "  - driver: { op: %s, to: %s, data: [",
				       op, part_names[c->target]);
		words(o, c->data, c->nr_data);
		g_string_append(o, "] }\n");
		break;
	case DF_INDIRECT:
		g_string_append_printf(o, "  - driver: { op: %s, to: %s, bytes: [",
				       op, part_names[c->target]);
		for (k = 0; k < c->nr_bytes; k++)
			g_string_append_printf(o, "%s%#x", k ? ", " : "",
					       c->bytes[k]);
		g_string_append(o, "] }\n");
		break;
	case DF_RECLAIM:
		g_string_append(o, "  - driver: { op: reclaim, handle: ");
		if (r->handle_of >= 0)
			g_string_append_printf(o, "h%d", r->handle_of);
		else
			g_string_append_printf(o, "%#llx",
					       (unsigned long long)r->handle);
		if (c->has_flags)
			g_string_append_printf(o, ", flags: %#x", c->flags);
		g_string_append(o, " }\n");
		break;
	case DF_NOTIFY:
	case DF_UNNOTIFY:
		g_string_append_printf(o, "  - driver: { op: %s, to: %s, id: %u%s }\n",
				       op, part_names[c->target], c->notify_id,
				       c->per_vcpu ? ", per_vcpu: yes" : "");
		break;
	}
	if (c->cpu)
		g_string_append_printf(o, "    cpu: %u\n", c->cpu);
}

/* What the client got, where it got anything. */
static void outcome(GString *o, const struct host_outcome *out,
		    bool capture, int i)
{
	if (out->stop != HOST_RETURNED)
		return;
	g_string_append_printf(o, "    expect: { ret: %d }\n", out->ret);
	if (capture && !out->ret)
		g_string_append_printf(o, "    capture: { h%d: handle }\n", i);
}

char *df_emit_scenario(const struct df_play *d, const char *name,
		       const char *what)
{
	GString *o = g_string_new(NULL);
	int i, last = d->end_at;

	g_string_append_printf(o, "name: %s\ndescription: >\n  Written by ffa-driver-fuzz: a client's calls through Linux's FF-A\n  driver. %s\ntags: [fuzz, driver]\n",
			       name, what);
	fz_emit_setup(o, &d->prog->setup);
	g_string_append(o, "steps:\n  - driver: load\n");
	outcome(o, &d->load, false, 0);
	if (last == DF_AT_LOAD)
		return g_string_free(o, FALSE);
	for (i = 0; i < (int)d->prog->nr_calls && i <= last; i++) {
		if (!d->res[i].ran)
			continue;
		call_step(o, d, i);
		outcome(o, &d->res[i].o, d->prog->calls[i].kind == DF_SHARE ||
			d->prog->calls[i].kind == DF_LEND, i);
	}
	return g_string_free(o, FALSE);
}
