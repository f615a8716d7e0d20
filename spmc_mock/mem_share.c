// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sending memory: FFA_MEM_SHARE/LEND/DONATE, their continuation with
 * FFA_MEM_FRAG_TX, handles, and FFA_MEM_RECLAIM.
 */
#include <stdlib.h>
#include <string.h>

#include "spmc_mock/spmc_internal.h"

struct spmc_txn *spmc_txn_lookup(struct spmc *s, uint64_t handle)
{
	unsigned int i;

	for (i = 0; i < SPMC_MAX_TXNS; i++)
		if (s->txns[i].in_use && s->txns[i].handle == handle)
			return &s->txns[i];
	return NULL;
}

void spmc_txn_free(struct spmc *s, struct spmc_txn *t)
{
	if (s->xfer.active && s->xfer.handle == t->handle)
		spmc_xfer_reset(s);
	free(t->desc);
	free(t->ranges);
	spmc_held_changed(s, t->handle);
	memset(t, 0, sizeof(*t));
}

static struct spmc_txn *txn_alloc(struct spmc *s)
{
	unsigned int i;

	for (i = 0; i < SPMC_MAX_TXNS; i++)
		if (!s->txns[i].in_use)
			return &s->txns[i];
	return NULL;
}

/*
 * Bit 63 clear: allocated by the SPMC.  Both halves are non-zero and
 * differ between handles so that a proxy dropping or swapping one of w2/w3
 * is caught.
 */
static uint64_t handle_alloc(struct spmc *s)
{
	uint64_t seq = ++s->next_handle_seq;

	return ((seq & 0x7fffffffU) << 32) | (0x5a000000U + (uint32_t)seq);
}

int spmc_zero_ranges(struct spmc *s, const struct spmc_txn *t)
{
	static const uint8_t zero[FFA_PAGE_SIZE];
	unsigned int i;
	uint64_t p;

	for (i = 0; i < t->nr_ranges; i++)
		for (p = 0; p < t->ranges[i].pages; p++)
			if (physmem_write(s->pm, t->ranges[i].pa +
					  p * FFA_PAGE_SIZE, zero,
					  sizeof(zero)))
				return FFA_RET_ABORTED;
	return 0;
}

static void ret_frag_rx(struct smc_regs *out, uint64_t handle,
			uint32_t received)
{
	memset(out, 0, sizeof(*out));
	out->x[0] = FFA_MEM_FRAG_RX;
	out->x[1] = (uint32_t)handle;
	out->x[2] = (uint32_t)(handle >> 32);
	out->x[3] = received;
	/* w4[31:16] is the sender, which is endpoint 0 here. */
}

static void fail_txn(struct spmc *s, struct spmc_txn *t, int err,
		     struct smc_regs *out)
{
	if (t->handle)
		spmc_log(s, "handle 0x%llx aborted: %s",
			 (unsigned long long)t->handle, ffa_error_name(err));
	spmc_txn_free(s, t);
	ffa_ret_error(out, err);
}

/* Everything has arrived: the checks that need the whole descriptor. */
static void txn_progress(struct spmc *s, struct spmc_txn *t,
			 struct smc_regs *out)
{
	int ret;

	mem_desc_collect_ranges(t);
	spmc_held_changed(s, t->handle);
	if (t->received_len < t->total_len) {
		ret_frag_rx(out, t->handle, t->received_len);
		return;
	}
	ret = mem_desc_validate(s, t);
	if (ret) {
		fail_txn(s, t, ret, out);
		return;
	}
	t->complete = true;
	spmc_log(s, "handle 0x%llx complete: %u ranges, %llu pages",
		 (unsigned long long)t->handle, t->nr_ranges,
		 (unsigned long long)t->total_pages);
	ffa_ret_success(out, (uint32_t)t->handle, (uint32_t)(t->handle >> 32));
}

/* Append a fragment from TX; an FF-A error or 0. */
static int read_fragment(struct spmc *s, struct spmc_txn *t, uint32_t len)
{
	if (!len || len > t->total_len - t->received_len ||
	    len > spmc_rx_size(s))
		return FFA_RET_INVALID_PARAMETERS;
	if (physmem_read(s->pm, s->mbox.tx_pa, t->desc + t->received_len, len))
		return FFA_RET_ABORTED;
	spmc_desc_seen(s, true, t->desc + t->received_len, len);
	t->received_len += len;
	return 0;
}

static enum spmc_mem_op op_of(uint32_t fid)
{
	switch (fid & SMCCC_FUNC_MASK) {
	case FFA_MEM_DONATE & SMCCC_FUNC_MASK:
		return SPMC_MEM_DONATE;
	case FFA_MEM_LEND & SMCCC_FUNC_MASK:
		return SPMC_MEM_LEND;
	default:
		return SPMC_MEM_SHARE;
	}
}

