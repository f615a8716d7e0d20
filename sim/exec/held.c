// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ranges are kept sorted, so that "the same as last time" is one
 * memcmp and the difference one walk down both lists; when the SPMC can
 * say which handles changed, only their part of the lists is compared.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "sim/exec/held.h"

/* Handles whose changes one update takes one by one; more: a walk. */
#define HELD_CHANGES_MAX	16

struct range_list {
	struct held_range *r;
	size_t n, cap;
};

typedef void (*changed_fn)(void *ctx, const struct held_range *r,
			   bool added);

struct held {
	size_t page_size;
	bool seen;			/* gen: what the last update saw */
	uint64_t gen;
	struct range_list was, now;	/* was: at the last update, sorted */
	struct holders *pages;
};

struct held *held_new(size_t page_size)
{
	struct held *h = g_new0(struct held, 1);

	h->page_size = page_size;
	h->pages = holders_new(page_size);
	return h;
}

void held_free(struct held *h)
{
	if (!h)
		return;
	g_free(h->was.r);
	g_free(h->now.r);
	holders_free(h->pages);
	g_free(h);
}

static uint64_t page_of(const struct held *h, uint64_t pa)
{
	return pa & ~((uint64_t)h->page_size - 1);
}

static void reserve(struct range_list *l, size_t n)
{
	if (n <= l->cap)
		return;
	l->cap = MAX(n, l->cap ? 2 * l->cap : 16);
	l->r = g_renew(struct held_range, l->r, l->cap);
}

static void collect(void *ctx, uint64_t handle, const struct spmc_range *range)
{
	struct range_list *l = ctx;

	reserve(l, l->n + 1);
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

static void sort_ranges(struct range_list *l)
{
	if (l->n > 1)
		qsort(l->r, l->n, sizeof(*l->r), range_cmp);
}

/* Count @r's FF-A pages into (@delta 1) or out of (-1) their host pages. */
static void count(struct held *h, const struct held_range *r, int delta)
{
	uint64_t pa, end = r->pa + r->pages * FFA_PAGE_SIZE;
	struct holder *k;
	uint64_t page;

	for (pa = r->pa; pa < end; pa += FFA_PAGE_SIZE) {
		page = page_of(h, pa);
		k = holders_find(h->pages, page);
		if (!k && delta > 0) {
			k = holders_add(h->pages, page);
			*k = (struct holder){ page, pa, r->handle, 0 };
		}
		if (!k)
			continue;
		k->count += delta;
		if (!k->count)
			holders_remove(h->pages, k);
	}
}

/*
 * Walk an old and a new sorted list together: what is in one only
 * changed.  Both whole lists, or one handle's part of each.
 */
static void diff(struct held *h, const struct held_range *a, size_t na,
		 const struct held_range *b, size_t nb, changed_fn changed,
		 void *ctx)
{
	size_t i = 0, j = 0;
	int c;

	while (i < na || j < nb) {
		c = i == na ? 1 : j == nb ? -1 : range_cmp(&a[i], &b[j]);
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

/* Every range the SPMC holds, walked: when it cannot say what changed. */
static void update_all(struct held *h, struct spmc *spmc, changed_fn changed,
		       void *ctx)
{
	struct range_list tmp;

	h->now.n = 0;
	spmc_for_each_held_range(spmc, collect, &h->now);
	sort_ranges(&h->now);
	if (h->now.n == h->was.n &&
	    (!h->now.n ||
	     !memcmp(h->now.r, h->was.r, h->now.n * sizeof(*h->now.r))))
		return;
	diff(h, h->was.r, h->was.n, h->now.r, h->now.n, changed, ctx);
	tmp = h->was;
	h->was = h->now;
	h->now = tmp;
}

/* How many of @n ranges from @r on belong to @handle. */
static size_t run_of(const struct held_range *r, size_t n, uint64_t handle)
{
	size_t k = 0;

	while (k < n && r[k].handle == handle)
		k++;
	return k;
}

/* Where @handle's ranges start in sorted @l, or would start. */
static size_t first_of(const struct range_list *l, uint64_t handle)
{
	size_t lo = 0, hi = l->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->r[mid].handle < handle)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * @handle held the @nb ranges @b now, and nothing else changed: they
 * replace its old ones in the sorted list, which is then what a walk of
 * every range would have made.
 */
static void update_handle(struct held *h, uint64_t handle,
			  const struct held_range *b, size_t nb,
			  changed_fn changed, void *ctx)
{
	struct range_list *was = &h->was;
	size_t first = first_of(was, handle), na = 0, tail, k;
	const struct held_range *old = NULL;

	/* Before the first range there is no list: NULL + 0 is undefined. */
	if (was->r) {
		old = was->r + first;
		na = run_of(old, was->n - first, handle);
	}
	diff(h, old, na, b, nb, changed, ctx);
	tail = was->n - first - na;
	reserve(was, first + nb + tail);
	if (tail && na != nb)
		memmove(was->r + first + nb, was->r + first + na,
			tail * sizeof(*was->r));
	for (k = 0; k < nb; k++)
		was->r[first + k] = b[k];
	was->n = first + nb + tail;
}

/*
 * h->now holds the ranges the @n handles hold now, sorted: by handle
 * first, as @handles are.  In that order the ranges are counted and
 * reported as a walk of every range would: the same holder for a page,
 * the same failures in the same order.
 */
static void update_handles(struct held *h, const uint64_t *handles, int n,
			   changed_fn changed, void *ctx)
{
	const struct held_range *b = h->now.r;
	size_t left = h->now.n, nb;
	int i;

	sort_ranges(&h->now);
	for (i = 0; i < n; i++) {
		nb = run_of(b, left, handles[i]);
		update_handle(h, handles[i], b, nb, changed, ctx);
		/* A handle that holds nothing now leaves @b, maybe NULL, as is. */
		if (nb) {
			b += nb;
			left -= nb;
		}
	}
}

/*
 * The generation costs no lock: most steps change nothing the SPMC
 * holds.  The changes are read with their generation, before their
 * ranges, so a change made meanwhile is caught up with next time.
 */
void held_update(struct held *h, struct spmc *spmc, changed_fn changed,
		 void *ctx)
{
	uint64_t handles[HELD_CHANGES_MAX], gen;
	int n = -1;

	gen = spmc_held_generation(spmc);
	if (h->seen && gen == h->gen)
		return;
	h->now.n = 0;
	if (h->seen)
		n = spmc_held_changes(spmc, h->gen, &gen, handles,
				      HELD_CHANGES_MAX, collect, &h->now);
	if (n >= 0)
		update_handles(h, handles, n, changed, ctx);
	else
		update_all(h, spmc, changed, ctx);
	h->seen = true;
	h->gen = gen;
}

const struct holder *held_page(const struct held *h, uint64_t page)
{
	return holders_find(h->pages, page);
}

bool held_range_held(const struct held *h, const struct held_range *r)
{
	return h->was.n &&
	       bsearch(r, h->was.r, h->was.n, sizeof(*r), range_cmp);
}
