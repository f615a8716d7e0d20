// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page map of a run: the scenario's named pages and every page a
 * stage-2 operation named, each with its state when the machine came up
 * (which is the state before the first step: nothing runs in between)
 * and after the last hop.
 *
 * A page may first be named by the last step, when its state before the
 * first one can no longer be read.  So the whole of DRAM is looked at
 * once at boot, keeping only the pages that are not the host's (few).
 * States change only inside EL2, that is during a hop, so reading the
 * map's pages after every hop leaves it with the state after the last
 * step without a hook at the end of the run.  Every change a hop makes is
 * logged with the step it came in, so that the map can be drawn after
 * each step that changed it too.
 */
#include <stdlib.h>
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/lang/words.h"
#include "sim/view/picture.h"

struct page_watch {
	const struct scenario *s;
	size_t page_size;
	uint64_t first_pfn, end_pfn;	/* DRAM */
	GHashTable *before;	/* pfn -> word + 1, where not owned-by-host */
	GHashTable *after;	/* pfn -> word + 1 (0: not read yet), the map */
	bool booted, cut;
	int step;		/* the step under way, -1 before the first */
	char *step_title;
	GPtrArray *moments;	/* of char *: the steps that changed a state */
	GArray *changes;	/* of struct page_change, in order */
};

struct page_change {
	unsigned int moment;
	uint64_t pfn;
	int word;
};

#define PFN_KEY(pfn)	GSIZE_TO_POINTER((gsize)(pfn))
#define KEY_PFN(key)	((uint64_t)GPOINTER_TO_SIZE(key))

static bool in_dram(const struct page_watch *w, uint64_t pfn)
{
	return pfn >= w->first_pfn && pfn < w->end_pfn;
}

static int word_now(const struct page_watch *w, uint64_t pfn)
{
	struct hyp_page_info info;

	hyp_page_info(pfn * w->page_size, &info);
	return page_word_of(&info);
}

static void want(struct page_watch *w, uint64_t pfn, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		if (!in_dram(w, pfn + i) ||
		    g_hash_table_contains(w->after, PFN_KEY(pfn + i)))
			continue;
		if (g_hash_table_size(w->after) >= PICTURE_MAX_PAGES) {
			w->cut = true;
			return;
		}
		g_hash_table_insert(w->after, PFN_KEY(pfn + i), NULL);
	}
}

struct page_watch *page_watch_new(const struct scenario *s, size_t page_size)
{
	struct page_watch *w = g_new0(struct page_watch, 1);
	const struct scen_setup *setup = &s->setup;
	unsigned int i;

	w->s = s;
	w->page_size = page_size;
	w->first_pfn = setup->dram_base / page_size;
	w->end_pfn = w->first_pfn + setup->dram_size / page_size;
	w->before = g_hash_table_new(g_direct_hash, g_direct_equal);
	w->after = g_hash_table_new(g_direct_hash, g_direct_equal);
	w->step = -1;
	w->moments = g_ptr_array_new_with_free_func(g_free);
	w->changes = g_array_new(FALSE, FALSE, sizeof(struct page_change));
	for (i = 0; i < setup->nr_regions; i++)
		if (!setup->regions[i].mmio)
			want(w, setup->regions[i].pa / page_size,
			     setup->regions[i].pages);
	return w;
}

static void snapshot_before(struct page_watch *w)
{
	uint64_t pfn;
	int word;

	for (pfn = w->first_pfn; pfn < w->end_pfn; pfn++) {
		word = word_now(w, pfn);
		if (word != PW_OWNED_BY_HOST)
			g_hash_table_insert(w->before, PFN_KEY(pfn),
					    GINT_TO_POINTER(word + 1));
	}
}

void page_watch_step(struct page_watch *w, unsigned int idx,
		     const char *title)
{
	w->step = (int)idx;
	g_free(w->step_title);
	w->step_title = g_strdup(title);
}

/* @pfn's word before the first step. */
static int word_before(const struct page_watch *w, uint64_t pfn)
{
	gpointer v = g_hash_table_lookup(w->before, PFN_KEY(pfn));

	return v ? GPOINTER_TO_INT(v) - 1 : PW_OWNED_BY_HOST;
}

/* A change in the step under way: the step is a moment of the map. */
static void log_change(struct page_watch *w, uint64_t pfn, int word)
{
	struct page_change c = { .pfn = pfn, .word = word };
	char *label;

	if (w->step < 0)
		return;
	label = g_strdup_printf("after step %d (%s)", w->step + 1,
				w->step_title ? w->step_title : "?");
	if (!w->moments->len ||
	    strcmp(g_ptr_array_index(w->moments, w->moments->len - 1), label))
		g_ptr_array_add(w->moments, label);
	else
		g_free(label);
	c.moment = w->moments->len - 1;
	g_array_append_val(w->changes, c);
}

