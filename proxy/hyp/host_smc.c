// SPDX-License-Identifier: GPL-2.0-only
/*
 * EL2 set-up and the host SMC path, modelled on pKVM's handle_host_smc():
 * clear the SMCCC call hints in the function ID, offer the call to the real
 * kvm_host_ffa_handler(), and when it declines forward x0..x17 to EL3 as
 * __kvm_hyp_host_forward_smc() does (the host's x0 unchanged, all of
 * x0..x17 written back).  PSCI is not modelled: PSCI function IDs take the
 * forwarding path.
 *
 * This file is built against the tree's own asm/kvm_pkvm.h and nvhe/ffa.h,
 * so the proxy-page count and the handler's signature are the tree's.
 */
#include <stdio.h>

#include <generated/sim_variant.h>
#include <asm/kvm_pkvm.h>
#include <nvhe/ffa.h>
#include <nvhe/memory.h>
#include <nvhe/trap_handler.h>

#include "internal.h"

struct kvm_host_psci_config kvm_host_psci_config;
unsigned int kvm_host_sve_max_vl;
struct hyp_env hyp_env;

static int place_proxy_pages(char *err, size_t errlen)
{
	struct physmem *pm = hyp_env.pm;
	unsigned long n = hyp_ffa_proxy_pages();
	uint64_t top = pm->dram_base + pm->dram_size;
	uint64_t block = (n + 2) * PAGE_SIZE;

	if (pm->dram_size < 2 * block) {
		snprintf(err, errlen,
			 "DRAM of %#llx bytes cannot hold the %lu hyp FF-A proxy pages",
			 (unsigned long long)pm->dram_size, n);
		return -ENOMEM;
	}
	hyp_env.proxy_pages = n;
	hyp_env.proxy_pa = top - (n + 1) * PAGE_SIZE;
	hyp_pages_set_owner(top - block, n + 2, HYP_OWNER_HYP);
	if (physmem_set_guard(pm, top - block, PAGE_SIZE, true) ||
	    physmem_set_guard(pm, top - PAGE_SIZE, PAGE_SIZE, true)) {
		snprintf(err, errlen, "cannot map the guard pages around the hyp proxy pages");
		return -ENOMEM;
	}
	return 0;
}

int hyp_env_init(struct physmem *pm, const struct smc_conduit *el3,
		 const struct hyp_config *cfg, char *err, size_t errlen)
{
	if (pm->page_size != PAGE_SIZE) {
		snprintf(err, errlen, "physical memory uses %zu-byte pages, the proxy was built for %lu",
			 pm->page_size, PAGE_SIZE);
		return -EINVAL;
	}
	hyp_env.pm = pm;
	hyp_env.el3 = *el3;
	hyp_env.cfg = *cfg;
	if (!hyp_env.cfg.phys_shift)
		hyp_env.cfg.phys_shift = 40;
	kvm_host_psci_config.smccc_version = cfg->smccc_version;
	hyp_locks_reset();

	if (hyp_mem_init() || pagestate_init() || hyp_fault_handler_install()) {
		snprintf(err, errlen, "cannot set up the hyp environment: out of memory");
		hyp_env_exit();
		return -ENOMEM;
	}
	if (place_proxy_pages(err, errlen)) {
		hyp_env_exit();
		return -ENOMEM;
	}
	return 0;
}

void hyp_env_exit(void)
{
	pagestate_exit();
	hyp_mem_exit();
	hyp_events_clear();
}

uint64_t hyp_proxy_pages_pa(void)
{
	return hyp_env.proxy_pa;
}

unsigned long hyp_proxy_nr_pages(void)
{
	return hyp_env.proxy_pages;
}

int hyp_env_ffa_init(void)
{
	struct hyp_catch c = { .armed = true };
	int ret;

	hyp_events_clear();
	hyp_catch = &c;
	if (sigsetjmp(c.env, 1)) {
		hyp_catch = NULL;
		return -EFAULT;
	}
	ret = hyp_ffa_init(hyp_phys_to_virt(hyp_env.proxy_pa));
	hyp_catch = NULL;
	return ret;
}

