// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/exec/world.h"
#include <generated/sim_variant.h>

void world_config_default(struct world_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->dram_base = SIM_SPMC_TFA ? PHYSMEM_DRAM_BASE_TFA : PHYSMEM_DRAM_BASE;
	cfg->dram_size = PHYSMEM_DRAM_SIZE;
	cfg->smccc_version = SMCCC_VERSION_1_2;
	spmc_config_default(&cfg->spmc);
}

int world_create(struct world *w, const struct world_config *cfg, char *err,
		 size_t errlen)
{
	struct hyp_config hyp = { .smccc_version = cfg->smccc_version };
	struct smc_conduit el3;
	char why[256];
	unsigned int i;

	memset(w, 0, sizeof(*w));
	if ((SIM_SPMC_TFA ? physmem_init_at_pa : physmem_init)
		(&w->pm, cfg->dram_base, cfg->dram_size, hyp_page_size())) {
		snprintf(err, errlen, "cannot map %#llx bytes of DRAM at %#llx",
			 (unsigned long long)cfg->dram_size,
			 (unsigned long long)cfg->dram_base);
		return -1;
	}
	for (i = 0; i < cfg->nr_mmio; i++) {
		if (physmem_add_mmio(&w->pm, cfg->mmio[i].base,
				     cfg->mmio[i].size, cfg->mmio[i].name)) {
			snprintf(err, errlen, "MMIO window %s overlaps DRAM or another window",
				 cfg->mmio[i].name);
			goto fail;
		}
	}
	w->spmc = spmc_create(&cfg->spmc, &w->pm, why, sizeof(why));
	if (!w->spmc) {
		snprintf(err, errlen, "%s SPMC: %s", SIM_SPMC_NAME, why);
		goto fail;
	}
	el3 = spmc_conduit(w->spmc);
	if (hyp_env_init(&w->pm, &el3, &hyp, err, errlen))
		goto fail;
	return 0;
fail:
	world_destroy(w);
	return -1;
}

void world_destroy(struct world *w)
{
	hyp_env_exit();
	if (w->spmc)
		spmc_destroy(w->spmc);
	physmem_destroy(&w->pm);
	w->spmc = NULL;
}
