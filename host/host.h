/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host kernel around Linux's own FF-A driver (drivers/firmware/arm_ffa
 * of the variant's tree, compiled unmodified), as the rest of ffa-sim sees
 * it.  This header is plain C: it pulls in no fake kernel header.
 *
 * One host kernel exists per process, over the EL2 of proxy/hyp: the
 * driver keeps its state in file-scope statics.  Its SMCs enter EL2
 * through hyp_host_smc(), as an SMC instruction at EL1 would.
 *
 * Every driver action runs on the calling thread as the simulated CPU
 * hyp_this_cpu().  An action stops early when one of its SMCs ends in a
 * fault or BUG inside EL2, or when the driver BUGs: the outcome says so.
 */
#ifndef HOST_HOST_H
#define HOST_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/physmem.h"
#include "proxy/hyp/hyp.h"

#define HOST_MAX_CLIENTS	8
#define HOST_MAX_PARTS		16
#define HOST_MAX_RANGES		512
#define HOST_MAX_RECEIVERS	4
#define HOST_LOG_LINE		160

struct host_config {
	uint32_t smccc_version;		/* what arm_smccc_get_version() says */
	unsigned int nr_cpus;		/* nr_cpu_ids, 1..HYP_MAX_CPUS */
	uint64_t pool_pa, pool_size;	/* DRAM the host kernel allocates */
	/*
	 * The device tree has a GICv3 node, so the driver can map the
	 * interrupts the SPMC donates (the schedule-receiver interrupt).
	 */
	bool gic;
};

/*
 * NULL when Linux's FF-A driver is compiled in; else why it is not (a
 * variant built with DRIVER=no, host/no_driver.c).  There, host_env_init()
 * fails with that reason, and every other call is a caller's bug: each
 * needs a host_env_init() that succeeded.
 */
const char *host_driver_absent(void);

int host_env_init(struct physmem *pm, const struct host_config *cfg,
		  char *err, size_t errlen);
void host_env_exit(void);

/* How a driver action ended. */
enum host_stop {
	HOST_RETURNED,		/* the driver returned to its caller */
	HOST_STOPPED_IN_EL2,	/* one of its SMCs faulted or BUGged in EL2 */
	HOST_STOPPED_BUG,	/* the driver, or the kernel under it, BUGged */
};

struct host_outcome {
	enum host_stop stop;
	int ret;			/* RETURNED: what the caller got */
	enum hyp_exit exit;		/* IN_EL2 */
	struct hyp_fault fault;		/* IN_EL2 */
	const char *file;		/* BUG */
	int line;
	const char *what;
};

/*
 * Each SMC the driver makes, as it returns from EL2 (hyp_events() still
 * holds that SMC's events when @fn runs).
 */
typedef void (*host_smc_observer_fn)(void *ctx, const uint64_t *in,
				     const uint64_t *out, enum hyp_exit exit,
				     const struct hyp_fault *fault);
void host_set_smc_observer(host_smc_observer_fn fn, void *ctx);

/*
 * The kernel log since it was last taken or cleared, one message a line,
 * handed over (free() each line and the array): several CPUs may log at
 * once.
 */
char **host_log_take(size_t *count);
void host_log_clear(void);
/* WARNs of the driver and of the fake kernel under it since init. */
unsigned int host_warnings(void);

/*
 * Boot the driver: its initcalls in level order.  ret is the first
 * initcall or probe that failed, else 0 (a platform driver's probe
 * failure does not fail its initcall, but the client sees no bus).
 */
void host_driver_load(struct host_outcome *o);
bool host_driver_loaded(void);
/*
 * Unload it as rmmod would: the clients' drivers unregistered, then the
 * driver's own module_exit functions in reverse initcall order (its
 * remove unmaps the RX/TX buffers through EL2).  Only the exitcalls of
 * initcalls that returned 0 run, as a module whose init failed is never
 * loaded: after a failed 6.12 ffa_init() the bus goes, the driver's exit
 * does not run.  Not after an action that stopped (host_outcome): the
 * driver may hold its own locks there, as a machine after a panic would.
 */
void host_driver_unload(struct host_outcome *o);

/* The FF-A bus as a client driver sees it. */
struct host_part {
	uint16_t id;
	uint16_t exec_ctxt;
	uint32_t properties;
	uint8_t uuid[16];
};

struct host_device {
	char name[32];
	uint16_t vm_id;
	uint8_t uuid[16];
	uint32_t properties;
	bool mode_32bit;
	int client;			/* the client bound to it, or -1 */
};

size_t host_devices(struct host_device *out, size_t max);

/*
 * A minimal client driver whose ID table holds @uuid: registering it binds
 * it, synchronously, to the first matching device.  Returns the client's
 * number (>= 0) with o->ret the registration's result, or -1 when all
 * HOST_MAX_CLIENTS are in use.
 */
int host_client_register(const uint8_t uuid[16], struct host_outcome *o);
/* The partition ID of the device a client is bound to, or -1. */
int host_client_vm_id(int client);

/* The client bound to partition @part_id (any bound one if < 0), or -1. */
static inline int host_client_for(int part_id)
{
	int c, id;

	for (c = 0; c < HOST_MAX_CLIENTS; c++) {
		id = host_client_vm_id(c);
		if (id >= 0 && (part_id < 0 || id == part_id))
			return c;
	}
	return -1;
}

void host_client_partition_info(int client, const uint8_t uuid[16],
				struct host_part *parts, size_t max,
				struct host_outcome *o);
/* data[0..4] for REQ (mode_32bit decides SMC32), data[0..13] for REQ2. */
void host_client_direct(int client, bool req2, uint64_t data[14],
			struct host_outcome *o);
void host_client_indirect(int client, const uint8_t *buf, size_t len,
			  struct host_outcome *o);

struct host_mem_args {
	bool lend;
	bool use_txbuf;
	uint32_t flags;
	uint64_t tag;
	unsigned int nr_receivers;
	struct {
		uint16_t id;
		uint8_t perms;
	} receivers[HOST_MAX_RECEIVERS];
	unsigned int nr_ranges;
	struct {
		uint64_t pa;		/* a host page */
		uint64_t pages;		/* host pages */
	} ranges[HOST_MAX_RANGES];
};

/*
 * notifier_ops->notify_request / notify_relinquish of notification @id; a
 * notification that arrives counts in host_client_notified().
 */
void host_client_notify(int client, bool request, bool per_vcpu,
			unsigned int id, struct host_outcome *o);
unsigned int host_client_notified(int client, unsigned int id);

/*
 * The GIC raises SGI @intid on the calling CPU, as the secure world does
 * to have the host schedule a receiver of notifications: the handler the
 * driver requested for it runs there, and the work it queues at once.
 * o->ret is 0 when a handler ran, -ENOENT when none is requested and
 * enabled for @intid on this CPU (the driver left notifications off).
 */
void host_raise_irq(unsigned int intid, struct host_outcome *o);

void host_client_mem(int client, const struct host_mem_args *a,
		     uint64_t *handle, struct host_outcome *o);
void host_client_reclaim(int client, uint64_t handle, uint32_t flags,
			 struct host_outcome *o);

#endif /* HOST_HOST_H */
