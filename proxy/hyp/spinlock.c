// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hyp spinlocks: real test-and-set locks, so that simulated CPUs on host
 * threads contend for them as pKVM's CPUs do, with a count of the locks
 * each thread holds for the "nothing held on return" check.
 */
#include <sched.h>

#include <nvhe/spinlock.h>

#include "internal.h"

static __thread unsigned int locks_held;
static __thread int this_cpu_id;

void hyp_spin_lock(hyp_spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		sched_yield();
	lock->owner = this_cpu_id;
	locks_held++;
}

void hyp_spin_unlock(hyp_spinlock_t *lock)
{
	if (!__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
		sim_hyp_bug(__FILE__, __LINE__, "unlock of a free hyp spinlock");
	lock->owner = -1;
	locks_held--;
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

bool hyp_spin_is_locked(hyp_spinlock_t *lock)
{
	return __atomic_load_n(&lock->locked, __ATOMIC_RELAXED);
}

void hyp_assert_lock_held(hyp_spinlock_t *lock)
{
	if (!hyp_spin_is_locked(lock) || lock->owner != this_cpu_id)
		sim_hyp_bug(__FILE__, __LINE__, "hyp lock not held");
}

unsigned int hyp_locks_held(void)
{
	return locks_held;
}
