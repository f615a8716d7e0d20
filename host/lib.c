// SPDX-License-Identifier: GPL-2.0-only
/*
 * Library code of the host kernel that the driver calls: UUIDs, xarrays,
 * ID allocators, per-CPU allocations, sysfs and uevent formatting.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/percpu.h>
#include <linux/uuid.h>
#include <linux/xarray.h>

#include "host/internal.h"

const uuid_t uuid_null;

int uuid_parse(const char *str, uuid_t *u)
{
	static const int at[UUID_SIZE] = {
		0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34
	};
	unsigned int i;

	if (strlen(str) != 36 || str[8] != '-' || str[13] != '-' ||
	    str[18] != '-' || str[23] != '-')
		return -EINVAL;
	for (i = 0; i < UUID_SIZE; i++) {
		char hex[3] = { str[at[i]], str[at[i] + 1], 0 };

		if (!isxdigit((unsigned char)hex[0]) ||
		    !isxdigit((unsigned char)hex[1]))
			return -EINVAL;
		u->b[i] = (u8)strtoul(hex, NULL, 16);
	}
	return 0;
}

struct host_xa_slot {
	unsigned long index;
	void *entry;
};

void xa_init(struct xarray *xa)
{
	memset(xa, 0, sizeof(*xa));
}

/* Where @index is, or would go, in the sorted slots. */
static unsigned long xa_pos(const struct xarray *xa, unsigned long index)
{
	unsigned long lo = 0, hi = xa->nr;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (xa->slots[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	unsigned long i = xa_pos(xa, index);

	return i < xa->nr && xa->slots[i].index == index ? xa->slots[i].entry :
							    NULL;
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	unsigned long i = xa_pos(xa, index);
	struct host_xa_slot *s;

	(void)gfp;
	if (i < xa->nr && xa->slots[i].index == index)
		return -EBUSY;
	if (xa->nr == xa->cap) {
		s = realloc(xa->slots, (xa->cap * 2 + 4) * sizeof(*s));
		if (!s)
			return -ENOMEM;
		xa->slots = s;
		xa->cap = xa->cap * 2 + 4;
	}
	memmove(xa->slots + i + 1, xa->slots + i,
		(xa->nr - i) * sizeof(*xa->slots));
	xa->slots[i].index = index;
	xa->slots[i].entry = entry;
	xa->nr++;
	return 0;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	unsigned long i = xa_pos(xa, index);
	void *entry;

	if (i == xa->nr || xa->slots[i].index != index)
		return NULL;
	entry = xa->slots[i].entry;
	memmove(xa->slots + i, xa->slots + i + 1,
		(xa->nr - i - 1) * sizeof(*xa->slots));
	xa->nr--;
	return entry;
}

void xa_destroy(struct xarray *xa)
{
	free(xa->slots);
	memset(xa, 0, sizeof(*xa));
}

void *host_xa_find_from(struct xarray *xa, unsigned long *index)
{
	unsigned long i = xa_pos(xa, *index);

	if (i == xa->nr)
		return NULL;
	*index = xa->slots[i].index;
	return xa->slots[i].entry;
}

static struct ida *idas;

void host_ida_track(struct ida *ida)
{
	ida->host_next = idas;
	idas = ida;
}

void host_ida_reset(void)
{
	struct ida *ida;

	for (ida = idas; ida; ida = ida->host_next)
		ida_destroy(ida);
}

#define IDA_WORD_BITS	(8 * sizeof(unsigned long))

int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	unsigned int id, words;
	unsigned long *bits;

	(void)gfp;
	for (id = min;; id++) {
		if (id >= ida->nbits) {
			words = (id / IDA_WORD_BITS + 1) * 2;
			bits = realloc(ida->bits, words * sizeof(*bits));
			if (!bits)
				return -ENOMEM;
			memset(bits + ida->nbits / IDA_WORD_BITS, 0,
			       (words - ida->nbits / IDA_WORD_BITS) * sizeof(*bits));
			ida->bits = bits;
			ida->nbits = words * IDA_WORD_BITS;
		}
		if (!(ida->bits[id / IDA_WORD_BITS] & (1UL << (id % IDA_WORD_BITS))))
			break;
	}
	ida->bits[id / IDA_WORD_BITS] |= 1UL << (id % IDA_WORD_BITS);
	return (int)id;
}

int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_min(ida, 0, gfp);
}

void ida_free(struct ida *ida, unsigned int id)
{
	if (WARN_ON(id >= ida->nbits ||
		    !(ida->bits[id / IDA_WORD_BITS] & (1UL << (id % IDA_WORD_BITS)))))
		return;
	ida->bits[id / IDA_WORD_BITS] &= ~(1UL << (id % IDA_WORD_BITS));
}

void ida_destroy(struct ida *ida)
{
	free(ida->bits);
	ida->bits = NULL;
	ida->nbits = 0;
}

/* Each per-CPU allocation's element size: an interrupt's per-CPU data. */
#define HOST_MAX_PERCPU	8

static struct {
	void *ptr;
	size_t size;
} percpu_allocs[HOST_MAX_PERCPU];

void *host_alloc_percpu(size_t size)
{
	void *p = calloc(nr_cpu_ids, size);
	unsigned int i;

	for (i = 0; p && i < HOST_MAX_PERCPU; i++) {
		if (!percpu_allocs[i].ptr) {
			percpu_allocs[i].ptr = p;
			percpu_allocs[i].size = size;
			break;
		}
	}
	return p;
}

void free_percpu(void *ptr)
{
	unsigned int i;

	for (i = 0; ptr && i < HOST_MAX_PERCPU; i++)
		if (percpu_allocs[i].ptr == ptr)
			percpu_allocs[i].ptr = NULL;
	free(ptr);
}

void host_percpu_reset(void)
{
	memset(percpu_allocs, 0, sizeof(percpu_allocs));
}

void *host_percpu_ptr(void *ptr, unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_PERCPU; i++)
		if (percpu_allocs[i].ptr && percpu_allocs[i].ptr == ptr)
			return (char *)ptr + cpu * percpu_allocs[i].size;
	return ptr;
}

int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, PAGE_SIZE, fmt, ap);
	va_end(ap);
	return n;
}

int add_uevent_var(struct kobj_uevent_env *env, const char *fmt, ...)
{
	size_t room = sizeof(env->buf) - env->buflen;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(env->buf + env->buflen, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room)
		return -ENOMEM;
	env->buflen += n + 1;
	return 0;
}
