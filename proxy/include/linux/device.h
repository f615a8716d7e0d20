/* SPDX-License-Identifier: GPL-2.0-only */
/* Only what arm_ffa.h's driver-model declarations need to compile. */
#ifndef SIM_FAKE_LINUX_DEVICE_H
#define SIM_FAKE_LINUX_DEVICE_H

#include <linux/types.h>

struct device_driver {
	const char *name;
};

struct device {
	void *driver_data;
};

struct bus_type {
	const char *name;
};

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

#endif
