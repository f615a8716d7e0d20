// SPDX-License-Identifier: GPL-2.0-only
/*
 * From the hops of a run to a sequence of messages.  A host SMC becomes
 * the host's arrow to EL2, then what EL2 did in the order it did it (its
 * SMCs to the SPMC and their answers, stage-2 changes, WARNs), then the
 * answer to the host.  A direct request the SPMC hands to a partition,
 * answered by that partition, gets the two arrows to and from it.
 * Every step gets a heading, so that steps without a hop show too.
 */
#include <stdarg.h>
#include <string.h>

#include "sim/decode/decode.h"
#include "sim/view/explain.h"
#include "spmc_mock/ffa_abi.h"

/* A role's lane: driver lanes first, then a host lane per CPU, then EL2. */
static int index_of(const struct explain *e, int role)
{
	if (role <= EXPLAIN_HOST_CPU(0))
		return e->shift + EXPLAIN_HOST_CPU(0) - role;
	if (role > EXPLAIN_HOST)
		return role + e->shift + (int)e->host_lanes - 1;
	return role + e->shift;
}

static void __attribute__((format(printf, 5, 6)))
add(struct explain *e, enum explain_item_kind kind, int from, int to,
    const char *fmt, ...)
{
	struct explain_item *it = g_new0(struct explain_item, 1);
	va_list ap;

	it->kind = kind;
	it->from = kind == EXPLAIN_SECTION ? from : index_of(e, from);
	it->to = kind == EXPLAIN_SECTION ? to : index_of(e, to);
	va_start(ap, fmt);
	it->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(e->items, it);
}

/* The registers of the message just added, and the call it answers. */
static void with_regs(struct explain *e, const uint64_t *request,
		      const uint64_t *regs)
{
	struct explain_item *it = e->items->pdata[e->items->len - 1];
	size_t size = SMC_NR_REGS * sizeof(*regs);

	it->regs = g_memdup2(regs, size);
	it->request = request ? g_memdup2(request, size) : NULL;
}

/*
 * The descriptors @hop carried with its @el3-th SMC to the SPMC (-1: the
 * host's call), one way, as notes over @over that hold their bytes.
 */
static void desc_notes(struct explain *e, const struct trace_hop *hop,
		       int el3, bool to_spmc, const uint64_t *regs, int over)
{
	struct explain_item *it;
	GString *words;
	size_t i;

	for (i = 0; hop && i < hop->nr_descs; i++) {
		const struct trace_desc *d = hop->descs[i];

		if (d->el3 != el3 || d->to_spmc != to_spmc)
			continue;
		words = g_string_new(NULL);
		trace_desc_words(d, regs, words);
		add(e, EXPLAIN_NOTE, over, over, "descriptor, %s", words->str);
		it = e->items->pdata[e->items->len - 1];
		it->desc = g_memdup2(d->bytes, d->len);
		it->desc_len = d->len;
		g_string_free(words, TRUE);
	}
}

static void add_actor(struct explain *e, char *id, char *label, char *name)
{
	struct explain_actor_def *a = g_new0(struct explain_actor_def, 1);

	a->id = id;
	a->label = label;
	a->name = name;
	g_ptr_array_add(e->actors, a);
}

/* The host CPUs the steps name: 1 unless a step runs on CPU 1 or above. */
static unsigned int host_cpus(const struct scenario *s)
{
	unsigned int i, j, n = 1;

	for (i = 0; i < s->steps->len; i++) {
		const struct step *st = s->steps->pdata[i];

		if (st->cpu > 0 && (unsigned int)st->cpu + 1 > n)
			n = (unsigned int)st->cpu + 1;
		for (j = 0; st->kind == STEP_CONCURRENT && j < st->group->nr_cpus; j++)
			if (st->group->cpus[j] + 1 > n)
				n = st->group->cpus[j] + 1;
	}
	return n;
}

