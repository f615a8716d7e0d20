/* SPDX-License-Identifier: GPL-2.0-only */
/* Included by the FF-A bus for sysfs_emit(), which kernel.h declares. */
#ifndef HOST_FAKE_LINUX_FS_H
#define HOST_FAKE_LINUX_FS_H

#include <linux/kernel.h>

#endif
