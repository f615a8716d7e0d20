// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ranges are kept sorted, so that "the same as last time" is one
 * memcmp and the difference one walk down both lists.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "sim/exec/held.h"

struct range_list {
	struct held_range *r;
	size_t n, cap;
};

struct held {
	size_t page_size;
	bool seen;			/* gen: what the last update saw */
	uint64_t gen;
	struct range_list was, now;	/* was: at the last update, sorted */
	GHashTable *pages;		/* host page -> struct holder */
	/* Holders of pages no longer held, for the next ones: no allocation */
	struct holder **spare;
	size_t nr_spare, cap_spare;
};

struct held *held_new(size_t page_size)
{
	struct held *h = g_new0(struct held, 1);

	h->page_size = page_size;
	h->pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL,
					 g_free);
	return h;
}

void held_free(struct held *h)
{
	if (!h)
		return;
	g_free(h->was.r);
	g_free(h->now.r);
	g_hash_table_destroy(h->pages);
	while (h->nr_spare)
		g_free(h->spare[--h->nr_spare]);
	g_free(h->spare);
	g_free(h);
}

static uint64_t page_of(const struct held *h, uint64_t pa)
{
	return pa & ~((uint64_t)h->page_size - 1);
}

static void collect(void *ctx, uint64_t handle, const struct spmc_range *range)
{
	struct range_list *l = ctx;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->r = g_renew(struct held_range, l->r, l->cap);
	}
	l->r[l->n++] = (struct held_range){ handle, range->pa, range->pages };
}

static int range_cmp(const void *a, const void *b)
{
	const struct held_range *p = a, *q = b;

	if (p->handle != q->handle)
		return p->handle < q->handle ? -1 : 1;
	if (p->pa != q->pa)
		return p->pa < q->pa ? -1 : 1;
	if (p->pages != q->pages)
		return p->pages < q->pages ? -1 : 1;
	return 0;
}

static struct holder *holder_get(struct held *h)
{
	return h->nr_spare ? h->spare[--h->nr_spare] : g_new(struct holder, 1);
}

static void holder_put(struct held *h, struct holder *k)
{
	if (h->nr_spare == h->cap_spare) {
		h->cap_spare = h->cap_spare ? 2 * h->cap_spare : 16;
		h->spare = g_renew(struct holder *, h->spare, h->cap_spare);
	}
	h->spare[h->nr_spare++] = k;
}

/* Count @r's FF-A pages into (@delta 1) or out of (-1) their host pages. */
static void count(struct held *h, const struct held_range *r, int delta)
{
	uint64_t pa, end = r->pa + r->pages * FFA_PAGE_SIZE;
	struct holder *k;
	uint64_t page;

	for (pa = r->pa; pa < end; pa += FFA_PAGE_SIZE) {
		page = page_of(h, pa);
		k = g_hash_table_lookup(h->pages, &page);
		if (!k && delta > 0) {
			k = holder_get(h);
			*k = (struct holder){ page, pa, r->handle, 0 };
			g_hash_table_insert(h->pages, &k->page, k);
		}
		if (!k)
			continue;
		k->count += delta;
		if (!k->count) {
			g_hash_table_steal(h->pages, &page);
			holder_put(h, k);
		}
	}
}

/* Walk the old and the new list together: what is in one only changed. */
static void diff(struct held *h,
		 void (*changed)(void *ctx, const struct held_range *r,
				 bool added),
		 void *ctx)
{
	const struct held_range *a = h->was.r, *b = h->now.r;
	size_t i = 0, j = 0;
	int c;

	while (i < h->was.n || j < h->now.n) {
		c = i == h->was.n ? 1 : j == h->now.n ? -1 :
		    range_cmp(&a[i], &b[j]);
		if (c < 0) {
			count(h, &a[i], -1);
			changed(ctx, &a[i++], false);
		} else if (c > 0) {
			count(h, &b[j], 1);
			changed(ctx, &b[j++], true);
		} else {
			i++;
			j++;
		}
	}
}

void held_update(struct held *h, struct spmc *spmc,
		 void (*changed)(void *ctx, const struct held_range *r,
				 bool added),
		 void *ctx)
{
	uint64_t gen = spmc_held_generation(spmc);
	struct range_list tmp;

	if (h->seen && gen == h->gen)
		return;
	h->seen = true;
	h->gen = gen;
	h->now.n = 0;
	spmc_for_each_held_range(spmc, collect, &h->now);
	if (h->now.n > 1)
		qsort(h->now.r, h->now.n, sizeof(*h->now.r), range_cmp);
	if (h->now.n == h->was.n &&
	    (!h->now.n ||
	     !memcmp(h->now.r, h->was.r, h->now.n * sizeof(*h->now.r))))
		return;
	diff(h, changed, ctx);
	tmp = h->was;
	h->was = h->now;
	h->now = tmp;
}

const struct holder *held_page(const struct held *h, uint64_t page)
{
	if (!g_hash_table_size(h->pages))
		return NULL;
	return g_hash_table_lookup(h->pages, &page);
}

bool held_range_held(const struct held *h, const struct held_range *r)
{
	return h->was.n &&
	       bsearch(r, h->was.r, h->was.n, sizeof(*r), range_cmp);
}