void explain_init(struct explain *e, const struct scenario *s)
{
	const struct scen_setup *setup = &s->setup;
	unsigned int i;

	memset(e, 0, sizeof(*e));
	e->s = s;
	e->step = -1;
	e->actors = g_ptr_array_new();
	e->items = g_ptr_array_new();
	for (i = 0; i < s->steps->len; i++) {
		if (((const struct step *)s->steps->pdata[i])->kind != STEP_DRIVER)
			continue;
		add_actor(e, g_strdup("Client"), g_strdup("client driver"),
			  g_strdup("client"));
		add_actor(e, g_strdup("Driver"), g_strdup("Linux FF-A driver"),
			  g_strdup("driver"));
		e->shift = 2;
		break;
	}
	e->host_lanes = host_cpus(s);
	if (e->host_lanes == 1)
		add_actor(e, g_strdup("Host"), g_strdup("Host"), g_strdup("Host"));
	for (i = 0; e->host_lanes > 1 && i < e->host_lanes; i++)
		add_actor(e, i ? g_strdup_printf("Host%u", i) : g_strdup("Host"),
			  g_strdup_printf("Host CPU %u", i),
			  g_strdup_printf("Host CPU %u", i));
	add_actor(e, g_strdup("EL2"), g_strdup("EL2 proxy"), g_strdup("EL2"));
	add_actor(e, g_strdup("SPMC"), g_strdup("SPMC"), g_strdup("SPMC"));
	for (i = 0; i < setup->spmc.nr_partitions; i++) {
		uint16_t id = setup->spmc.partitions[i].id;
		const char *name = setup->parts[i].name;

		add_actor(e, g_strdup_printf("P%04x", id),
			  name ? g_strdup_printf("%s (0x%04x)", name, id) :
				 g_strdup_printf("0x%04x", id),
			  name ? g_strdup(name) : g_strdup_printf("0x%04x", id));
	}
	add(e, EXPLAIN_SECTION, 0, 0, "boot");
}

static void actor_free(struct explain_actor_def *a)
{
	g_free(a->id);
	g_free(a->label);
	g_free(a->name);
	g_free(a);
}

static void item_free(struct explain_item *it)
{
	g_free(it->text);
	g_free(it->regs);
	g_free(it->request);
	g_free(it->desc);
	g_free(it);
}

void explain_free(struct explain *e)
{
	g_ptr_array_foreach(e->actors, (GFunc)(void *)actor_free, NULL);
	g_ptr_array_free(e->actors, TRUE);
	g_ptr_array_foreach(e->items, (GFunc)(void *)item_free, NULL);
	g_ptr_array_free(e->items, TRUE);
	g_free(e->outcome);
	g_free(e->boot_result);
}

static int partition_actor(const struct explain *e, uint32_t id)
{
	const struct spmc_config *spmc = &e->s->setup.spmc;
	int i = spmc_config_find(spmc, spmc->nr_partitions, id);

	return i >= 0 ? EXPLAIN_PART0 + i : -1;
}

/* The partition a direct request reached: it answered with a response. */
static int delivered_to(const struct explain *e, const struct hyp_event *ev)
{
	uint32_t req = ffa_fid_strip_hint(ev->in.x[0]);
	uint32_t resp = (uint32_t)ev->out.x[0];
	uint32_t dest = (uint32_t)ev->in.x[1] & 0xffff;
	uint32_t src = (uint32_t)ev->out.x[1] >> 16;

	if (req != FFA_MSG_SEND_DIRECT_REQ &&
	    req != FFA_FN64_MSG_SEND_DIRECT_REQ &&
	    req != FFA_FN64_MSG_SEND_DIRECT_REQ2)
		return -1;
	if (resp != FFA_MSG_SEND_DIRECT_RESP &&
	    resp != FFA_FN64_MSG_SEND_DIRECT_RESP &&
	    resp != FFA_FN64_MSG_SEND_DIRECT_RESP2)
		return -1;
	return src == dest ? partition_actor(e, src) : -1;
}

static void el3_items(struct explain *e, const struct hyp_event *ev,
		      const struct trace_hop *hop, int el3)
{
	char *in = decode_brief(NULL, ev->in.x);
	char *out = decode_brief(ev->in.x, ev->out.x);
	int part = delivered_to(e, ev);

	if (ev->origin == SMC_FROM_HYP)
		add(e, EXPLAIN_CALL, EXPLAIN_EL2, EXPLAIN_SPMC, "%s", in);
	else
		add(e, EXPLAIN_CALL, EXPLAIN_EL2, EXPLAIN_SPMC,
		    "%s (the host's call, passed through)", in);
	with_regs(e, NULL, ev->in.x);
	desc_notes(e, hop, el3, true, ev->in.x, EXPLAIN_SPMC);
	if (part >= 0) {
		add(e, EXPLAIN_CALL, EXPLAIN_SPMC, part, "%s", in);
		with_regs(e, NULL, ev->in.x);
		add(e, EXPLAIN_REPLY, part, EXPLAIN_SPMC, "%s", out);
		with_regs(e, ev->in.x, ev->out.x);
	}
	add(e, EXPLAIN_REPLY, EXPLAIN_SPMC, EXPLAIN_EL2, "%s", out);
	with_regs(e, ev->in.x, ev->out.x);
	desc_notes(e, hop, el3, false, ev->out.x, EXPLAIN_EL2);
	g_free(in);
	g_free(out);
}

