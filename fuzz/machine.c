// SPDX-License-Identifier: GPL-2.0-only
/*
 * Putting the machine back between inputs, in-process.
 *
 * ffa.c keeps its state in file-scope statics, and nothing in it resets
 * them: proxy/hyp/statics.c copies them once before ffa.c first runs and
 * back before every input, after which the real hyp_ffa_init() boots the
 * proxy afresh, exactly as the scenario runner's fresh process would.  Everything else is rebuilt: DRAM
 * dropped, the SPMC recreated, the EL2 model (page states, injections,
 * events, guard pages) set up again.
 *
 * The SPMC's configuration comes from the scenario loader itself, fed the
 * set-up text the emitter writes: what the fuzzer runs on and what an
 * emitted scenario describes cannot drift apart.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fuzz/emit.h"
#include "fuzz/machine.h"
#include "proxy/hyp/hyp.h"
#include "sim/lang/names.h"
#include "sim/lang/scenario.h"
#if SIM_SPMC_TFA
#include "sim/exec/el3_tfa.h"
#endif

struct fz_machine fz_m;

/* ffa.c's statics as they were before it first ran (proxy/hyp/statics.c). */
void fz_machine_restore_statics(void)
{
	hyp_statics_restore();
}

/*
 * EL2's fault handler longjmps out of ffa.c when a fault is its; any other
 * fault is a crash of the harness or the models and belongs to whoever
 * handled faults before EL2 (ASan, libFuzzer), so that it is reported and
 * saved as one.
 */
static struct sigaction outer[2], el2[2];
static bool have_outer;

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
	int i = sig == SIGBUS;

	el2[i].sa_sigaction(sig, info, uctx);
	sigaction(sig, &outer[i], NULL);
}

static void wrap_fault_handlers(void)
{
	static const int sigs[2] = { SIGSEGV, SIGBUS };
	struct sigaction sa = {
		.sa_sigaction = on_fault,
		.sa_flags = SA_SIGINFO | SA_NODEFER,
	};
	int i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 2; i++) {
		sigaction(sigs[i], NULL, &el2[i]);
		sigaction(sigs[i], &sa, NULL);
	}
}

static void save_outer_handlers(void)
{
	if (have_outer)
		return;
	sigaction(SIGSEGV, NULL, &outer[0]);
	sigaction(SIGBUS, NULL, &outer[1]);
	have_outer = true;
}

/* One loaded configuration per distinct set-up, made on first use. */
#define SETUP_KEYS	(3 * 64 * 3 * 2 * 3)

static struct spmc_config *configs[SETUP_KEYS];

static unsigned int setup_key(const struct fz_setup *s)
{
	return (((s->version * 64u + s->retrieve_frag) * 3 + s->policy) * 2 +
		s->version_first) * 3 + s->rxtx_min;
}

static bool region_at(const struct scen_setup *st, const char *name,
		      uint64_t pa, uint64_t pages)
{
	const struct scen_region *r = names_region(st, name);

	return r && r->pa == pa && r->pages == pages;
}

static bool layout_matches(const struct scen_setup *st)
{
	return st->dram_base == FZ_DRAM_BASE &&
	       st->dram_size == FZ_DRAM_PAGES * fz_m.page_size &&
	       st->nr_regions == 4 &&
	       region_at(st, "p", FZ_DRAM_BASE, FZ_P_PAGES) &&
	       region_at(st, "hp", fz_region_pa(FR_HP), 1) &&
	       region_at(st, "gp", fz_region_pa(FR_GP), 1) &&
	       region_at(st, "mmio", FZ_MMIO_BASE, 1);
}

static const struct spmc_config *setup_config(const struct fz_setup *s)
{
	unsigned int key = setup_key(s);
	GPtrArray *out;
	struct scenario *sc;
	struct diag d;
	GString *text;

	if (configs[key])
		return configs[key];
	text = g_string_new("name: fuzz-setup\ndescription: x\n");
	fz_emit_setup(text, s);
	g_string_append(text, "steps:\n  - call: FFA_ID_GET\n");
	out = g_ptr_array_new();
	diag_init(&d);
	if (!scenario_load_string("fuzz-setup", text->str, fz_m.page_size,
				  out, &d) || out->len != 1) {
		fprintf(stderr, "ffa-fuzz: the loader refuses the fuzzer's set-up:\n%s",
			text->str);
		diag_print(&d, stderr);
		abort();
	}
	sc = out->pdata[0];
	if (!layout_matches(&sc->setup)) {
		fprintf(stderr, "ffa-fuzz: the loader lays out the fuzzer's set-up differently\n");
		abort();
	}
	configs[key] = g_memdup2(&sc->setup.spmc, sizeof(sc->setup.spmc));
	scenario_free(sc);
	g_ptr_array_free(out, TRUE);
	diag_free(&d);
	g_string_free(text, TRUE);
	return configs[key];
}

