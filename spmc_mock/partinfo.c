// SPDX-License-Identifier: GPL-2.0-only
/*
 * FFA_PARTITION_INFO_GET: w1..w4 a UUID (nil = all partitions), w5 bit 0
 * count only (1.1+).  Descriptors go to RX in the negotiated size:
 * 8 bytes in 1.0, 24 bytes (with the UUID) from 1.1.
 */
#include <string.h>

#include "spmc_mock/spmc_internal.h"

static void uuid_from_regs(const struct smc_regs *in, uint8_t uuid[16])
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		ffa_put32(uuid + 4 * i, (uint32_t)in->x[1 + i]);
}

static bool uuid_is_nil(const uint8_t uuid[16])
{
	static const uint8_t nil[16];

	return !memcmp(uuid, nil, 16);
}

static bool partition_matches(const struct spmc_partition *p,
			      const uint8_t uuid[16])
{
	return uuid_is_nil(uuid) || !memcmp(p->cfg.uuid, uuid, 16);
}

static void put_descriptor(uint8_t *d, const struct spmc_partition *p,
			   size_t desc_size)
{
	ffa_put16(d + FFA_PARTINFO_ID, p->cfg.id);
	ffa_put16(d + FFA_PARTINFO_EXEC_CTX, p->cfg.exec_ctx_count);
	ffa_put32(d + FFA_PARTINFO_PROPS, p->cfg.properties);
	if (desc_size >= FFA_PARTINFO_DESC_SIZE_1_1)
		memcpy(d + FFA_PARTINFO_UUID, p->cfg.uuid, 16);
}

/* Descriptors of the matching partitions, written to RX. */
static int fill_rx(struct spmc *s, const uint8_t uuid[16], size_t desc_size,
		   unsigned int count)
{
	uint8_t buf[SPMC_MAX_PARTITIONS * FFA_PARTINFO_DESC_SIZE_1_1];
	unsigned int i, n = 0;

	if (!s->mbox.mapped)
		return FFA_RET_DENIED;
	if (s->mbox.consumer_owns_rx)
		return FFA_RET_BUSY;
	if ((uint64_t)count * desc_size > spmc_rx_size(s))
		return FFA_RET_NO_MEMORY;
	memset(buf, 0, sizeof(buf));
	for (i = 0; i < s->cfg.nr_partitions; i++)
		if (partition_matches(&s->parts[i], uuid))
			put_descriptor(buf + desc_size * n++, &s->parts[i],
				       desc_size);
	return spmc_rx_fill(s, buf, desc_size * n);
}

void spmc_do_partition_info_get(struct spmc *s, const struct smc_regs *in,
				struct smc_regs *out)
{
	bool v1_0 = spmc_layout_version(s) == FFA_VERSION_1_0;
	size_t desc_size = v1_0 ? FFA_PARTINFO_DESC_SIZE_1_0 :
				  FFA_PARTINFO_DESC_SIZE_1_1;
	uint32_t flags = (uint32_t)in->x[5];
	unsigned int i, count = 0;
	uint8_t uuid[16];
	int ret;

	/* 1.0 has no flags at all; 1.1 defines bit 0 only. */
	if ((v1_0 && flags) || (flags & ~FFA_PARTINFO_COUNT_ONLY)) {
		ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	uuid_from_regs(in, uuid);
	for (i = 0; i < s->cfg.nr_partitions; i++)
		count += partition_matches(&s->parts[i], uuid);
	/* A UUID nobody has is an error; "all of none" is a count of 0. */
	if (!count && !uuid_is_nil(uuid)) {
		ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (!(flags & FFA_PARTINFO_COUNT_ONLY)) {
		ret = fill_rx(s, uuid, desc_size, count);
		if (ret) {
			ffa_ret_error(out, ret);
			return;
		}
	}
	ffa_ret_success(out, count, v1_0 ? 0 : desc_size);
}
