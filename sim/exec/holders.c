// SPDX-License-Identifier: GPL-2.0-only
/*
 * Open addressing with linear probing, at most half full; a removal
 * moves the holders after it back (no tombstones), so a lookup stops at
 * the first free slot.  A page address is a multiple of the page size,
 * so an odd one marks a free slot.
 */
#include <stdbool.h>

#include <glib.h>

#include "sim/exec/holders.h"

#define FREE		1ULL
#define MIN_BITS	6

struct holders {
	struct holder *slot;
	unsigned int bits;		/* 1 << bits slots */
	unsigned int page_shift;
	size_t used;
};

static size_t home(const struct holders *t, uint64_t page)
{
	/* Fibonacci hashing: consecutive pages spread over the table. */
	return (size_t)(((page >> t->page_shift) * 0x9e3779b97f4a7c15ULL) >>
			(64 - t->bits));
}

static size_t mask(const struct holders *t)
{
	return ((size_t)1 << t->bits) - 1;
}

static void make_slots(struct holders *t, unsigned int bits)
{
	size_t i, n = (size_t)1 << bits;

	t->bits = bits;
	t->slot = g_new(struct holder, n);
	for (i = 0; i < n; i++)
		t->slot[i].page = FREE;
}

struct holders *holders_new(size_t page_size)
{
	struct holders *t = g_new0(struct holders, 1);

	t->page_shift = (unsigned int)__builtin_ctzll(page_size);
	make_slots(t, MIN_BITS);
	return t;
}

void holders_free(struct holders *t)
{
	if (!t)
		return;
	g_free(t->slot);
	g_free(t);
}

struct holder *holders_find(const struct holders *t, uint64_t page)
{
	size_t i;

	if (!t->used)
		return NULL;
	for (i = home(t, page); t->slot[i].page != FREE; i = (i + 1) & mask(t))
		if (t->slot[i].page == page)
			return &t->slot[i];
	return NULL;
}

static struct holder *place(struct holders *t, uint64_t page)
{
	size_t i;

	for (i = home(t, page); t->slot[i].page != FREE; i = (i + 1) & mask(t))
		;
	t->slot[i].page = page;
	t->used++;
	return &t->slot[i];
}

static void grow(struct holders *t)
{
	struct holder *old = t->slot;
	size_t i, n = (size_t)1 << t->bits;

	make_slots(t, t->bits + 1);
	t->used = 0;
	for (i = 0; i < n; i++)
		if (old[i].page != FREE)
			*place(t, old[i].page) = old[i];
	g_free(old);
}

struct holder *holders_add(struct holders *t, uint64_t page)
{
	if (2 * (t->used + 1) > ((size_t)1 << t->bits))
		grow(t);
	return place(t, page);
}

/* Is @k, between @gap and @at cyclically, free to move into @gap? */
static bool may_fill(size_t gap, size_t k, size_t at)
{
	return gap <= at ? k <= gap || k > at : k <= gap && k > at;
}

void holders_remove(struct holders *t, struct holder *k)
{
	size_t gap = (size_t)(k - t->slot), at = gap;

	t->used--;
	for (;;) {
		t->slot[gap].page = FREE;
		do {
			at = (at + 1) & mask(t);
			if (t->slot[at].page == FREE)
				return;
		} while (!may_fill(gap, home(t, t->slot[at].page), at));
		t->slot[gap] = t->slot[at];
		gap = at;
	}
}
