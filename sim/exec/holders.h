/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host pages the SPMC holds, by address: held.c counts pages in and
 * out after every share and reclaim, and the invariants look a page up
 * for every page they check, so both cost a hash and a probe or two, in
 * one flat table, with no allocation per page.
 */
#ifndef SIM_HOLDERS_H
#define SIM_HOLDERS_H

#include <stddef.h>
#include <stdint.h>

/* A host page the SPMC holds, and what holds it first. */
struct holder {
	uint64_t page;			/* host page address */
	uint64_t pa;			/* the FF-A page it was first held as */
	uint64_t handle;
	unsigned int count;		/* FF-A pages of held ranges in it */
};

struct holders;

struct holders *holders_new(size_t page_size);
void holders_free(struct holders *t);

/*
 * The holder of @page, or NULL.  Valid until the next holders_add() or
 * holders_remove().
 */
struct holder *holders_find(const struct holders *t, uint64_t page);
/* A holder for @page, which has none: its other fields are the caller's. */
struct holder *holders_add(struct holders *t, uint64_t page);
/* @k, from holders_find(), holds no longer. */
void holders_remove(struct holders *t, struct holder *k);

#endif /* SIM_HOLDERS_H */