/*
 * Fill the stack the handler is about to use with a pattern, so that a
 * proxy returning a variable it never initialised hands the host
 * 0xa5a5... every time, instead of whatever the simulator left there.
 *
 * Only the depth the handler's calls have been seen to reach is filled,
 * with a margin: the first call of a thread fills all 16 KiB and then
 * measures how deep the handler (ffa.c, the hyp model and the EL3 it
 * calls) wrote.  After every call the deepest STACK_BAND bytes of what
 * was filled must still hold the pattern; if the handler wrote there it
 * may have gone beyond, so the next call fills all 16 KiB and measures
 * again.  A call that faulted or BUGged was not checked: the same.
 */
#define HYP_STACK_POISON	0xa5
#define HYP_STACK_POISON_SIZE	(16 * 1024)
#define STACK_MARGIN		1024
#define STACK_BAND		256

/* Bytes below the handler's first frame filled before each call. */
static __thread size_t stack_fill = HYP_STACK_POISON_SIZE;

enum stack_op { STACK_FILL, STACK_CHECK };

static const u8 stack_pattern[STACK_BAND] = {
	[0 ... STACK_BAND - 1] = HYP_STACK_POISON,
};

static bool band_intact(const u8 *band)
{
	return !memcmp(band, stack_pattern, STACK_BAND);
}

/*
 * The deepest byte of @pad the last call wrote, as a depth from its top:
 * by bands, then by bytes (a byte loop is a coverage callback a byte in
 * the fuzzer).
 */
static size_t stack_used(const u8 *pad)
{
	size_t i = 0;

	while (i + STACK_BAND <= HYP_STACK_POISON_SIZE && band_intact(pad + i))
		i += STACK_BAND;
	while (i < HYP_STACK_POISON_SIZE && pad[i] == HYP_STACK_POISON)
		i++;
	return HYP_STACK_POISON_SIZE - i;
}

/*
 * One function for both, called twice from the same frame of
 * call_handler(), so that @pad is the same memory each time: the
 * handler's frames lie where it was.
 */
static void __attribute__((noinline)) stack_pad(enum stack_op op)
{
	u8 pad[HYP_STACK_POISON_SIZE];
	size_t used, top = HYP_STACK_POISON_SIZE;

	if (op == STACK_FILL) {
		memset(pad + top - stack_fill, HYP_STACK_POISON, stack_fill);
		/* The stores must happen although pad dies here. */
		__asm__ volatile("" : : "r"(pad) : "memory");
		return;
	}
	/* What the handler left: unknown to the compiler. */
	__asm__ volatile("" : : "r"(pad) : "memory");
	if (stack_fill < HYP_STACK_POISON_SIZE) {
		if (!band_intact(pad + top - stack_fill))
			stack_fill = HYP_STACK_POISON_SIZE;
		return;
	}
	used = stack_used(pad);
	if (used + STACK_MARGIN + STACK_BAND < HYP_STACK_POISON_SIZE)
		stack_fill = (used + STACK_MARGIN + STACK_BAND + 63) & ~(size_t)63;
}

static bool call_handler(struct kvm_cpu_context *ctxt, u32 func_id)
{
	bool handled;

	stack_pad(STACK_FILL);
#if SIM_HANDLER_ARGS == 1
	(void)func_id;
	handled = kvm_host_ffa_handler(ctxt);
#else
	handled = kvm_host_ffa_handler(ctxt, func_id);
#endif
	stack_pad(STACK_CHECK);
	return handled;
}

