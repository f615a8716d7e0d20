/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU interrupts and workqueues, for FF-A notifications (host/irq.c).
 * A handler runs when a scenario raises its interrupt on a CPU; work
 * queued from it runs at once, on that CPU's thread.
 */
#ifndef HOST_FAKE_LINUX_INTERRUPT_H
#define HOST_FAKE_LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/smp.h>
#include <linux/percpu.h>

typedef enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
} irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQ_TYPE_NONE	0

int request_percpu_irq(unsigned int irq, irq_handler_t handler,
		       const char *devname, void *percpu_dev_id);
void free_percpu_irq(unsigned int irq, void *percpu_dev_id);
void enable_percpu_irq(unsigned int irq, unsigned int type);
void disable_percpu_irq(unsigned int irq);
void irq_dispose_mapping(unsigned int virq);

#endif
