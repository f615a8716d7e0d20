/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slab: the C library's heap (so ASan sees the driver's objects), with
 * allocation failure as an injectable fault (host/mem.c).
 */
#ifndef HOST_FAKE_LINUX_SLAB_H
#define HOST_FAKE_LINUX_SLAB_H

#include <linux/gfp.h>

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *kmemdup(const void *src, size_t len, gfp_t flags);
void kfree(const void *p);

/* 7.x: allocate one object, or an array of them, zeroed. */
#define kzalloc_obj(obj, ...)		kzalloc(sizeof(obj), GFP_KERNEL)
#define kzalloc_objs(obj, n, ...)	kcalloc((n), sizeof(obj), GFP_KERNEL)
#define kmalloc_obj(obj, ...)		kmalloc(sizeof(obj), GFP_KERNEL)

#endif
