// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host pages whose stage-2 state or pin count changed since the last
 * hyp_touched_clear().  The invariants run after every step of a
 * scenario; walking every page of DRAM each time costs far more than the
 * step itself, while a step changes a handful of pages.  pagestate.c
 * records each change here, including those no event reports (an unpin),
 * so a check that looks only at these pages sees everything that moved.
 *
 * The record is bounded: past HYP_TOUCHED_MAX ranges it only says "too
 * many", and the reader must then assume any page may have changed.
 *
 * With several CPUs in EL2, pagestate.c adds to it under host_mmu_lock;
 * the reader looks only while no CPU is inside.
 */
#include <glib.h>

#include "internal.h"

#define HYP_TOUCHED_MAX	4096

static GArray *touched;
static bool overflowed;

void hyp_touched_add(uint64_t pa, uint64_t nr_pages)
{
	struct hyp_touched r = { .pa = pa, .nr_pages = nr_pages };
	const struct hyp_touched *last;

	if (overflowed || !nr_pages)
		return;
	if (!touched)
		touched = g_array_new(FALSE, FALSE, sizeof(r));
	/* A pin and its page's share come one after the other: one entry. */
	if (touched->len) {
		last = &g_array_index(touched, struct hyp_touched,
				      touched->len - 1);
		if (last->pa == pa && last->nr_pages == nr_pages)
			return;
	}
	if (touched->len == HYP_TOUCHED_MAX) {
		overflowed = true;
		return;
	}
	g_array_append_val(touched, r);
}

bool hyp_touched(const struct hyp_touched **ranges, size_t *count)
{
	*count = touched ? touched->len : 0;
	*ranges = touched ? (const struct hyp_touched *)touched->data : NULL;
	return !overflowed;
}

void hyp_touched_clear(void)
{
	if (touched && touched->len)
		g_array_set_size(touched, 0);
	overflowed = false;
}
