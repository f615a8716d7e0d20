/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An xarray as a sorted array of (index, entry) pairs (host/lib.c): the
 * driver keeps one entry per partition ID in it.
 */
#ifndef HOST_FAKE_LINUX_XARRAY_H
#define HOST_FAKE_LINUX_XARRAY_H

#include <linux/gfp.h>

struct host_xa_slot;

struct xarray {
	struct host_xa_slot *slots;
	unsigned long nr, cap;
};

void xa_init(struct xarray *xa);
void *xa_load(struct xarray *xa, unsigned long index);
int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
void xa_destroy(struct xarray *xa);
/* The entry at the lowest index >= *index, with *index moved to it. */
void *host_xa_find_from(struct xarray *xa, unsigned long *index);

#define xa_for_each(xa, index, entry)					\
	for (index = 0; (entry = host_xa_find_from(xa, &index)); index++)

#endif
