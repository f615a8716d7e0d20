/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the host kernel's glue: the simulated machine under it and the
 * way a driver action is cut short.
 */
#ifndef HOST_INTERNAL_H
#define HOST_INTERNAL_H

#include <setjmp.h>

#include "host/host.h"

struct host_env {
	struct physmem *pm;
	struct host_config cfg;
	host_smc_observer_fn observer;
	void *observer_ctx;
	bool loaded;
};

extern struct host_env host_env;

/*
 * Where a driver action returns to when it cannot go on.  Set by
 * host_run() on the thread that runs the action.
 */
struct host_catch {
	sigjmp_buf env;
	struct host_outcome *o;
};

extern __thread struct host_catch *host_catch;

void __attribute__((__noreturn__)) host_stop(void);

/*
 * Run one driver action, fn(arg), on this thread: o->stop says whether it
 * returned or was cut short (and o->ret is for fn to set).
 */
void host_run(struct host_outcome *o, void (*fn)(void *arg), void *arg);

/* mem.c */
int host_mem_init(char *err, size_t errlen);
void host_mem_exit(void);

/* lib.c, device.c, irq.c: forget everything, as a fresh boot would. */
void host_ida_reset(void);
void host_devices_reset(void);
void host_irq_reset(void);
void host_log_reset(void);

/* lib.c: @cpu's element of a per-CPU allocation (else @ptr itself). */
void *host_percpu_ptr(void *ptr, unsigned int cpu);
void host_percpu_reset(void);

/* device.c: the first probe that failed since the last call, or 0. */
int host_take_probe_error(void);

/* client.c */
void host_clients_reset(void);
void host_clients_unregister(void);
int host_client_of_device(const void *ffa_dev);

#endif /* HOST_INTERNAL_H */
