// SPDX-License-Identifier: GPL-2.0-only
/*
 * concurrently: steps.  A list of steps, each naming the host CPU that
 * makes it, which run side by side; how the runner picks the orders the
 * CPUs pass the proxy's locks and SMCs in comes from interleavings: (or
 * order:, one order fixed).  docs/concurrency.md is the reference.
 *
 *	- concurrently:
 *	    - { cpu: 0, call: FFA_VERSION, x1: version(1, 1) }
 *	    - { cpu: 1, call: FFA_VERSION, x1: version(1, 2) }
 *	  interleavings: all
 */
#include <stdlib.h>
#include <string.h>

#include "sim/lang/load_internal.h"

/* interleavings: N without a seed, and seed S without a count. */
#define DEFAULT_SEED		1
#define DEFAULT_SAMPLES		100
#define MAX_SAMPLES		100000

/* A name captured by one CPU's step of the group. */
struct group_capture {
	const char *name;
	unsigned int cpu;
	unsigned int line;
};

/*
 * What another CPU captures within the group is not ordered with this
 * CPU's steps: while one is loaded, the others' captures are hidden, with
 * a message that says so.
 */
static void hide_others(struct ld *ld, GArray *caps, unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < caps->len; i++) {
		const struct group_capture *c =
			&g_array_index(caps, struct group_capture, i);
		char *why;

		if (c->cpu == cpu)
			continue;
		g_hash_table_remove(ld->names.captures, c->name);
		why = g_strdup_printf("'%s' is captured by cpu %u at line %u, which runs at the same time as this step: use it after the concurrently: step",
				      c->name, c->cpu, c->line);
		names_set_pending(&ld->names, c->name, why);
		g_free(why);
	}
}

static void show_all(struct ld *ld, GArray *caps)
{
	unsigned int i;

	for (i = 0; i < caps->len; i++)
		names_set_capture(&ld->names,
				  g_array_index(caps, struct group_capture, i).name,
				  0);
}

static bool add_captures(struct ld *ld, GArray *caps, const struct step *st,
			 const struct ynode *item)
{
	unsigned int i, j;

	for (i = 0; i < st->nr_captures; i++) {
		struct group_capture c = {
			.name = st->captures[i].name,
			.cpu = (unsigned int)st->cpu,
			.line = st->pos.line,
		};

		for (j = 0; j < caps->len; j++) {
			if (strcmp(g_array_index(caps, struct group_capture,
						 j).name, c.name))
				continue;
			ld_error(ld, item, "'%s' is captured twice in one concurrently: step: which value it keeps would depend on the order",
				 c.name);
			return false;
		}
		g_array_append_val(caps, c);
	}
	return true;
}

static void add_cpu(struct conc_group *g, unsigned int cpu)
{
	unsigned int i, j;

	for (i = 0; i < g->nr_cpus && g->cpus[i] < cpu; i++)
		;
	if (i < g->nr_cpus && g->cpus[i] == cpu)
		return;
	for (j = g->nr_cpus; j > i; j--)
		g->cpus[j] = g->cpus[j - 1];
	g->cpus[i] = cpu;
	g->nr_cpus++;
}

static bool ld_items(struct ld *ld, const struct ynode *seq,
		     struct conc_group *g, GArray *caps)
{
	unsigned int i;

	for (i = 0; i < g->nr_items; i++) {
		const struct ynode *item = yaml_seq_item(seq, i);
		const char *cpu = yaml_scalar_text(yaml_map_get(item, "cpu"));
		struct step *st;
		char *end;
		unsigned long v;

		/*
		 * Hide before the item's own expressions are checked; a CPU
		 * that is not a plain number is reported by ld_parse_step().
		 */
		if (cpu && g_ascii_isdigit(cpu[0])) {
			v = strtoul(cpu, &end, 0);
			if (!*end)
				hide_others(ld, caps, (unsigned int)v);
		}
		st = ld_parse_step(ld, item, true);
		show_all(ld, caps);
		if (!st || !add_captures(ld, caps, st, item))
			return false;
		st->title = g_strdup_printf("cpu %d: %s", st->cpu, st->title);
		g_ptr_array_add(ld->s->strings, st->title);
		g->items[i] = st;
		add_cpu(g, (unsigned int)st->cpu);
	}
	return true;
}

