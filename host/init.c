// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot of the host kernel: the fake kernel's state starts empty, as after
 * a reset, and the driver's initcalls run in level order (the FF-A bus at
 * subsys level, the driver's own init after it: rootfs level in 6.x, a
 * platform driver whose probe does the work in 7.x).  Unload runs the
 * exitcall of each initcall that returned 0 only: a module whose init
 * failed is never loaded, so its exit never runs (6.12's ffa_exit() after
 * a failed ffa_init() would free what was never set up).
 */
#include <linux/kernel.h>
#include <linux/module.h>

#include "host/internal.h"

struct host_env host_env;

/* Defined by the driver's files through their initcall macros. */
extern const struct host_initcall host_initcall_bus;
extern const struct host_initcall host_initcall_driver;
extern const struct host_exitcall host_exitcall_bus;
extern const struct host_exitcall host_exitcall_driver;

/* Each file's initcall and the exitcall that undoes it. */
static const struct {
	const struct host_initcall *init;
	const struct host_exitcall *exit;
} units[] = {
	{ &host_initcall_bus, &host_exitcall_bus },
	{ &host_initcall_driver, &host_exitcall_driver },
};

/* units[i]'s initcall returned 0: its exitcall is due at unload. */
static bool unit_up[ARRAY_SIZE(units)];

const char *host_driver_absent(void)
{
	return NULL;
}

int host_env_init(struct physmem *pm, const struct host_config *cfg,
		  char *err, size_t errlen)
{
	memset(&host_env, 0, sizeof(host_env));
	host_env.pm = pm;
	host_env.cfg = *cfg;
	if (cfg->nr_cpus > HYP_MAX_CPUS) {
		snprintf(err, errlen, "the host kernel has %u CPUs, the EL2 model %u at most",
			 cfg->nr_cpus, HYP_MAX_CPUS);
		return -EINVAL;
	}
	host_log_reset();
	host_ida_reset();
	host_percpu_reset();
	host_devices_reset();
	host_irq_reset();
	host_clients_reset();
	memset(unit_up, 0, sizeof(unit_up));
	return host_mem_init(err, errlen);
}

void host_env_exit(void)
{
	host_mem_exit();
	host_log_clear();
	host_env.pm = NULL;
	host_env.loaded = false;
}

static void run_initcalls(void *arg)
{
	struct host_outcome *o = arg;
	int level, ret;
	size_t i;

	for (level = HOST_INITCALL_SUBSYS; level <= HOST_INITCALL_DEVICE; level++) {
		for (i = 0; i < ARRAY_SIZE(units); i++) {
			if ((int)units[i].init->level != level)
				continue;
			ret = units[i].init->fn();
			unit_up[i] = !ret;
			if (ret) {
				host_printk(KERN_WARNING, "initcall %s returned %d",
					    units[i].init->name, ret);
				if (!o->ret)
					o->ret = ret;
			}
		}
	}
}

void host_driver_load(struct host_outcome *o)
{
	host_take_probe_error();
	host_run(o, run_initcalls, o);
	if (o->stop == HOST_RETURNED && !o->ret)
		o->ret = host_take_probe_error();
	host_env.loaded = true;
}

/* In the reverse of the initcalls' order. */
static void run_exitcalls(void *arg)
{
	size_t i;

	(void)arg;
	host_clients_unregister();
	for (i = ARRAY_SIZE(units); i-- > 0;) {
		if (!unit_up[i])
			continue;
		unit_up[i] = false;
		units[i].exit->fn();
	}
}

void host_driver_unload(struct host_outcome *o)
{
	host_run(o, run_exitcalls, NULL);
	host_env.loaded = false;
}

bool host_driver_loaded(void)
{
	return host_env.loaded;
}
