/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scoped_guard(): a lock held for one block, released on every way out of
 * it (a return too), by the compiler's cleanup attribute.  Each lock kind
 * declares its guard with HOST_DEFINE_GUARD(name, type, lock, unlock).
 */
#ifndef HOST_FAKE_LINUX_CLEANUP_H
#define HOST_FAKE_LINUX_CLEANUP_H

#define HOST_DEFINE_GUARD(_name, _type, _lock, _unlock)			\
	typedef _type *host_guard_##_name##_t;				\
	static inline _type *host_guard_##_name##_take(_type *l)	\
	{								\
		_lock(l);						\
		return l;						\
	}								\
	static inline void host_guard_##_name##_drop(_type **l)	\
	{								\
		if (*l)							\
			_unlock(*l);					\
	}

#define __host_guard_var(n)	__host_cat(__host_guard_, n)
#define scoped_guard(_name, _lock)					\
	for (host_guard_##_name##_t __host_guard_var(__LINE__)		\
		__attribute__((cleanup(host_guard_##_name##_drop), unused)) = \
		host_guard_##_name##_take(_lock),			\
	     *__host_guard_once = (void *)1;				\
	     __host_guard_once; __host_guard_once = NULL)

#define __host_cat2(a, b)	a##b
#define __host_cat(a, b)	__host_cat2(a, b)

#endif
