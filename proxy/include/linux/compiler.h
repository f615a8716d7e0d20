/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_LINUX_COMPILER_H
#define SIM_FAKE_LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define fallthrough	__attribute__((__fallthrough__))
#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define __maybe_unused	__attribute__((__unused__))
#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

/*
 * The proxy publishes has_version_negotiated with these on 7.x; on a host
 * CPU the C11 atomics give the same ordering guarantees.
 */
#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)

/*
 * As in the kernel, BUILD_BUG_ON() also works on a condition that only
 * becomes constant once inlined: up to 6.9 do_ffa_mem_xfer() is an
 * __always_inline function that checks its func_id argument this way.
 * The call to the undefined, error-attributed function is removed when the
 * optimiser proves the condition false (the build is never -O0); a
 * condition that is true, or cannot be proven false, stops the build.
 */
#define __sim_build_bug(cond, msg, id)					\
	do {								\
		extern void __sim_build_bug_##id(void)			\
			__attribute__((__error__(msg)));		\
		if (cond)						\
			__sim_build_bug_##id();				\
	} while (0)
#define __sim_build_bug_id(cond, msg, id)	__sim_build_bug(cond, msg, id)
#define BUILD_BUG_ON(cond)	\
	__sim_build_bug_id(cond, "BUILD_BUG_ON failed: " #cond, __COUNTER__)

#endif
