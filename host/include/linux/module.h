/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Initcalls.  Each compiled file of the driver names itself with
 * -DHOST_UNIT=<file> on the command line, and its initcall and exitcall
 * become the global symbols host_initcall_<file> and host_exitcall_<file>,
 * which host/init.c runs in level order.  A file with two initcalls does
 * not link, which is the right answer for a tree that grew one.
 */
#ifndef HOST_FAKE_LINUX_MODULE_H
#define HOST_FAKE_LINUX_MODULE_H

#include <linux/types.h>

struct module;

#define THIS_MODULE	((struct module *)0)
#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME	"arm_ffa"
#endif

enum host_initcall_level {
	HOST_INITCALL_SUBSYS = 4,
	HOST_INITCALL_ROOTFS = 5,
	HOST_INITCALL_DEVICE = 6,
};

struct host_initcall {
	enum host_initcall_level level;
	int (*fn)(void);
	const char *name;
};

struct host_exitcall {
	void (*fn)(void);
	const char *name;
};

#define __host_cat2(a, b)	a##b
#define __host_cat(a, b)	__host_cat2(a, b)

#ifdef HOST_UNIT
#define __host_initcall(f, lvl)						\
	const struct host_initcall __host_cat(host_initcall_, HOST_UNIT) = \
		{ lvl, f, #f }
#define module_exit(f)							\
	const struct host_exitcall __host_cat(host_exitcall_, HOST_UNIT) = \
		{ f, #f }
#else
#define __host_initcall(f, lvl)	extern int __host_no_unit_for_initcall
#define module_exit(f)		extern int __host_no_unit_for_exitcall
#endif

#define subsys_initcall(f)	__host_initcall(f, HOST_INITCALL_SUBSYS)
#define rootfs_initcall(f)	__host_initcall(f, HOST_INITCALL_ROOTFS)
#define device_initcall(f)	__host_initcall(f, HOST_INITCALL_DEVICE)
#define module_init(f)		device_initcall(f)

#define MODULE_ALIAS(s)		extern int __host_module_info
#define MODULE_AUTHOR(s)	extern int __host_module_info
#define MODULE_DESCRIPTION(s)	extern int __host_module_info
#define MODULE_LICENSE(s)	extern int __host_module_info
#define MODULE_DEVICE_TABLE(t, n)	extern int __host_module_info

/* A client driver that is a module registers itself in its own init. */
#define module_driver(drv, reg, unreg, ...)

#endif