static void page_op_note(struct explain *e, const struct hyp_event *ev)
{
	char ret[32] = "";

	if (ev->ret)
		g_snprintf(ret, sizeof(ret), " failed with %d", ev->ret);
	add(e, EXPLAIN_NOTE, EXPLAIN_EL2, EXPLAIN_EL2,
	    "stage-2 %s pfn %#llx, %llu page%s%s%s", hyp_op_name(ev->op),
	    (unsigned long long)ev->pfn, (unsigned long long)ev->nr_pages,
	    ev->nr_pages == 1 ? "" : "s", ret,
	    ev->injected ? " (injected)" : "");
}

static const char *base_name(const char *file)
{
	const char *slash = file ? strrchr(file, '/') : NULL;

	return slash ? slash + 1 : file ? file : "?";
}

static void event_items(struct explain *e, const struct hyp_event *ev,
			size_t n, const struct trace_hop *hop)
{
	int el3 = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		switch (ev[i].kind) {
		case HYP_EV_SMC_TO_EL3:
			el3_items(e, &ev[i], hop, el3++);
			break;
		case HYP_EV_PAGE_OP:
			page_op_note(e, &ev[i]);
			break;
		case HYP_EV_WARN:
			add(e, EXPLAIN_NOTE, EXPLAIN_EL2, EXPLAIN_EL2,
			    "WARN at %s:%d in %s%s%s", base_name(ev[i].file),
			    ev[i].line, ev[i].func ? ev[i].func : "?",
			    ev[i].what ? ": " : "",
			    ev[i].what ? ev[i].what : "");
			break;
		case HYP_EV_TRACE:
			/* the tree's own hyp_enter/exit hooks: no FF-A meaning */
			break;
		}
	}
}

static const char *exit_suffix(enum hyp_exit e)
{
	switch (e) {
	case HYP_EXIT_FORWARDED:
		return " (declined by the proxy, forwarded)";
	case HYP_EXIT_REJECTED:
		return " (refused by EL2 before the proxy)";
	default:
		return "";
	}
}

static const struct step *current_step(const struct explain *e);

/* Who made a host SMC: the driver for its steps, else the scenario. */
static int caller(const struct explain *e)
{
	const struct step *st = current_step(e);

	return st && st->kind == STEP_DRIVER ? EXPLAIN_DRIVER : EXPLAIN_HOST;
}

static void smc_items(struct explain *e, const struct trace_hop *hop)
{
	const struct hyp_fault *f = hop->fault;
	char *in = decode_brief(NULL, hop->in);
	int from = caller(e);
	char *out;

	/* A host SMC is drawn from the lane of the CPU that made it. */
	if (from == EXPLAIN_HOST && hop->cpu > 0 && hop->cpu < e->host_lanes)
		from = EXPLAIN_HOST_CPU(hop->cpu);

	add(e, EXPLAIN_CALL, from, EXPLAIN_EL2, "%s", in);
	with_regs(e, NULL, hop->in);
	desc_notes(e, hop, -1, true, hop->in, EXPLAIN_EL2);
	event_items(e, hop->events, hop->nr_events, hop);
	if (hop->exit == HYP_EXIT_BUG) {
		add(e, EXPLAIN_NOTE, EXPLAIN_EL2, EXPLAIN_EL2,
		    "hyp panic: %s at %s:%d", f && f->warn ? "WARN" : "BUG",
		    base_name(f ? f->file : NULL), f ? f->line : 0);
	} else if (hop->exit == HYP_EXIT_FAULT) {
		add(e, EXPLAIN_NOTE, EXPLAIN_EL2, EXPLAIN_EL2,
		    "hyp panic: memory fault in EL2 near %s", f && f->region ?
		    f->region : "?");
	} else {
		out = decode_brief(hop->in, hop->out);
		add(e, EXPLAIN_REPLY, EXPLAIN_EL2, from, "%s%s", out,
		    exit_suffix(hop->exit));
		with_regs(e, hop->in, hop->out);
		g_free(out);
	}
	g_free(in);
}

static const struct step *current_step(const struct explain *e)
{
	if (e->step < 0 || (unsigned int)e->step >= e->s->steps->len)
		return NULL;
	return g_ptr_array_index(e->s->steps, e->step);
}

static const char *after(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(text, prefix, n) ? text : text + n;
}

/* "partition 0x8001: retrieve handle 0x1 = ok" -> "retrieve ..." */
static const char *partition_words(const char *text)
{
	const char *colon = strstr(text, ": ");

	return !strncmp(text, "partition ", 10) && colon ? colon + 2 : text;
}

