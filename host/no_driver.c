// SPDX-License-Identifier: GPL-2.0-only
/*
 * host/host.h of a variant built with DRIVER=no: a kernel tree whose
 * drivers/firmware/arm_ffa does not build against the fakes of
 * host/include can still have its proxy tested.  Nothing of the driver
 * or its glue is linked, so nothing here can answer as the driver would:
 * the runner skips driver: scenarios by host_driver_absent(), the boot
 * refuses with the same reason, and any other call is a bug of its
 * caller that stops the process with a message, never a made-up answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "host/host.h"
#include "hw/last_words.h"

static const char absent[] =
	"built with DRIVER=no: Linux's FF-A driver of this tree was not compiled";

const char *host_driver_absent(void)
{
	return absent;
}

int host_env_init(struct physmem *pm, const struct host_config *cfg,
		  char *err, size_t errlen)
{
	(void)pm;
	(void)cfg;
	snprintf(err, errlen, "%s", absent);
	return -ENODEV;
}

static void __attribute__((__noreturn__)) no_driver(const char *fn)
{
	fprintf(stderr, "ffa-sim: BUG: %s() called, but this variant was %s (host_env_init() refuses to boot it)\n",
		fn, absent);
	last_words_say("BUG: %s() called, but this variant was %s", fn,
		       absent);
	abort();
}

void host_env_exit(void)
{
	no_driver(__func__);
}

void host_set_smc_observer(host_smc_observer_fn fn, void *ctx)
{
	(void)fn;
	(void)ctx;
	no_driver(__func__);
}

char **host_log_take(size_t *count)
{
	(void)count;
	no_driver(__func__);
}

void host_log_clear(void)
{
	no_driver(__func__);
}

unsigned int host_warnings(void)
{
	no_driver(__func__);
}

void host_driver_load(struct host_outcome *o)
{
	(void)o;
	no_driver(__func__);
}

bool host_driver_loaded(void)
{
	no_driver(__func__);
}

void host_driver_unload(struct host_outcome *o)
{
	(void)o;
	no_driver(__func__);
}

size_t host_devices(struct host_device *out, size_t max)
{
	(void)out;
	(void)max;
	no_driver(__func__);
}

int host_client_register(const uint8_t uuid[16], struct host_outcome *o)
{
	(void)uuid;
	(void)o;
	no_driver(__func__);
}

int host_client_vm_id(int client)
{
	(void)client;
	no_driver(__func__);
}

void host_client_partition_info(int client, const uint8_t uuid[16],
				struct host_part *parts, size_t max,
				struct host_outcome *o)
{
	(void)client;
	(void)uuid;
	(void)parts;
	(void)max;
	(void)o;
	no_driver(__func__);
}

void host_client_direct(int client, bool req2, uint64_t data[14],
			struct host_outcome *o)
{
	(void)client;
	(void)req2;
	(void)data;
	(void)o;
	no_driver(__func__);
}

void host_client_indirect(int client, const uint8_t *buf, size_t len,
			  struct host_outcome *o)
{
	(void)client;
	(void)buf;
	(void)len;
	(void)o;
	no_driver(__func__);
}

void host_client_notify(int client, bool request, bool per_vcpu,
			unsigned int id, struct host_outcome *o)
{
	(void)client;
	(void)request;
	(void)per_vcpu;
	(void)id;
	(void)o;
	no_driver(__func__);
}

unsigned int host_client_notified(int client, unsigned int id)
{
	(void)client;
	(void)id;
	no_driver(__func__);
}

void host_client_mem(int client, const struct host_mem_args *a,
		     uint64_t *handle, struct host_outcome *o)
{
	(void)client;
	(void)a;
	(void)handle;
	(void)o;
	no_driver(__func__);
}

void host_raise_irq(unsigned int intid, struct host_outcome *o)
{
	(void)intid;
	(void)o;
	no_driver(__func__);
}

void host_client_reclaim(int client, uint64_t handle, uint32_t flags,
			 struct host_outcome *o)
{
	(void)client;
	(void)handle;
	(void)flags;
	(void)o;
	no_driver(__func__);
}
