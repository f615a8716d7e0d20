/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_LINUX_UUID_H
#define SIM_FAKE_LINUX_UUID_H

#include <linux/types.h>

#define UUID_SIZE 16

typedef struct {
	u8 b[UUID_SIZE];
} uuid_t;

static inline bool uuid_equal(const uuid_t *u1, const uuid_t *u2)
{
	return memcmp(u1, u2, sizeof(uuid_t)) == 0;
}

static inline void uuid_copy(uuid_t *dst, const uuid_t *src)
{
	memcpy(dst, src, sizeof(uuid_t));
}

static inline bool uuid_is_null(const uuid_t *uuid)
{
	static const uuid_t null_uuid;

	return uuid_equal(uuid, &null_uuid);
}

#endif
