/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HOST_FAKE_LINUX_SPINLOCK_H
#define HOST_FAKE_LINUX_SPINLOCK_H

#include <pthread.h>

#include <linux/types.h>
#include <linux/cleanup.h>

typedef struct {
	pthread_rwlock_t l;
} rwlock_t;

typedef struct {
	pthread_mutex_t m;
} spinlock_t;

static inline void rwlock_init(rwlock_t *lock)
{
	pthread_rwlock_init(&lock->l, NULL);
}

static inline void read_lock(rwlock_t *lock)
{
	pthread_rwlock_rdlock(&lock->l);
}

static inline void read_unlock(rwlock_t *lock)
{
	pthread_rwlock_unlock(&lock->l);
}

static inline void write_lock(rwlock_t *lock)
{
	pthread_rwlock_wrlock(&lock->l);
}

static inline void write_unlock(rwlock_t *lock)
{
	pthread_rwlock_unlock(&lock->l);
}

HOST_DEFINE_GUARD(read_lock, rwlock_t, read_lock, read_unlock)
HOST_DEFINE_GUARD(write_lock, rwlock_t, write_lock, write_unlock)

static inline void spin_lock_init(spinlock_t *lock)
{
	pthread_mutex_init(&lock->m, NULL);
}

static inline void spin_lock(spinlock_t *lock)
{
	pthread_mutex_lock(&lock->m);
}

static inline void spin_unlock(spinlock_t *lock)
{
	pthread_mutex_unlock(&lock->m);
}

#endif