static void forward_to_el3(struct kvm_cpu_context *ctxt)
{
	struct hyp_event ev = {
		.kind = HYP_EV_SMC_TO_EL3,
		.origin = SMC_FROM_HOST,
	};
	struct hyp_point p = { .kind = HYP_POINT_SMC };
	int i;

	for (i = 0; i < SMC_NR_REGS; i++)
		ev.in.x[i] = cpu_reg(ctxt, i);
	p.fid = ev.in.x[0];
	hyp_point_reached(&p);
	smc_conduit_call(&hyp_env.el3, SMC_FROM_HOST, &ev.in, &ev.out);
	for (i = 0; i < SMC_NR_REGS; i++)
		cpu_reg(ctxt, i) = ev.out.x[i];
	hyp_event_add(&ev);
}

enum hyp_exit hyp_host_smc(uint64_t regs[SMC_NR_REGS], struct hyp_fault *fault)
{
	struct kvm_cpu_context ctxt;
	struct hyp_catch c = { .armed = true };
	u64 func_id = regs[0] & ~(u64)ARM_SMCCC_CALL_HINTS;
	struct hyp_point p = { .kind = HYP_POINT_ENTER, .fid = regs[0] };
	enum hyp_exit ret = HYP_EXIT_HANDLED;
	int i, caught;

	/* Other CPUs may enter, or go on inside EL2, before this one. */
	hyp_point_reached(&p);
	hyp_events_clear();
	memset(&ctxt, 0, sizeof(ctxt));
	for (i = 0; i < SMC_NR_REGS; i++)
		cpu_reg(&ctxt, i) = regs[i];

	if (SIM_HOST_SMC_REJECTS_UPPER_BITS && upper_32_bits(func_id)) {
		regs[0] = (u64)(s64)SMCCC_RET_NOT_SUPPORTED;
		return HYP_EXIT_REJECTED;
	}

	hyp_el3_repeats_reset();
	hyp_catch = &c;
	caught = sigsetjmp(c.env, 1);
	if (caught) {
		hyp_catch = NULL;
		/* Left unchecked: measure the stack again. */
		stack_fill = HYP_STACK_POISON_SIZE;
		*fault = c.fault;
		return caught;
	}
	if (!call_handler(&ctxt, (u32)func_id)) {
		forward_to_el3(&ctxt);
		ret = HYP_EXIT_FORWARDED;
	}
	hyp_catch = NULL;

	for (i = 0; i < SMC_NR_REGS; i++)
		regs[i] = cpu_reg(&ctxt, i);
	return ret;
}

const char *hyp_owner_name(enum hyp_owner owner)
{
	static const char *const names[] = {
		[HYP_OWNER_HOST] = "host", [HYP_OWNER_HYP] = "hyp",
		[HYP_OWNER_GUEST] = "guest", [HYP_OWNER_NONE] = "none",
	};

	return owner < ARRAY_SIZE(names) ? names[owner] : "?";
}

const char *hyp_page_state_name(enum hyp_page_state state)
{
	static const char *const names[] = {
		[HYP_PS_OWNED] = "owned",
		[HYP_PS_SHARED_OWNED] = "shared-owned",
		[HYP_PS_SHARED_BORROWED] = "shared-borrowed",
		[HYP_PS_NOPAGE] = "no-page",
	};

	return state < ARRAY_SIZE(names) ? names[state] : "?";
}

const char *hyp_completer_name(enum hyp_completer completer)
{
	static const char *const names[] = {
		[HYP_COMPLETER_NONE] = "none", [HYP_COMPLETER_HYP] = "hyp",
		[HYP_COMPLETER_FFA] = "ffa",
	};

	return completer < ARRAY_SIZE(names) ? names[completer] : "?";
}

const char *hyp_op_name(enum hyp_op op)
{
	static const char *const names[] = {
		[HYP_OP_SHARE_HYP] = "host_share_hyp",
		[HYP_OP_UNSHARE_HYP] = "host_unshare_hyp",
		[HYP_OP_SHARE_FFA] = "host_share_ffa",
		[HYP_OP_UNSHARE_FFA] = "host_unshare_ffa",
		[HYP_OP_PIN] = "pin_shared_mem",
	};

	return op < ARRAY_SIZE(names) ? names[op] : "?";
}
