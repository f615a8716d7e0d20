// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver model: buses that know their devices, drivers and notifiers;
 * a device added to a bus is matched against its drivers, and a driver
 * registered on a bus against its unbound devices, and probed at once on
 * the calling thread (synchronous probe, as built-in drivers get).  Device
 * lifetimes follow the kernel's reference counts: the last put_device()
 * calls the release function.  The platform bus matches by name.
 */
#include <stdarg.h>
#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/platform_device.h>

#include "host/internal.h"

#define HOST_MAX_BUSES		4
#define HOST_MAX_NOTIFIERS	4
#define HOST_DEV_NAME_MAX	64

struct bus_state {
	const struct bus_type *bus;
	struct list_head devices;
	struct list_head drivers;
	struct notifier_block *nb[HOST_MAX_NOTIFIERS];
};

static struct bus_state buses[HOST_MAX_BUSES];
static int probe_error;

static int platform_match(struct device *dev, const struct device_driver *drv)
{
	return !strcmp(to_platform_device(dev)->name, drv->name);
}

static const struct bus_type platform_bus_type = {
	.name = "platform",
	.match = platform_match,
};

static struct bus_state *bus_state(const struct bus_type *bus)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_BUSES; i++)
		if (buses[i].bus == bus)
			return &buses[i];
	return NULL;
}

int bus_register(const struct bus_type *bus)
{
	struct bus_state *b = bus_state(NULL);

	if (bus_state(bus))
		return -EEXIST;
	if (!b)
		return -ENOMEM;
	b->bus = bus;
	INIT_LIST_HEAD(&b->devices);
	INIT_LIST_HEAD(&b->drivers);
	return 0;
}

void bus_unregister(const struct bus_type *bus)
{
	struct bus_state *b = bus_state(bus);

	if (b)
		memset(b, 0, sizeof(*b));
}

void host_devices_reset(void)
{
	memset(buses, 0, sizeof(buses));
	probe_error = 0;
	/* The platform bus exists before any initcall, as in the kernel. */
	bus_register(&platform_bus_type);
}

int host_take_probe_error(void)
{
	int e = probe_error;

	probe_error = 0;
	return e;
}

int bus_register_notifier(const struct bus_type *bus, struct notifier_block *nb)
{
	struct bus_state *b = bus_state(bus);
	unsigned int i;

	if (!b)
		return -EINVAL;
	for (i = 0; i < HOST_MAX_NOTIFIERS; i++) {
		if (!b->nb[i]) {
			b->nb[i] = nb;
			return 0;
		}
	}
	return -ENOSPC;
}

int bus_unregister_notifier(const struct bus_type *bus, struct notifier_block *nb)
{
	struct bus_state *b = bus_state(bus);
	unsigned int i;

	for (i = 0; b && i < HOST_MAX_NOTIFIERS; i++) {
		if (b->nb[i] == nb) {
			b->nb[i] = NULL;
			return 0;
		}
	}
	return -ENOENT;
}

static void notify(struct bus_state *b, unsigned long action, struct device *dev)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_NOTIFIERS; i++)
		if (b->nb[i])
			b->nb[i]->notifier_call(b->nb[i], action, dev);
}

static int really_probe(struct bus_state *b, struct device *dev,
			struct device_driver *drv)
{
	int ret;

	dev->driver = drv;
	notify(b, BUS_NOTIFY_BIND_DRIVER, dev);
	if (b->bus->probe)
		ret = b->bus->probe(dev);
	else
		ret = drv->probe ? drv->probe(dev) : 0;
	if (ret) {
		dev->driver = NULL;
		notify(b, BUS_NOTIFY_DRIVER_NOT_BOUND, dev);
		if (!probe_error)
			probe_error = ret;
		/* As the kernel: these two only mean "not my device". */
		if (ret == -ENODEV || ret == -ENXIO)
			host_printk(KERN_DEBUG, "%s: probe with driver %s rejects match %d",
				    dev_name(dev), drv->name, ret);
		else
			host_printk(KERN_INFO, "%s: probe of %s failed with error %d",
				    drv->name, dev_name(dev), ret);
		return ret;
	}
	notify(b, BUS_NOTIFY_BOUND_DRIVER, dev);
	return 0;
}

static bool try_bind(struct bus_state *b, struct device *dev,
		     struct device_driver *drv)
{
	if (dev->driver || !b->bus->match || !b->bus->match(dev, drv))
		return false;
	return !really_probe(b, dev, drv);
}

int driver_register(struct device_driver *drv)
{
	struct bus_state *b = bus_state(drv->bus);
	struct device *dev, *next;

	if (!b)
		return -EINVAL;
	list_add_tail(&drv->host_node, &b->drivers);
	list_for_each_entry_safe(dev, next, &b->devices, host_node)
		try_bind(b, dev, drv);
	return 0;
}

static void unbind(struct bus_state *b, struct device *dev)
{
	struct device_driver *drv = dev->driver;

	if (!drv)
		return;
	notify(b, BUS_NOTIFY_UNBIND_DRIVER, dev);
	if (b->bus->remove)
		b->bus->remove(dev);
	else if (drv->remove)
		drv->remove(dev);
	dev->driver = NULL;
	notify(b, BUS_NOTIFY_UNBOUND_DRIVER, dev);
}

