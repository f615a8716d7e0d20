/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device tree of the simulated machine: an interrupt controller node
 * exists when the scenario gives the host one (host/irq.c).
 */
#ifndef HOST_FAKE_LINUX_OF_H
#define HOST_FAKE_LINUX_OF_H

#include <linux/types.h>

struct device_node {
	const char *compatible;
};

#define MAX_PHANDLE_ARGS	16
struct of_phandle_args {
	struct device_node *np;
	int args_count;
	u32 args[MAX_PHANDLE_ARGS];
};

struct device_node *of_find_compatible_node(struct device_node *from,
					    const char *type,
					    const char *compat);
void of_node_put(struct device_node *node);

#endif
