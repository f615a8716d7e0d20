/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_LINUX_MODULE_H
#define SIM_FAKE_LINUX_MODULE_H

struct module;

#define THIS_MODULE	((struct module *)0)
#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME	"ffa_sim"
#endif
#define module_driver(drv, reg, unreg, ...)

#endif