static void read_after(struct page_watch *w)
{
	GHashTableIter it;
	gpointer key, old;
	int word, was;

	g_hash_table_iter_init(&it, w->after);
	while (g_hash_table_iter_next(&it, &key, &old)) {
		word = word_now(w, KEY_PFN(key));
		was = old ? GPOINTER_TO_INT(old) - 1 :
			    word_before(w, KEY_PFN(key));
		if (word != was)
			log_change(w, KEY_PFN(key), word);
		g_hash_table_iter_replace(&it, GINT_TO_POINTER(word + 1));
	}
}

void page_watch_hop(struct page_watch *w, const struct trace_hop *hop)
{
	size_t i;

	for (i = 0; i < hop->nr_events; i++)
		if (hop->events[i].kind == HYP_EV_PAGE_OP)
			want(w, hop->events[i].pfn, hop->events[i].nr_pages);
	/* Boot's events come once hyp_ffa_init() has run: the first step's
	 * machine. */
	if (hop->kind == TRACE_HOP_EVENTS && !w->booted) {
		snapshot_before(w);
		w->booted = true;
	}
	if (w->booted)
		read_after(w);
}

static gint compare_pfns(gconstpointer a, gconstpointer b)
{
	uint64_t x = KEY_PFN(*(gpointer const *)a);
	uint64_t y = KEY_PFN(*(gpointer const *)b);

	return x < y ? -1 : x > y;
}

/* The setup's region holding @pfn, or -1. */
static int region_of(const struct page_watch *w, uint64_t pfn)
{
	const struct scen_setup *setup = &w->s->setup;
	uint64_t pa = pfn * w->page_size;
	unsigned int i;

	for (i = 0; i < setup->nr_regions; i++) {
		const struct scen_region *r = &setup->regions[i];

		if (!r->mmio && pa >= r->pa &&
		    pa < r->pa + r->pages * w->page_size)
			return (int)i;
	}
	return -1;
}

static struct picture_row *row_new(const struct page_watch *w, int region,
				   uint64_t pfn)
{
	struct picture_row *row = g_new0(struct picture_row, 1);

	row->name = region >= 0 ? g_strdup(w->s->setup.regions[region].name) :
				  NULL;
	row->pa = pfn * w->page_size;
	return row;
}

static void row_add(const struct page_watch *w, struct picture_row *row,
		    uint64_t pfn)
{
	gpointer before = g_hash_table_lookup(w->before, PFN_KEY(pfn));
	gpointer after = g_hash_table_lookup(w->after, PFN_KEY(pfn));
	unsigned int n = row->nr_pages++;

	row->before = g_realloc(row->before, row->nr_pages);
	row->after = g_realloc(row->after, row->nr_pages);
	row->before[n] = before ? GPOINTER_TO_INT(before) - 1 : PW_OWNED_BY_HOST;
	row->after[n] = after ? GPOINTER_TO_INT(after) - 1 : row->before[n];
}

/* Each row's states after each moment, from the log of changes. */
static void fill_moments(const struct page_watch *w, GPtrArray *rows)
{
	unsigned int m, i, k, nm = w->moments->len;

	for (i = 0; i < rows->len; i++) {
		struct picture_row *row = rows->pdata[i];
		uint64_t first = row->pa / w->page_size;

		row->at = g_malloc((gsize)nm * row->nr_pages + 1);
		for (m = 0; m < nm; m++)
			memcpy(row->at + (gsize)m * row->nr_pages,
			       m ? row->at + (gsize)(m - 1) * row->nr_pages :
				   row->before, row->nr_pages);
		for (k = 0; k < w->changes->len; k++) {
			const struct page_change *c =
				&g_array_index(w->changes, struct page_change, k);

			if (c->pfn < first || c->pfn >= first + row->nr_pages)
				continue;
			for (m = c->moment; m < nm; m++)
				row->at[(gsize)m * row->nr_pages + (c->pfn - first)] =
					(uint8_t)c->word;
		}
	}
}

/* Runs of consecutive pages under one name, or under none. */
static void make_rows(const struct page_watch *w, GPtrArray *rows)
{
	guint n, i;
	gpointer *keys = g_hash_table_get_keys_as_array(w->after, &n);
	struct picture_row *row = NULL;
	uint64_t prev = 0;
	int region, prev_region = -1;

	qsort(keys, n, sizeof(*keys), compare_pfns);
	for (i = 0; i < n; i++) {
		uint64_t pfn = KEY_PFN(keys[i]);

		region = region_of(w, pfn);
		if (!row || pfn != prev + 1 || region != prev_region) {
			row = row_new(w, region, pfn);
			g_ptr_array_add(rows, row);
		}
		row_add(w, row, pfn);
		prev = pfn;
		prev_region = region;
	}
	g_free(keys);
}

void page_watch_finish(struct page_watch *w, struct scen_picture *p)
{
	p->page_size = w->page_size;
	p->booted = w->booted;
	p->cut = w->cut;
	if (w->booted) {
		make_rows(w, p->rows);
		fill_moments(w, p->rows);
	}
	p->moments = w->moments;
	g_array_free(w->changes, TRUE);
	g_free(w->step_title);
	g_hash_table_destroy(w->before);
	g_hash_table_destroy(w->after);
	g_free(w);
}
