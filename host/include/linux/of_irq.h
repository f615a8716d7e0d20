/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HOST_FAKE_LINUX_OF_IRQ_H
#define HOST_FAKE_LINUX_OF_IRQ_H

#include <linux/of.h>

/* The Linux IRQ number of a GIC interrupt ID, 0 when it has none. */
unsigned int irq_create_of_mapping(struct of_phandle_args *irq_data);

#endif
