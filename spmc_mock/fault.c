// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection.  Each kind is a row of a table: whether it acts before
 * the call (replacing or steering it) or after (corrupting a correct
 * answer), when it applies, and what it does.  A fault is used up only
 * when it applied, so "the next retrieve response" means exactly that.
 */
#include <string.h>

#include "spmc_mock/spmc_internal.h"

struct fault_ops {
	bool before;
	bool (*applies)(const struct spmc *s, uint32_t fid,
			const struct smc_regs *out);
	/* True when it answered the call itself. */
	bool (*apply)(struct spmc *s, const struct spmc_fault *f,
		      struct smc_regs *out);
};

static bool always(const struct spmc *s, uint32_t fid,
		   const struct smc_regs *out)
{
	(void)s;
	(void)fid;
	(void)out;
	return true;
}

static bool is_retrieve_req(const struct spmc *s, uint32_t fid,
			    const struct smc_regs *out)
{
	(void)s;
	(void)out;
	return fid == FFA_MEM_RETRIEVE_REQ || fid == FFA_FN64_MEM_RETRIEVE_REQ;
}

static bool is_mem_send(uint32_t fid)
{
	switch (fid & ~SMCCC_SMC64) {
	case FFA_MEM_SHARE:
	case FFA_MEM_LEND:
	case FFA_MEM_DONATE:
	case FFA_MEM_FRAG_TX:
		return true;
	default:
		return false;
	}
}

static bool answers_handle(const struct spmc *s, uint32_t fid,
			   const struct smc_regs *out)
{
	(void)s;
	return out->x[0] == FFA_MEM_FRAG_RX ||
	       (out->x[0] == FFA_SUCCESS && is_mem_send(fid));
}

/* The SUCCESS that ends a share, lend or donation sent in one piece. */
static bool completes_in_one(const struct spmc *s, uint32_t fid,
			     const struct smc_regs *out)
{
	(void)s;
	return out->x[0] == FFA_SUCCESS && is_mem_send(fid) &&
	       (fid & ~SMCCC_SMC64) != FFA_MEM_FRAG_TX;
}

static bool answers_frag_rx(const struct spmc *s, uint32_t fid,
			    const struct smc_regs *out)
{
	(void)s;
	(void)fid;
	return out->x[0] == FFA_MEM_FRAG_RX;
}

static bool answers_frag_len(const struct spmc *s, uint32_t fid,
			     const struct smc_regs *out)
{
	(void)s;
	(void)fid;
	return out->x[0] == FFA_MEM_RETRIEVE_RESP ||
	       out->x[0] == FFA_MEM_FRAG_TX;
}

static bool answers_retrieve(const struct spmc *s, uint32_t fid,
			     const struct smc_regs *out)
{
	(void)s;
	(void)fid;
	return out->x[0] == FFA_MEM_RETRIEVE_RESP;
}

static bool answers_retrieve_1_1(const struct spmc *s, uint32_t fid,
				 const struct smc_regs *out)
{
	return answers_retrieve(s, fid, out) &&
	       spmc_layout_version(s) >= FFA_VERSION_1_1;
}

static bool answers_features(const struct spmc *s, uint32_t fid,
			     const struct smc_regs *out)
{
	(void)s;
	return fid == FFA_FEATURES && out->x[0] == FFA_SUCCESS;
}

static bool set_error(struct spmc *s, const struct spmc_fault *f,
		      struct smc_regs *out)
{
	(void)s;
	ffa_ret_error(out, f->error);
	return true;
}

static bool set_frag_size(struct spmc *s, const struct spmc_fault *f,
			  struct smc_regs *out)
{
	(void)out;
	s->frag_size_override = (uint32_t)f->value;
	return false;
}

static bool set_handle(struct spmc *s, const struct spmc_fault *f,
		       struct smc_regs *out)
{
	unsigned int lo = out->x[0] == FFA_MEM_FRAG_RX ? 1 : 2;

	(void)s;
	out->x[lo] = (uint32_t)f->value;
	out->x[lo + 1] = (uint32_t)(f->value >> 32);
	return false;
}

static bool set_w1(struct spmc *s, const struct spmc_fault *f,
		   struct smc_regs *out)
{
	(void)s;
	out->x[1] = (uint32_t)f->value;
	return false;
}

static bool set_w2(struct spmc *s, const struct spmc_fault *f,
		   struct smc_regs *out)
{
	(void)s;
	out->x[2] = (uint32_t)f->value;
	return false;
}

static bool set_w3(struct spmc *s, const struct spmc_fault *f,
		   struct smc_regs *out)
{
	(void)s;
	out->x[3] = (uint32_t)f->value;
	return false;
}

/*
 * Ask for more of a descriptor that was whole: FFA_MEM_FRAG_RX with the
 * handle in w1/w2 and the offset claimed received in w3.  The transaction
 * itself stays as it is, complete.
 */
static bool ask_frag_rx(struct spmc *s, const struct spmc_fault *f,
			struct smc_regs *out)
{
	uint64_t lo = out->x[2], hi = out->x[3];

	(void)s;
	memset(out->x, 0, 8 * sizeof(out->x[0]));
	out->x[0] = FFA_MEM_FRAG_RX;
	out->x[1] = lo;
	out->x[2] = hi;
	out->x[3] = (uint32_t)f->value;
	return false;
}

