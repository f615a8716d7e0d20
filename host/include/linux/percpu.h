/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HOST_FAKE_LINUX_PERCPU_H
#define HOST_FAKE_LINUX_PERCPU_H

#include <linux/smp.h>

/* One copy per possible CPU, side by side. */
void *host_alloc_percpu(size_t size);
void free_percpu(void *ptr);

#define alloc_percpu(type)	((type *)host_alloc_percpu(sizeof(type)))
#define per_cpu_ptr(ptr, cpu)	(&(ptr)[(cpu)])

#endif
