// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration of an SPMC, apart from the SPMC: the loader, the
 * runner and every variant's EL3 (the mock, or TF-A's behind
 * sim/exec/el3_tfa.c) share these.
 */
#include <string.h>

#include "spmc_mock/spmc.h"

void spmc_config_default(struct spmc_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->version = FFA_VERSION_1_2;
	cfg->spmc_id = SPMC_DEFAULT_ID;
	cfg->rxtx_min_code = FFA_RXTX_MIN_4K;
}

int spmc_config_find(const struct spmc_config *cfg, unsigned int n,
		     uint64_t id)
{
	unsigned int i;

	for (i = 0; i < n && i < cfg->nr_partitions; i++)
		if (cfg->partitions[i].id == id)
			return (int)i;
	return -1;
}

bool spmc_partition_id_valid(uint64_t id)
{
	return id <= 0xffff && (id & FFA_ID_SECURE);
}
