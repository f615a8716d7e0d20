/* SPDX-License-Identifier: GPL-2.0-only */
/* Platform devices and drivers: a bus that matches by name (host/device.c). */
#ifndef HOST_FAKE_LINUX_PLATFORM_DEVICE_H
#define HOST_FAKE_LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>

#define PLATFORM_DEVID_NONE	(-1)

struct resource;

struct platform_device {
	const char *name;
	int id;
	struct device dev;
};

struct platform_driver {
	int (*probe)(struct platform_device *pdev);
	void (*remove)(struct platform_device *pdev);
	void (*shutdown)(struct platform_device *pdev);
	struct device_driver driver;
};

#define to_platform_device(d)	container_of(d, struct platform_device, dev)

struct platform_device *
platform_device_register_simple(const char *name, int id,
				const struct resource *res, unsigned int num);
void platform_device_unregister(struct platform_device *pdev);
int platform_driver_register(struct platform_driver *drv);
void platform_driver_unregister(struct platform_driver *drv);

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev,
					void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

#endif
