/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ID allocators.  Every DEFINE_IDA is also known to host/lib.c, so that a
 * new simulated machine in the same process starts from empty ones, as a
 * booting kernel does.
 */
#ifndef HOST_FAKE_LINUX_IDR_H
#define HOST_FAKE_LINUX_IDR_H

#include <linux/gfp.h>

struct ida {
	unsigned long *bits;
	unsigned int nbits;
	struct ida *host_next;
};

void host_ida_track(struct ida *ida);
int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp);
int ida_alloc(struct ida *ida, gfp_t gfp);
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);

#define DEFINE_IDA(name)						\
	struct ida name;						\
	static void __attribute__((constructor)) host_ida_init_##name(void) \
	{								\
		host_ida_track(&name);					\
	}								\
	extern struct ida name

#endif
