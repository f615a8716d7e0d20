/* SPDX-License-Identifier: GPL-2.0-only */
/* The proxy's uuid_t, plus what the driver does with UUIDs (host/lib.c). */
#ifndef HOST_FAKE_LINUX_UUID_H
#define HOST_FAKE_LINUX_UUID_H

#include_next <linux/uuid.h>

extern const uuid_t uuid_null;

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", bytes in the order written. */
int uuid_parse(const char *str, uuid_t *u);

static inline void import_uuid(uuid_t *dst, const u8 *src)
{
	memcpy(dst, src, sizeof(*dst));
}

static inline void export_uuid(u8 *dst, const uuid_t *src)
{
	memcpy(dst, src, sizeof(*src));
}

#endif
