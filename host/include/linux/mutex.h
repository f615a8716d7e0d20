/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sleeping locks: a driver action runs on the thread of the CPU that
 * makes it, and the driver holds its mutexes across SMCs (rx_lock around
 * FFA_PARTITION_INFO_GET, tx_lock around a share's fragments).  Taking,
 * finding held and releasing one are points of the scheduler, as the hyp
 * spinlocks' are (host/lock.c), so that two CPUs in a concurrently: group
 * pass the driver's locks in every order the runner explores.  Laid out
 * as struct hyp_host_lock, which this root of headers cannot include.
 */
#ifndef HOST_FAKE_LINUX_MUTEX_H
#define HOST_FAKE_LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/cleanup.h>
#include <linux/spinlock.h>

struct mutex {
	int locked;
	int owner;		/* the simulated CPU holding it, -1 when free */
};

#define DEFINE_MUTEX(name)	struct mutex name = { .locked = 0, .owner = -1 }
#define mutex_init(lock)	(*(lock) = (struct mutex){ .locked = 0, .owner = -1 })

void host_mutex_lock(struct mutex *lock, const char *name, const char *file,
		     int line);
void host_mutex_unlock(struct mutex *lock, const char *name);

/* As the code names the lock and where it takes it, for a schedule. */
#define mutex_lock(lock)	host_mutex_lock((lock), #lock, __FILE__, __LINE__)
#define mutex_unlock(lock)	host_mutex_unlock((lock), #lock)

static inline void host_mutex_guard_lock(struct mutex *lock)
{
	host_mutex_lock(lock, "a mutex of guard()", __FILE__, __LINE__);
}

static inline void host_mutex_guard_unlock(struct mutex *lock)
{
	host_mutex_unlock(lock, "a mutex of guard()");
}

HOST_DEFINE_GUARD(mutex, struct mutex, host_mutex_guard_lock,
		  host_mutex_guard_unlock)

#endif
