// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hyp spinlocks: real test-and-set locks, so that simulated CPUs on host
 * threads contend for them as pKVM's CPUs do, with a count of the locks
 * each CPU holds for the "nothing held on return" check.
 *
 * Each acquire and release is a point where a scheduler may switch CPUs
 * (cpu.c).  Under one, a single CPU runs at a time: a CPU that finds the
 * lock held must not spin, since the holder only runs once it stops, so
 * it reports itself blocked and the scheduler runs others until the
 * release wakes it.
 */
#include <sched.h>

#include <nvhe/spinlock.h>

#include "internal.h"

/* Each written only by its own CPU's thread; read once they are done. */
static unsigned int locks_held[HYP_MAX_CPUS];

/* "&host_buffers.lock" -> "host_buffers.lock" */
static const char *lock_name(const char *name)
{
	return name[0] == '&' ? name + 1 : name;
}

void sim_hyp_spin_lock(hyp_spinlock_t *lock, const char *name,
		       const char *file, int line)
{
	struct hyp_point p = {
		.kind = HYP_POINT_LOCK,
		.lock = lock,
		.name = lock_name(name),
		.file = file,
		.line = line,
	};

	hyp_point_reached(&p);
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
		if (!hyp_sched_active()) {
			sched_yield();
			continue;
		}
		p.kind = HYP_POINT_BLOCKED;
		p.holder = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
		hyp_point_reached(&p);
	}
	__atomic_store_n(&lock->owner, (int)hyp_this_cpu(), __ATOMIC_RELAXED);
	locks_held[hyp_this_cpu()]++;
}

void sim_hyp_spin_unlock(hyp_spinlock_t *lock, const char *name)
{
	struct hyp_point p = {
		.kind = HYP_POINT_UNLOCK,
		.lock = lock,
		.name = lock_name(name),
	};

	if (!__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
		sim_hyp_bug(__FILE__, __LINE__, "unlock of a free hyp spinlock");
	__atomic_store_n(&lock->owner, -1, __ATOMIC_RELAXED);
	locks_held[hyp_this_cpu()]--;
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	hyp_point_reached(&p);
}

bool hyp_spin_is_locked(hyp_spinlock_t *lock)
{
	return __atomic_load_n(&lock->locked, __ATOMIC_RELAXED);
}

void hyp_assert_lock_held(hyp_spinlock_t *lock)
{
	if (!hyp_spin_is_locked(lock) ||
	    __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) !=
	    (int)hyp_this_cpu())
		sim_hyp_bug(__FILE__, __LINE__, "hyp lock not held");
}

int hyp_lock_holder(const void *lock)
{
	hyp_spinlock_t *l = (hyp_spinlock_t *)lock;

	if (!hyp_spin_is_locked(l))
		return -1;
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
}

unsigned int hyp_locks_held(void)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < HYP_MAX_CPUS; cpu++)
		n += locks_held[cpu];
	return n;
}
