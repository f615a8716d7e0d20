// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hyp spinlocks: real test-and-set locks, so that simulated CPUs on host
 * threads contend for them as pKVM's CPUs do, with a count of the locks
 * each CPU holds for the "nothing held on return" check.
 *
 * Each acquire and release is a point where a scheduler may switch CPUs
 * (cpu.c).  The host kernel's sleeping locks (hyp_host_lock(), the FF-A
 * driver's mutexes) are the same lock with the same points, not counted
 * as held by EL2.  Under one, a single CPU runs at a time: a CPU that finds the
 * lock held must not spin, since the holder only runs once it stops, so
 * it reports itself blocked and the scheduler runs others until the
 * release wakes it.
 */
#include <sched.h>
#include <stddef.h>
#include <string.h>

#include <nvhe/spinlock.h>

#include "internal.h"

/* Each written only by its own CPU's thread; read once they are done. */
static unsigned int locks_held[HYP_MAX_CPUS];

/*
 * A new machine holds no lock.  In one process a machine can follow one
 * that stopped in a hyp panic with its locks held (the fuzzer's replays).
 */
void hyp_locks_reset(void)
{
	memset(locks_held, 0, sizeof(locks_held));
}

/* "&host_buffers.lock" -> "host_buffers.lock" */
static const char *lock_name(const char *name)
{
	return name[0] == '&' ? name + 1 : name;
}

/* hyp_lock_holder() reads either kind of lock as a hyp spinlock. */
_Static_assert(sizeof(struct hyp_host_lock) == sizeof(hyp_spinlock_t) &&
	       offsetof(struct hyp_host_lock, locked) ==
	       offsetof(hyp_spinlock_t, locked) &&
	       offsetof(struct hyp_host_lock, owner) ==
	       offsetof(hyp_spinlock_t, owner), "one layout for both locks");

/* Take the lock whose flag and holder these are, through the points. */
static void take(int *locked, int *owner, const void *lock, const char *name,
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
	while (__atomic_exchange_n(locked, 1, __ATOMIC_ACQUIRE)) {
		if (!hyp_sched_active()) {
			sched_yield();
			continue;
		}
		p.kind = HYP_POINT_BLOCKED;
		p.holder = __atomic_load_n(owner, __ATOMIC_RELAXED);
		hyp_point_reached(&p);
	}
	__atomic_store_n(owner, (int)hyp_this_cpu(), __ATOMIC_RELAXED);
}

static void release(int *locked, int *owner, const void *lock,
		    const char *name, bool hyp)
{
	struct hyp_point p = {
		.kind = HYP_POINT_UNLOCK,
		.lock = lock,
		.name = lock_name(name),
	};

	/* The host's own checks are the host kernel's (host/lock.c). */
	if (hyp && !__atomic_load_n(locked, __ATOMIC_RELAXED))
		sim_hyp_bug(__FILE__, __LINE__, __func__, "unlock of a free hyp spinlock");
	__atomic_store_n(owner, -1, __ATOMIC_RELAXED);
	if (hyp)
		locks_held[hyp_this_cpu()]--;
	__atomic_store_n(locked, 0, __ATOMIC_RELEASE);
	hyp_point_reached(&p);
}

void sim_hyp_spin_lock(hyp_spinlock_t *lock, const char *name,
		       const char *file, int line)
{
	take(&lock->locked, &lock->owner, lock, name, file, line);
	locks_held[hyp_this_cpu()]++;
}

void sim_hyp_spin_unlock(hyp_spinlock_t *lock, const char *name)
{
	release(&lock->locked, &lock->owner, lock, name, true);
}

void hyp_host_lock(struct hyp_host_lock *lock, const char *name,
		   const char *file, int line)
{
	take(&lock->locked, &lock->owner, lock, name, file, line);
}

void hyp_host_unlock(struct hyp_host_lock *lock, const char *name)
{
	release(&lock->locked, &lock->owner, lock, name, false);
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
		sim_hyp_bug(__FILE__, __LINE__, __func__, "hyp lock not held");
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