static bool set_frag_len(struct spmc *s, const struct spmc_fault *f,
			 struct smc_regs *out)
{
	unsigned int reg = out->x[0] == FFA_MEM_FRAG_TX ? 3 : 2;

	(void)s;
	out->x[reg] = (uint32_t)f->value;
	return false;
}

/*
 * Patch a 32-bit field of the retrieve response: in the SPMC's copy (so a
 * retransmission repeats the lie) and in RX if the first fragment has it.
 */
static void patch_response(struct spmc *s, uint32_t offset, uint32_t value)
{
	uint8_t le[4];

	if (!s->xfer.active || offset + 4 > s->xfer.len)
		return;
	ffa_put32(s->xfer.buf + offset, value);
	if (offset + 4 <= s->xfer.next_offset) {
		ffa_put32(le, value);
		physmem_write(s->pm, s->mbox.rx_pa + offset, le, sizeof(le));
	}
}

static bool set_comp_offset(struct spmc *s, const struct spmc_fault *f,
			    struct smc_regs *out)
{
	uint32_t version = spmc_layout_version(s);
	uint32_t hdr = (uint32_t)ffa_mtd_size_for(version);
	uint32_t size = (uint32_t)ffa_emad_size_for(version);
	uint32_t count, i;

	(void)out;
	if (!s->xfer.active)
		return false;
	count = ffa_get32(s->xfer.buf + FFA_MTD_EMAD_COUNT);
	for (i = 0; i < count; i++)
		patch_response(s, hdr + i * size + FFA_EMAD_COMP_OFFSET,
			       (uint32_t)f->value);
	return false;
}

static bool set_emad_offset(struct spmc *s, const struct spmc_fault *f,
			    struct smc_regs *out)
{
	(void)out;
	patch_response(s, FFA_MTD_EMAD_OFFSET, (uint32_t)f->value);
	return false;
}

static const struct fault_ops fault_table[SPMC_FAULT_NR_KINDS] = {
	[SPMC_FAULT_ERROR] = { true, always, set_error },
	[SPMC_FAULT_FRAG_SIZE] = { true, is_retrieve_req, set_frag_size },
	[SPMC_FAULT_HANDLE] = { false, answers_handle, set_handle },
	[SPMC_FAULT_FRAG_OFFSET] = { false, answers_frag_rx, set_w3 },
	[SPMC_FAULT_FRAG_LEN] = { false, answers_frag_len, set_frag_len },
	[SPMC_FAULT_TOTAL_LEN] = { false, answers_retrieve, set_w1 },
	[SPMC_FAULT_COMP_OFFSET] = { false, answers_retrieve,
				     set_comp_offset },
	[SPMC_FAULT_EMAD_OFFSET] = { false, answers_retrieve_1_1,
				     set_emad_offset },
	[SPMC_FAULT_FRAG_RX] = { false, completes_in_one, ask_frag_rx },
	[SPMC_FAULT_PROPERTIES] = { false, answers_features, set_w2 },
};

int spmc_inject(struct spmc *s, const struct spmc_fault *fault)
{
	int ret = FFA_RET_NO_MEMORY;
	unsigned int i;

	if ((unsigned int)fault->kind >= SPMC_FAULT_NR_KINDS)
		return FFA_RET_INVALID_PARAMETERS;
	spmc_lock(s);
	for (i = 0; i < SPMC_MAX_FAULTS && ret; i++) {
		if (!s->faults[i].in_use) {
			s->faults[i].in_use = true;
			s->faults[i].f = *fault;
			s->faults[i].f.fid &= ~SMCCC_SVE_HINT;
			ret = 0;
		}
	}
	spmc_unlock(s);
	return ret;
}

void spmc_clear_faults(struct spmc *s)
{
	spmc_lock(s);
	memset(s->faults, 0, sizeof(s->faults));
	spmc_unlock(s);
}

unsigned int spmc_faults_applied(const struct spmc *s)
{
	unsigned int n;

	spmc_lock(s);
	n = s->faults_applied;
	spmc_unlock(s);
	return n;
}

static void use_up(struct spmc *s, struct spmc_fault_slot *slot)
{
	s->faults_applied++;
	spmc_log(s, "fault %u applied", (unsigned int)slot->f.kind);
	if (slot->f.count && !--slot->f.count)
		slot->in_use = false;
}

/* Run every matching fault of one phase; true if one answered the call. */
static bool run_phase(struct spmc *s, uint32_t fid, struct smc_regs *out,
		      bool before)
{
	unsigned int i;

	for (i = 0; i < SPMC_MAX_FAULTS; i++) {
		struct spmc_fault_slot *slot = &s->faults[i];
		const struct fault_ops *ops;

		if (!slot->in_use)
			continue;
		ops = &fault_table[slot->f.kind];
		if (ops->before != before ||
		    (slot->f.fid != SPMC_FAULT_ANY_FID && slot->f.fid != fid) ||
		    !ops->applies(s, fid, out))
			continue;
		use_up(s, slot);
		if (ops->apply(s, &slot->f, out))
			return true;
	}
	return false;
}

bool spmc_fault_before(struct spmc *s, uint32_t fid, struct smc_regs *out)
{
	return run_phase(s, fid, out, true);
}

void spmc_fault_after(struct spmc *s, uint32_t fid, struct smc_regs *out)
{
	run_phase(s, fid, out, false);
}
