// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPUs, interrupts and deferred work of the host kernel.  The CPUs are the
 * EL2 model's: a driver action runs as hyp_this_cpu().  The simulated
 * machine's device tree has a GICv3 node only when the host config says
 * so (an SPMC that donates a schedule-receiver interrupt); without one
 * the driver's notification set-up finds no interrupt to map and leaves
 * notifications off, as on a machine without them.  A GIC interrupt ID
 * maps to Linux IRQ HOST_GIC_VIRQ_BASE + ID.  Work runs at once, on the
 * CPU that queues it: simulated time has no idle moment for a worker to
 * run in.
 */
#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/of_irq.h>

#include "host/internal.h"

#define HOST_MAX_IRQS	4
#define HOST_GIC_VIRQ_BASE	16

static struct device_node gic_node = { .compatible = "arm,gic-v3" };

unsigned int nr_cpu_ids = 1;

struct percpu_irq {
	unsigned int irq;
	irq_handler_t handler;
	void *dev_id;
	bool enabled[HYP_MAX_CPUS];
};

static struct percpu_irq irqs[HOST_MAX_IRQS];
static int (*cpuhp_teardown)(unsigned int cpu);

void host_irq_reset(void)
{
	memset(irqs, 0, sizeof(irqs));
	cpuhp_teardown = NULL;
	nr_cpu_ids = host_env.cfg.nr_cpus ? host_env.cfg.nr_cpus : 1;
}

int smp_processor_id(void)
{
	return (int)hyp_this_cpu();
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info,
			     int wait)
{
	unsigned int me = hyp_this_cpu();

	(void)wait;
	if (cpu < 0 || (unsigned int)cpu >= nr_cpu_ids)
		return -ENXIO;
	hyp_set_this_cpu((unsigned int)cpu);
	func(info);
	hyp_set_this_cpu(me);
	return 0;
}

struct device_node *of_find_compatible_node(struct device_node *from,
					    const char *type,
					    const char *compat)
{
	(void)from;
	(void)type;
	if (host_env.cfg.gic && compat && !strcmp(compat, gic_node.compatible))
		return &gic_node;
	return NULL;
}

void of_node_put(struct device_node *node)
{
	(void)node;
}

unsigned int irq_create_of_mapping(struct of_phandle_args *irq_data)
{
	if (irq_data->np != &gic_node || irq_data->args_count < 1)
		return 0;
	return HOST_GIC_VIRQ_BASE + irq_data->args[0];
}

void irq_dispose_mapping(unsigned int virq)
{
	(void)virq;
}

static struct percpu_irq *irq_slot(unsigned int irq)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_IRQS; i++)
		if (irqs[i].irq == irq)
			return &irqs[i];
	return NULL;
}

int request_percpu_irq(unsigned int irq, irq_handler_t handler,
		       const char *devname, void *percpu_dev_id)
{
	struct percpu_irq *p = irq_slot(0);

	(void)devname;
	if (!irq || irq_slot(irq))
		return -EBUSY;
	if (!p)
		return -ENOSPC;
	p->irq = irq;
	p->handler = handler;
	p->dev_id = percpu_dev_id;
	return 0;
}

void free_percpu_irq(unsigned int irq, void *percpu_dev_id)
{
	struct percpu_irq *p = irq_slot(irq);

	(void)percpu_dev_id;
	if (p)
		memset(p, 0, sizeof(*p));
}

void enable_percpu_irq(unsigned int irq, unsigned int type)
{
	struct percpu_irq *p = irq_slot(irq);

	(void)type;
	if (p)
		p->enabled[hyp_this_cpu()] = true;
}

void disable_percpu_irq(unsigned int irq)
{
	struct percpu_irq *p = irq_slot(irq);

	if (p)
		p->enabled[hyp_this_cpu()] = false;
}

struct workqueue_struct {
	const char *name;
};

struct workqueue_struct *create_workqueue(const char *name)
{
	struct workqueue_struct *wq = calloc(1, sizeof(*wq));

	if (wq)
		wq->name = name;
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	free(wq);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	(void)wq;
	work->func(work);
	return true;
}

bool queue_work_on(int cpu, struct workqueue_struct *wq,
		   struct work_struct *work)
{
	unsigned int me = hyp_this_cpu();

	hyp_set_this_cpu((unsigned int)cpu);
	queue_work(wq, work);
	hyp_set_this_cpu(me);
	return true;
}

int cpuhp_setup_state(enum cpuhp_state state, const char *name,
		      int (*startup)(unsigned int cpu),
		      int (*teardown)(unsigned int cpu))
{
	unsigned int me = hyp_this_cpu(), cpu;
	int ret = 0;

	(void)name;
	if (state != CPUHP_AP_ONLINE_DYN || cpuhp_teardown)
		return -ENOSPC;
	for (cpu = 0; cpu < nr_cpu_ids && !ret; cpu++) {
		hyp_set_this_cpu(cpu);
		ret = startup ? startup(cpu) : 0;
	}
	hyp_set_this_cpu(me);
	if (ret)
		return ret;
	cpuhp_teardown = teardown;
	/* The first dynamic state, as the kernel numbers them. */
	return CPUHP_AP_ONLINE_DYN;
}

void cpuhp_remove_state(enum cpuhp_state state)
{
	unsigned int me = hyp_this_cpu(), cpu;

	(void)state;
	for (cpu = 0; cpu < nr_cpu_ids && cpuhp_teardown; cpu++) {
		hyp_set_this_cpu(cpu);
		cpuhp_teardown(cpu);
	}
	hyp_set_this_cpu(me);
	cpuhp_teardown = NULL;
}

struct raise_call {
	struct percpu_irq *p;
	struct host_outcome *o;
};

static void run_handler(void *arg)
{
	struct raise_call *r = arg;

	r->p->handler((int)r->p->irq,
		      host_percpu_ptr(r->p->dev_id, hyp_this_cpu()));
	r->o->ret = 0;
}

void host_raise_irq(unsigned int intid, struct host_outcome *o)
{
	struct raise_call r = {
		.p = irq_slot(HOST_GIC_VIRQ_BASE + intid), .o = o,
	};

	if (!r.p || !r.p->handler || !r.p->enabled[hyp_this_cpu()]) {
		memset(o, 0, sizeof(*o));
		o->stop = HOST_RETURNED;
		o->ret = -ENOENT;
		return;
	}
	host_run(o, run_handler, &r);
}
