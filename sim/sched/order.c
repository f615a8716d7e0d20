// SPDX-License-Identifier: GPL-2.0-only
/*
 * Choosing the CPU that goes on at each choice point, and walking every
 * order depth first (order.h).
 *
 * At a choice point the alternatives are ranked: the default choice
 * first, then the other CPUs that could go on, lowest first.  Each run
 * follows a prefix of fixed choices and the default after it, so the
 * first run switches CPUs only where it must, and the walk's next order
 * changes the deepest choice that still has an untried alternative.
 * Every distinct order is run once; the same choices always give the same
 * run, since nothing else decides which CPU goes on.
 */
#include "sim/sched/order.h"

void order_init(struct order *o, const unsigned int *fixed,
		unsigned int nr_fixed, bool random, uint64_t seed)
{
	o->fixed = fixed;
	o->nr_fixed = nr_fixed;
	o->random = random;
	o->rng = seed;
	o->made = g_array_new(FALSE, FALSE, sizeof(struct order_choice));
	o->misfit = NULL;
}

void order_free(struct order *o)
{
	g_array_free(o->made, TRUE);
	g_free(o->misfit);
}

static unsigned int default_choice(uint32_t options, int current)
{
	if (current >= 0 && (options & (1U << current)))
		return (unsigned int)current;
	return (unsigned int)__builtin_ctz(options);
}

/* splitmix64: a seed gives the same choices on every machine. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int random_choice(struct order *o, uint32_t options)
{
	unsigned int nth = (unsigned int)(next_random(&o->rng) %
					  (uint64_t)__builtin_popcount(options));

	while (nth--)
		options &= options - 1;
	return (unsigned int)__builtin_ctz(options);
}

static unsigned int choose(void *ctx, uint32_t options, int current)
{
	struct order *o = ctx;
	struct order_choice c = { .options = options, .current = current };
	unsigned int k = o->made->len;

	if (k < o->nr_fixed && (options & (1U << o->fixed[k]))) {
		c.chosen = o->fixed[k];
	} else {
		if (k < o->nr_fixed && !o->misfit)
			o->misfit = g_strdup_printf("choice %u of the order names cpu %u, which cannot go on there",
						    k + 1, o->fixed[k]);
		c.chosen = o->random && k >= o->nr_fixed ?
			   random_choice(o, options) :
			   default_choice(options, current);
	}
	g_array_append_val(o->made, c);
	return c.chosen;
}

struct sched_policy order_policy(struct order *o)
{
	return (struct sched_policy){ .choose = choose, .ctx = o };
}

/* The choice's alternatives in walking order: the default one first. */
static unsigned int ranked(const struct order_choice *c, unsigned int *cpus)
{
	unsigned int first = default_choice(c->options, c->current);
	unsigned int n = 0, cpu;

	cpus[n++] = first;
	for (cpu = 0; cpu < 32; cpu++)
		if ((c->options & (1U << cpu)) && cpu != first)
			cpus[n++] = cpu;
	return n;
}

bool order_next(const GArray *made, GArray *next)
{
	unsigned int cpus[32], n, pos, i, k;

	g_array_set_size(next, 0);
	for (k = made->len; k-- > 0;) {
		const struct order_choice *c =
			&g_array_index(made, struct order_choice, k);

		n = ranked(c, cpus);
		for (pos = 0; pos < n && cpus[pos] != c->chosen; pos++)
			;
		if (pos + 1 >= n)
			continue;
		for (i = 0; i < k; i++)
			g_array_append_val(next, g_array_index(made,
					struct order_choice, i).chosen);
		g_array_append_val(next, cpus[pos + 1]);
		return true;
	}
	return false;
}

void order_chosen(const GArray *made, GArray *cpus)
{
	unsigned int len = made->len, i;

	while (len) {
		const struct order_choice *c =
			&g_array_index(made, struct order_choice, len - 1);

		if (c->chosen != default_choice(c->options, c->current))
			break;
		len--;
	}
	g_array_set_size(cpus, 0);
	for (i = 0; i < len; i++)
		g_array_append_val(cpus, g_array_index(made,
				struct order_choice, i).chosen);
}

char *order_text(const GArray *made)
{
	GArray *cpus = g_array_new(FALSE, FALSE, sizeof(unsigned int));
	GString *t = g_string_new("[");
	unsigned int i;

	order_chosen(made, cpus);
	for (i = 0; i < cpus->len; i++)
		g_string_append_printf(t, "%s%u", i ? ", " : "",
				       g_array_index(cpus, unsigned int, i));
	g_string_append_c(t, ']');
	g_array_free(cpus, TRUE);
	return g_string_free(t, FALSE);
}