static int send_check_regs(struct spmc *s, const struct smc_regs *in,
			   uint32_t total, uint32_t frag)
{
	bool is64 = ffa_fid_is_smc64((uint32_t)in->x[0]);
	uint64_t addr = is64 ? in->x[3] : (uint32_t)in->x[3];

	/* x3/w4 name a buffer other than TX; only TX is supported. */
	if (addr || (uint32_t)in->x[4])
		return FFA_RET_INVALID_PARAMETERS;
	if (!s->mbox.mapped)
		return FFA_RET_INVALID_PARAMETERS;
	if (!frag || frag > total || frag > spmc_rx_size(s))
		return FFA_RET_INVALID_PARAMETERS;
	if (total > SPMC_MAX_DESC_LEN)
		return FFA_RET_NO_MEMORY;
	return 0;
}

static int send_start(struct spmc *s, struct spmc_txn *t, uint32_t fid,
		      uint32_t total, uint32_t frag)
{
	int ret;

	t->in_use = true;
	if (t - s->txns >= s->txns_end)
		s->txns_end = t - s->txns + 1;
	t->op = op_of(fid);
	t->version = spmc_layout_version(s);
	t->total_len = total;
	t->desc = calloc(1, total);
	if (!t->desc)
		return FFA_RET_NO_MEMORY;
	ret = read_fragment(s, t, frag);
	if (ret)
		return ret;
	ret = mem_desc_parse_header(t, frag);
	if (ret)
		return ret;
	return mem_desc_validate_header(s, t);
}

/* w1 total length, w2 fragment length, x3/w4 MBZ (descriptor in TX). */
void spmc_do_mem_send(struct spmc *s, const struct smc_regs *in,
		      struct smc_regs *out)
{
	uint32_t fid = (uint32_t)in->x[0] & ~SMCCC_SVE_HINT;
	uint32_t total = (uint32_t)in->x[1];
	uint32_t frag = (uint32_t)in->x[2];
	struct spmc_txn *t;
	int ret;

	ret = send_check_regs(s, in, total, frag);
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	t = txn_alloc(s);
	if (!t) {
		ffa_ret_error(out, FFA_RET_NO_MEMORY);
		return;
	}
	ret = send_start(s, t, fid, total, frag);
	if (ret) {
		fail_txn(s, t, ret, out);
		return;
	}
	t->handle = handle_alloc(s);
	spmc_log(s, "%s: handle 0x%llx, %u of %u bytes", ffa_func_name(fid),
		 (unsigned long long)t->handle, frag, total);
	txn_progress(s, t, out);
}

/* w1/w2 handle, w3 fragment length, w4[31:16] sender (0 here). */
void spmc_do_mem_frag_tx(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out)
{
	uint64_t handle = regs_handle(in, 1);
	uint32_t len = (uint32_t)in->x[3];
	struct spmc_txn *t = spmc_txn_lookup(s, handle);
	int ret;

	if (!t || t->complete || t->donated || (uint32_t)in->x[4] ||
	    !s->mbox.mapped) {
		ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	/* A bad fragment ends the transaction: the sender must start over. */
	ret = read_fragment(s, t, len);
	if (ret) {
		fail_txn(s, t, ret, out);
		return;
	}
	txn_progress(s, t, out);
}

static bool txn_retrieved(const struct spmc_txn *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_receivers; i++)
		if (t->receivers[i].retrieved)
			return true;
	return false;
}

/*
 * w1/w2 handle, w3 flags.  Like the reference SPMCs, a transaction still
 * being fragmented cannot be reclaimed.
 */
void spmc_do_mem_reclaim(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out)
{
	uint64_t handle = regs_handle(in, 1);
	uint32_t flags = (uint32_t)in->x[3];
	struct spmc_txn *t = spmc_txn_lookup(s, handle);

	if (flags & ~(FFA_RECLAIM_ZERO_MEMORY | FFA_RECLAIM_TIME_SLICE) ||
	    !t || t->donated || !t->complete) {
		ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (txn_retrieved(t)) {
		ffa_ret_error(out, FFA_RET_DENIED);
		return;
	}
	if (flags & FFA_RECLAIM_ZERO_MEMORY) {
		if (t->op == SPMC_MEM_SHARE) {
			ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
			return;
		}
		if (spmc_zero_ranges(s, t)) {
			ffa_ret_error(out, FFA_RET_ABORTED);
			return;
		}
	}
	spmc_log(s, "handle 0x%llx reclaimed", (unsigned long long)handle);
	spmc_txn_free(s, t);
	ffa_ret_success(out, 0, 0);
}