const struct spmc_config *fz_machine_config(const struct fz_setup *s)
{
	return setup_config(s);
}

int fz_machine_init(char *err, size_t errlen)
{
	fz_m.page_size = hyp_page_size();
	fz_m.dram_size = FZ_DRAM_PAGES * fz_m.page_size;
	if ((SIM_SPMC_TFA ? physmem_init_at_pa : physmem_init)
		(&fz_m.pm, FZ_DRAM_BASE, fz_m.dram_size,
			 fz_m.page_size)) {
		snprintf(err, errlen, "cannot map %#llx bytes of DRAM",
			 (unsigned long long)fz_m.dram_size);
		return -1;
	}
	hyp_set_el3_repeat_limit(FZ_EL3_REPEAT_LIMIT);
	if (!hyp_statics_save()) {
		snprintf(err, errlen, "ffa.o's statics are not bracketed (ffa_data, ffa_bss): build with fuzz/fuzz.mk");
		return -1;
	}
	return 0;
}

/* EL2 on the machine's memory and SPMC, and ffa.c booted afresh. */
static int boot(const struct hyp_config *hyp)
{
	struct smc_conduit el3;
	char err[256];

	el3 = spmc_conduit(fz_m.spmc);
	save_outer_handlers();
	if (hyp_env_init(&fz_m.pm, &el3, hyp, err, sizeof(err))) {
		fprintf(stderr, "ffa-fuzz: %s\n", err);
		abort();
	}
	wrap_fault_handlers();
	hyp_pages_set_owner(fz_region_pa(FR_HP), 1, HYP_OWNER_HYP);
	hyp_pages_set_owner(fz_region_pa(FR_GP), 1, HYP_OWNER_GUEST);
	fz_machine_restore_statics();
	fz_m.init_ret = hyp_env_ffa_init();
	return 0;
}

int fz_machine_reset(const struct fz_setup *s)
{
	struct hyp_config hyp = { .smccc_version = SMCCC_VERSION_1_2 };
	const struct spmc_config *cfg = setup_config(s);
	char err[256];

	hyp_env_exit();
#if SIM_SPMC_TFA
	if (fz_m.spmc)
		spmc_destroy(fz_m.spmc);
	fz_m.spmc = NULL;
#endif
	physmem_reset(&fz_m.pm);
	if (physmem_add_mmio(&fz_m.pm, FZ_MMIO_BASE, fz_m.page_size, "mmio"))
		return -1;
#if SIM_SPMC_TFA
	/* Memory is what the fuzzer shares: TF-A's S-EL1 slot receives it. */
	el3_tfa_partition_receives_memory(true);
#endif
	/*
	 * The mock SPMC is put back in its own memory: a fresh 42 KB
	 * allocation per input (ASan's quarantine never hands the last one
	 * back) is page-faulted in on every input.
	 */
#if !SIM_SPMC_TFA
	if (fz_m.spmc)
		return spmc_recreate(fz_m.spmc, cfg, &fz_m.pm, err, sizeof(err)) ?
		       -1 : boot(&hyp);
#endif
	fz_m.spmc = spmc_create(cfg, &fz_m.pm, err, sizeof(err));
	if (!fz_m.spmc)
		return -1;
	return boot(&hyp);
}

uint64_t fz_region_pa(unsigned int region)
{
	uint64_t ps = fz_m.page_size;

	if (region < FZ_P_PAGES)
		return FZ_DRAM_BASE + region * ps;
	switch (region) {
	case FR_HP:
		return FZ_DRAM_BASE + FZ_P_PAGES * ps;
	case FR_GP:
		return FZ_DRAM_BASE + (FZ_P_PAGES + 1) * ps;
	case FR_MMIO:
		return FZ_MMIO_BASE;
	case FR_HOLE:
		return FZ_HOLE;
	case FR_PROXY:
		return hyp_proxy_pages_pa();
	case FR_GUARD:
		return hyp_proxy_pages_pa() + hyp_proxy_nr_pages() * ps;
	case FR_FREE:
		return FZ_DRAM_BASE + (FZ_DRAM_PAGES / 2 + 4) * ps;
	default:
		return 1ULL << 40;
	}
}

uint64_t fz_page_pa(uint64_t v)
{
	uint64_t base = fz_region_pa(v & 0xff);

	switch ((v >> 8) & 0xff) {
	case 1:
		return base + 4096;
	case 2:
		return base + 1;
	case 3:
		return base + fz_m.page_size / 2;
	case 4:
		return base - 4096;
	default:
		return base;
	}
}
