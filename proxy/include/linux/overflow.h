/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_LINUX_OVERFLOW_H
#define SIM_FAKE_LINUX_OVERFLOW_H

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)


static inline size_t size_add(size_t a, size_t b)
{
	size_t sum;

	return __builtin_add_overflow(a, b, &sum) ? (size_t)-1 : sum;
}

#endif
