/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HOST_FAKE_LINUX_MINMAX_H
#define HOST_FAKE_LINUX_MINMAX_H

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define min_t(t, a, b)	min((t)(a), (t)(b))
#define max_t(t, a, b)	max((t)(a), (t)(b))
/* The smaller of two values, a zero counting as absent. */
#define min_not_zero(a, b) ({						\
	__typeof__(a) __host_a = (a);					\
	__typeof__(b) __host_b = (b);					\
	__host_a == 0 ? __host_b :					\
	(__host_b == 0 ? __host_a : min(__host_a, __host_b));		\
})

#endif
