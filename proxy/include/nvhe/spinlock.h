/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hyp spinlocks are real locks here, so that several simulated CPUs can
 * contend for them, and each one knows its holder so that the runner can
 * tell when the proxy returns to the host with a lock still held.
 *
 * Taking and releasing one are points where a scheduler may switch CPUs
 * (docs/concurrency.md): the macros hand over how the code names the lock
 * ("&host_buffers.lock") and where it is taken, so that a schedule reads
 * in the proxy's own words.
 */
#ifndef SIM_FAKE_NVHE_SPINLOCK_H
#define SIM_FAKE_NVHE_SPINLOCK_H

#include <linux/types.h>

typedef struct {
	int locked;		/* 0 or 1, taken with atomics */
	int owner;		/* simulated CPU holding it, -1 when free */
} hyp_spinlock_t;

#define __HYP_SPIN_LOCK_INITIALIZER	{ .locked = 0, .owner = -1 }
#define __HYP_SPIN_LOCK_UNLOCKED	\
	((hyp_spinlock_t)__HYP_SPIN_LOCK_INITIALIZER)
#define DEFINE_HYP_SPINLOCK(x)	\
	hyp_spinlock_t x = __HYP_SPIN_LOCK_INITIALIZER
#define hyp_spin_lock_init(l)	(*(l) = __HYP_SPIN_LOCK_UNLOCKED)

void sim_hyp_spin_lock(hyp_spinlock_t *lock, const char *name,
		       const char *file, int line);
void sim_hyp_spin_unlock(hyp_spinlock_t *lock, const char *name);

#define hyp_spin_lock(l)	sim_hyp_spin_lock((l), #l, __FILE__, __LINE__)
#define hyp_spin_unlock(l)	sim_hyp_spin_unlock((l), #l)
bool hyp_spin_is_locked(hyp_spinlock_t *lock);
void hyp_assert_lock_held(hyp_spinlock_t *lock);

#endif
