/* SPDX-License-Identifier: GPL-2.0-only */
/* The simulated machine boots with a device tree, not ACPI. */
#ifndef HOST_FAKE_LINUX_ACPI_H
#define HOST_FAKE_LINUX_ACPI_H

#define acpi_disabled	1

#endif