bool ld_concurrently(struct ld *ld, const struct ynode *key,
		     const struct ynode *seq, struct step *st)
{
	struct conc_group *g = ld_alloc(ld, sizeof(*g));
	GArray *caps;
	bool ok;

	st->group = g;
	st->title = "concurrently";
	g->key_pos = ld_pos(ld, key);
	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, "concurrently", ld->d))
		return false;
	g->nr_items = yaml_seq_count(seq);
	if (!g->nr_items) {
		ld_error(ld, seq, "concurrently: is empty");
		return false;
	}
	g->items = ld_alloc(ld, g->nr_items * sizeof(*g->items));
	caps = g_array_new(FALSE, FALSE, sizeof(struct group_capture));
	ok = ld_items(ld, seq, g, caps);
	g_array_free(caps, TRUE);
	if (ok && g->nr_cpus < 2) {
		ld_error(ld, seq, "a concurrently: step needs steps on two CPUs or more");
		ok = false;
	}
	return ok;
}

/* "all", "free", "N", "seed S", "N seed S" */
static bool parse_interleavings(const char *t, struct conc_group *g)
{
	char **w = g_strsplit_set(t, " \t", -1);
	unsigned int n = 0, i;
	char *words[4];
	char *end;
	bool ok = true;

	for (i = 0; w[i]; i++)
		if (*w[i] && n < G_N_ELEMENTS(words))
			words[n++] = w[i];
		else if (*w[i])
			ok = false;
	g->mode = CONC_RANDOM;
	g->samples = DEFAULT_SAMPLES;
	g->seed = DEFAULT_SEED;
	if (!ok || !n) {
		ok = false;
	} else if (n == 1 && !strcmp(words[0], "all")) {
		g->mode = CONC_ALL;
	} else if (n == 1 && !strcmp(words[0], "free")) {
		g->mode = CONC_FREE;
	} else {
		i = 0;
		if (g_ascii_isdigit(words[0][0])) {
			g->samples = (unsigned int)strtoul(words[0], &end, 0);
			ok = !*end && g->samples && g->samples <= MAX_SAMPLES;
			i = 1;
		}
		if (ok && i < n) {
			ok = n == i + 2 && !strcmp(words[i], "seed") &&
			     g_ascii_isdigit(words[i + 1][0]);
			if (ok) {
				g->seed = g_ascii_strtoull(words[i + 1], &end, 0);
				ok = !*end;
			}
		} else if (ok) {
			ok = i == n;
		}
	}
	g_strfreev(w);
	return ok;
}

static bool ld_interleavings(struct ld *ld, const struct ynode *n,
			     struct conc_group *g)
{
	const char *t = ld_text(ld, n, "interleavings");

	if (!t)
		return false;
	if (parse_interleavings(t, g))
		return true;
	ld_error(ld, n, "interleavings: is all, free, a number of random orders (1 to %d), or that with seed S: '100 seed 7'",
		 MAX_SAMPLES);
	return false;
}

static bool is_group_cpu(const struct conc_group *g, uint64_t cpu)
{
	unsigned int i;

	for (i = 0; i < g->nr_cpus; i++)
		if (g->cpus[i] == cpu)
			return true;
	return false;
}

static bool ld_order(struct ld *ld, const struct ynode *n,
		     struct conc_group *g)
{
	unsigned int i;
	uint64_t v;

	if (!yaml_expect_kind(n, YNODE_SEQUENCE, "order", ld->d))
		return false;
	g->mode = CONC_ORDER;
	g->order_len = yaml_seq_count(n);
	g->order = ld_alloc(ld, (g->order_len + 1) * sizeof(*g->order));
	for (i = 0; i < g->order_len; i++) {
		const struct ynode *item = yaml_seq_item(n, i);

		if (!ld_value(ld, item, &v))
			return false;
		if (!is_group_cpu(g, v)) {
			ld_error(ld, item, "cpu %llu makes no step of this group",
				 (unsigned long long)v);
			return false;
		}
		g->order[i] = (unsigned int)v;
	}
	return true;
}

bool ld_group_mode(struct ld *ld, const struct ynode *map, struct step *st)
{
	const struct ynode_pair *il = yaml_map_find(map, "interleavings");
	const struct ynode_pair *order = yaml_map_find(map, "order");
	struct conc_group *g = st->group;

	g->mode = CONC_ALL;
	if (il && order) {
		ld_error(ld, order->key, "order: fixes one order, interleavings: asks for many: give one of them");
		return false;
	}
	if (il) {
		g->mode_pos = ld_pos(ld, il->key);
		return ld_interleavings(ld, il->value, g);
	}
	if (order) {
		g->mode_pos = ld_pos(ld, order->key);
		return ld_order(ld, order->value, g);
	}
	return true;
}