void driver_unregister(struct device_driver *drv)
{
	struct bus_state *b = bus_state(drv->bus);
	struct device *dev, *next;

	if (!b)
		return;
	list_for_each_entry_safe(dev, next, &b->devices, host_node)
		if (dev->driver == drv)
			unbind(b, dev);
	list_del(&drv->host_node);
}

void device_initialize(struct device *dev)
{
	dev->host_refs = 1;
}

int device_add(struct device *dev)
{
	struct bus_state *b = bus_state(dev->bus);
	struct device_driver *drv;

	if (!b)
		return -EINVAL;
	get_device(dev);
	list_add_tail(&dev->host_node, &b->devices);
	dev->host_added = true;
	notify(b, BUS_NOTIFY_ADD_DEVICE, dev);
	list_for_each_entry(drv, &b->drivers, host_node)
		if (try_bind(b, dev, drv))
			break;
	return 0;
}

int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}

void device_del(struct device *dev)
{
	struct bus_state *b = bus_state(dev->bus);

	if (!b || !dev->host_added)
		return;
	notify(b, BUS_NOTIFY_DEL_DEVICE, dev);
	unbind(b, dev);
	list_del(&dev->host_node);
	dev->host_added = false;
	notify(b, BUS_NOTIFY_REMOVED_DEVICE, dev);
	put_device(dev);
}

void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}

struct device *get_device(struct device *dev)
{
	if (dev)
		dev->host_refs++;
	return dev;
}

void put_device(struct device *dev)
{
	char *name;

	if (!dev)
		return;
	BUG_ON(dev->host_refs <= 0);
	if (--dev->host_refs)
		return;
	name = dev->host_name;
	if (dev->release)
		dev->release(dev);
	free(name);
}

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	char *name = malloc(HOST_DEV_NAME_MAX);
	va_list ap;

	if (!name)
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(name, HOST_DEV_NAME_MAX, fmt, ap);
	va_end(ap);
	free(dev->host_name);
	dev->host_name = name;
	return 0;
}

const char *dev_name(const struct device *dev)
{
	return dev->host_name ? dev->host_name :
	       dev->init_name ? dev->init_name : "(unnamed)";
}

int bus_for_each_dev(const struct bus_type *bus, struct device *start,
		     void *data, int (*fn)(struct device *dev, void *data))
{
	struct device *dev, *next;
	int ret = 0;

	/* The next device is found first: @fn may unregister this one. */
	for (dev = bus_find_next_device(bus, start); dev && !ret; dev = next) {
		next = bus_find_next_device(bus, dev);
		ret = fn(dev, data);
		put_device(dev);
	}
	if (ret)
		put_device(dev);
	return ret;
}

/*
 * The device after @cur on its bus, with a reference, or NULL.  @cur
 * may have left the bus during the walk (bus_for_each_dev() with an
 * unregistering callback): the walk then goes on from the first device.
 */
struct device *bus_find_next_device(const struct bus_type *bus,
				    struct device *cur)
{
	struct bus_state *b = bus_state(bus);
	struct list_head *next;

	if (!b)
		return NULL;
	next = cur && cur->host_added ? cur->host_node.next : b->devices.next;
	if (next == &b->devices)
		return NULL;
	return get_device(list_entry(next, struct device, host_node));
}

static void platform_device_release(struct device *dev)
{
	free(to_platform_device(dev));
}

struct platform_device *
platform_device_register_simple(const char *name, int id,
				const struct resource *res, unsigned int num)
{
	struct platform_device *pdev = calloc(1, sizeof(*pdev));
	int ret;

	(void)res;
	(void)num;
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->name = name;
	pdev->id = id;
	pdev->dev.bus = &platform_bus_type;
	pdev->dev.release = platform_device_release;
	if (id == PLATFORM_DEVID_NONE)
		ret = dev_set_name(&pdev->dev, "%s", name);
	else
		ret = dev_set_name(&pdev->dev, "%s.%d", name, id);
	if (!ret)
		ret = device_register(&pdev->dev);
	if (ret) {
		put_device(&pdev->dev);
		return ERR_PTR(ret);
	}
	return pdev;
}

void platform_device_unregister(struct platform_device *pdev)
{
	if (!IS_ERR_OR_NULL(pdev))
		device_unregister(&pdev->dev);
}

static int platform_drv_probe(struct device *dev)
{
	struct platform_driver *drv = container_of(dev->driver,
						   struct platform_driver, driver);

	return drv->probe ? drv->probe(to_platform_device(dev)) : 0;
}

static int platform_drv_remove(struct device *dev)
{
	struct platform_driver *drv = container_of(dev->driver,
						   struct platform_driver, driver);

	if (drv->remove)
		drv->remove(to_platform_device(dev));
	return 0;
}

int platform_driver_register(struct platform_driver *drv)
{
	drv->driver.bus = &platform_bus_type;
	drv->driver.probe = platform_drv_probe;
	drv->driver.remove = platform_drv_remove;
	return driver_register(&drv->driver);
}

void platform_driver_unregister(struct platform_driver *drv)
{
	driver_unregister(&drv->driver);
}
