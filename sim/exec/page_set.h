/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A set of pages of one DRAM bank, visited in address order, each once:
 * the pages an invariant check looks at after a step.  Adding a page and
 * visiting it cost a few instructions; emptying the set costs nothing for
 * the pages that were never in it, so a step that touched five pages of a
 * large bank pays for five.
 */
#ifndef SIM_PAGE_SET_H
#define SIM_PAGE_SET_H

#include <stddef.h>
#include <stdint.h>

struct page_set;

struct page_set *page_set_new(uint64_t base, uint64_t size, size_t page_size);
void page_set_free(struct page_set *s);

/* The pages of [pa, pa + bytes) that lie in the bank. */
void page_set_add(struct page_set *s, uint64_t pa, uint64_t bytes);
/* Every page of the bank. */
void page_set_add_all(struct page_set *s);

/* @fn for each page in address order, and the set is empty again. */
void page_set_drain(struct page_set *s,
		    void (*fn)(void *ctx, uint64_t pa), void *ctx);

#endif /* SIM_PAGE_SET_H */
