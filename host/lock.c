// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver's mutexes as host locks of the EL2 model (proxy/hyp/hyp.h):
 * points of the scheduler, not locks EL2 holds.  Releasing one the CPU
 * does not hold is the driver's bug: a BUG of the host kernel.
 */
#include <stddef.h>

#include <linux/kernel.h>
#include <linux/mutex.h>

#include "host/internal.h"

_Static_assert(sizeof(struct mutex) == sizeof(struct hyp_host_lock) &&
	       offsetof(struct mutex, locked) ==
	       offsetof(struct hyp_host_lock, locked) &&
	       offsetof(struct mutex, owner) ==
	       offsetof(struct hyp_host_lock, owner), "one layout");

void host_mutex_lock(struct mutex *lock, const char *name, const char *file,
		     int line)
{
	hyp_host_lock((struct hyp_host_lock *)lock, name, file, line);
}

void host_mutex_unlock(struct mutex *lock, const char *name)
{
	if (__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) !=
	    (int)hyp_this_cpu())
		host_bug(__FILE__, __LINE__,
			 "mutex_unlock() of a mutex this CPU does not hold");
	hyp_host_unlock((struct hyp_host_lock *)lock, name);
}