static void line_item(struct explain *e, const char *text)
{
	const struct step *st = current_step(e);
	int part;

	if (!st) {
		g_free(e->boot_result);
		e->boot_result = g_strdup(after(text, "boot: "));
		return;
	}
	switch (st->kind) {
	case STEP_INJECT_SPMC:
		add(e, EXPLAIN_NOTE, EXPLAIN_SPMC, EXPLAIN_SPMC, "%s",
		    after(text, "inject: "));
		return;
	case STEP_INJECT_HYP:
		add(e, EXPLAIN_NOTE, EXPLAIN_EL2, EXPLAIN_EL2, "%s",
		    after(text, "inject: "));
		return;
	case STEP_RETRIEVE: case STEP_RELINQUISH:
	case STEP_SP_READ: case STEP_SP_WRITE:
		part = partition_actor(e, st->part_id);
		if (part >= 0) {
			add(e, EXPLAIN_CALL, part, EXPLAIN_SPMC, "%s",
			    partition_words(text));
			return;
		}
		break;
	case STEP_DRIVER:
		if (g_str_has_prefix(text, "client -> driver: "))
			add(e, EXPLAIN_CALL, EXPLAIN_CLIENT, EXPLAIN_DRIVER, "%s",
			    after(text, "client -> driver: "));
		else if (g_str_has_prefix(text, "driver -> client: "))
			add(e, EXPLAIN_REPLY, EXPLAIN_DRIVER, EXPLAIN_CLIENT, "%s",
			    after(text, "driver -> client: "));
		else
			add(e, EXPLAIN_NOTE, EXPLAIN_DRIVER, EXPLAIN_DRIVER, "%s",
			    after(text, "driver: "));
		return;
	default:
		break;
	}
	add(e, EXPLAIN_NOTE, EXPLAIN_HOST, EXPLAIN_HOST, "%s", text);
}

static void boot_done(struct explain *e)
{
	if (!e->boot_result)
		return;
	add(e, EXPLAIN_NOTE, EXPLAIN_EL2, EXPLAIN_EL2, "%s", e->boot_result);
	g_free(e->boot_result);
	e->boot_result = NULL;
}

void explain_hop(void *ctx, const struct trace_hop *hop)
{
	struct explain *e = ctx;

	e->step_hops++;
	switch (hop->kind) {
	case TRACE_HOP_SMC:
		smc_items(e, hop);
		break;
	case TRACE_HOP_EVENTS:
		event_items(e, hop->events, hop->nr_events, NULL);
		boot_done(e);
		break;
	case TRACE_HOP_LINE:
		line_item(e, hop->text);
		break;
	}
}

/*
 * A step that made no hop has its heading already; where it acts on the
 * machine, a note says so at the actor it concerns.
 */
static void close_step(struct explain *e)
{
	const struct step *st = current_step(e);
	int part;

	if (!st || e->step_hops)
		return;
	if (st->kind == STEP_HOST_WRITE) {
		add(e, EXPLAIN_NOTE, EXPLAIN_HOST, EXPLAIN_HOST,
		    "writes into its own memory");
	} else if (st->kind == STEP_RESPOND &&
		   (part = partition_actor(e, st->part_id)) >= 0) {
		add(e, EXPLAIN_NOTE, part, part,
		    "queues its answer to the next direct request");
	}
}

void explain_step_started(void *ctx, unsigned int idx, const struct step *st)
{
	struct explain *e = ctx;

	boot_done(e);
	close_step(e);
	e->step = (int)idx;
	e->step_hops = 0;
	add(e, EXPLAIN_SECTION, 0, 0, "step %u: %s", idx + 1, st->title);
}

/* "file:3: step 2 (x):\n  w0: expected ..." -> "w0: expected ..." */
static char *reason(const char *message)
{
	char **lines = g_strsplit(message ? message : "", "\n", 3);
	char *r = g_strdup(g_strstrip(lines[0] && lines[1] ? lines[1] :
				      lines[0] ? lines[0] : ""));

	g_strfreev(lines);
	return r;
}

void explain_finish(struct explain *e, const struct scen_result *r)
{
	char *why;

	boot_done(e);
	close_step(e);
	if (r->status == SCEN_PASS) {
		e->outcome = g_strdup("passed");
		return;
	}
	why = reason(r->message);
	if (r->status == SCEN_SKIP)
		e->outcome = g_strdup_printf("skipped: %s", why);
	else if (e->step >= 0)
		e->outcome = g_strdup_printf("%s at step %d: %s",
					     r->status == SCEN_CRASH ?
					     "crashed" : "failed", e->step + 1,
					     why);
	else
		e->outcome = g_strdup_printf("failed in the setup: %s", why);
	g_free(why);
}
