// SPDX-License-Identifier: GPL-2.0-only
/*
 * One bit per page of the bank, and the list of the words that have a bit
 * set: draining sorts that list, which is short, and walks only its words.
 */
#include <stdbool.h>
#include <stdlib.h>

#include <glib.h>

#include "sim/exec/page_set.h"

#define BITS	64

struct page_set {
	uint64_t base, size;
	size_t page_size;
	uint64_t *bits;
	size_t nr_words;
	uint32_t *used;		/* words with a bit set, in no order */
	size_t nr_used;
	bool all;
};

struct page_set *page_set_new(uint64_t base, uint64_t size, size_t page_size)
{
	struct page_set *s = g_new0(struct page_set, 1);

	s->base = base;
	s->size = size;
	s->page_size = page_size;
	s->nr_words = (size / page_size + BITS - 1) / BITS;
	s->bits = g_new0(uint64_t, s->nr_words);
	s->used = g_new(uint32_t, s->nr_words);
	return s;
}

void page_set_free(struct page_set *s)
{
	if (!s)
		return;
	g_free(s->bits);
	g_free(s->used);
	g_free(s);
}

void page_set_add(struct page_set *s, uint64_t pa, uint64_t bytes)
{
	uint64_t first, last, i;

	if (s->all || !bytes || pa >= s->base + s->size || pa + bytes <= s->base)
		return;
	first = (pa < s->base ? 0 : pa - s->base) / s->page_size;
	last = (MIN(pa + bytes, s->base + s->size) - 1 - s->base) /
	       s->page_size;
	for (i = first; i <= last; i++) {
		uint64_t *w = &s->bits[i / BITS];

		if (!*w)
			s->used[s->nr_used++] = (uint32_t)(i / BITS);
		*w |= 1ULL << (i % BITS);
	}
}

void page_set_add_all(struct page_set *s)
{
	s->all = true;
}

static int word_cmp(const void *a, const void *b)
{
	uint32_t p = *(const uint32_t *)a, q = *(const uint32_t *)b;

	return p < q ? -1 : p > q;
}

/* Usually a handful of words: insertion beats qsort's set-up there. */
static void sort_words(uint32_t *w, size_t n)
{
	size_t i, j;
	uint32_t v;

	if (n > 16) {
		qsort(w, n, sizeof(*w), word_cmp);
		return;
	}
	for (i = 1; i < n; i++) {
		v = w[i];
		for (j = i; j && w[j - 1] > v; j--)
			w[j] = w[j - 1];
		w[j] = v;
	}
}

static void drain_all(struct page_set *s,
		      void (*fn)(void *ctx, uint64_t pa), void *ctx)
{
	uint64_t pa;

	for (pa = s->base; pa < s->base + s->size; pa += s->page_size)
		fn(ctx, pa);
	for (; s->nr_used; s->nr_used--)
		s->bits[s->used[s->nr_used - 1]] = 0;
	s->all = false;
}

void page_set_drain(struct page_set *s,
		    void (*fn)(void *ctx, uint64_t pa), void *ctx)
{
	size_t k;

	if (s->all) {
		drain_all(s, fn, ctx);
		return;
	}
	sort_words(s->used, s->nr_used);
	for (k = 0; k < s->nr_used; k++) {
		uint32_t w = s->used[k];
		uint64_t bits = s->bits[w];

		s->bits[w] = 0;
		for (; bits; bits &= bits - 1) {
			uint64_t i = (uint64_t)w * BITS + __builtin_ctzll(bits);

			fn(ctx, s->base + i * s->page_size);
		}
	}
	s->nr_used = 0;
}
