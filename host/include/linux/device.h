/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The driver model, as far as the FF-A bus and its platform device use it:
 * buses, drivers and devices with the kernel's matching, binding and
 * reference counting, and synchronous probe (host/device.c).  There is no
 * sysfs: attribute callbacks are compiled but nothing reads them.
 */
#ifndef HOST_FAKE_LINUX_DEVICE_H
#define HOST_FAKE_LINUX_DEVICE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/notifier.h>
#include <linux/idr.h>
#include <linux/slab.h>
#include <linux/printk.h>

struct module;
struct device;
struct device_driver;

#define BUS_NOTIFY_ADD_DEVICE		0x00000001
#define BUS_NOTIFY_DEL_DEVICE		0x00000002
#define BUS_NOTIFY_REMOVED_DEVICE	0x00000003
#define BUS_NOTIFY_BIND_DRIVER		0x00000004
#define BUS_NOTIFY_BOUND_DRIVER		0x00000005
#define BUS_NOTIFY_UNBIND_DRIVER	0x00000006
#define BUS_NOTIFY_UNBOUND_DRIVER	0x00000007
#define BUS_NOTIFY_DRIVER_NOT_BOUND	0x00000008

struct attribute {
	const char *name;
	umode_t mode;
};

struct attribute_group {
	const char *name;
	struct attribute **attrs;
};

struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr,
			char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count);
};

#define DEVICE_ATTR_RO(_name)						\
	struct device_attribute dev_attr_##_name = {			\
		.attr = { .name = #_name, .mode = 0444 },		\
		.show = _name##_show,					\
	}

#define ATTRIBUTE_GROUPS(_name)						\
	static const struct attribute_group _name##_group = {		\
		.attrs = _name##_attrs,					\
	};								\
	static const struct attribute_group *_name##_groups[] = {	\
		&_name##_group, NULL,					\
	}

#define UEVENT_BUFFER_SIZE	2048
struct kobj_uevent_env {
	char buf[UEVENT_BUFFER_SIZE];
	int buflen;
};

int add_uevent_var(struct kobj_uevent_env *env, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct bus_type {
	const char *name;
	const struct attribute_group **dev_groups;
	int (*match)(struct device *dev, const struct device_driver *drv);
	int (*uevent)(const struct device *dev, struct kobj_uevent_env *env);
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
};

struct device_driver {
	const char *name;
	const struct bus_type *bus;
	struct module *owner;
	const char *mod_name;
	int (*probe)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	struct list_head host_node;	/* on its bus (host/device.c) */
};

struct device {
	struct device *parent;
	const char *init_name;
	char *host_name;		/* dev_set_name() */
	const struct bus_type *bus;
	struct device_driver *driver;
	void *driver_data;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	void (*release)(struct device *dev);
	int host_refs;
	bool host_added;
	struct list_head host_node;	/* on its bus (host/device.c) */
};

int bus_register(const struct bus_type *bus);
void bus_unregister(const struct bus_type *bus);
int bus_register_notifier(const struct bus_type *bus, struct notifier_block *nb);
int bus_unregister_notifier(const struct bus_type *bus, struct notifier_block *nb);
int bus_for_each_dev(const struct bus_type *bus, struct device *start,
		     void *data, int (*fn)(struct device *dev, void *data));
struct device *bus_find_next_device(const struct bus_type *bus,
				    struct device *cur);

int driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);

void device_initialize(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);
int device_register(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int dev_set_name(struct device *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *dev_name(const struct device *dev);

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

#define dev_err(dev, fmt, ...)	\
	host_printk(KERN_ERR, "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	\
	host_printk(KERN_WARNING, "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	\
	host_printk(KERN_INFO, "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)	\
	host_printk(KERN_DEBUG, "%s: " fmt, dev_name(dev), ##__VA_ARGS__)

#endif
