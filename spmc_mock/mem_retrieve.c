// SPDX-License-Identifier: GPL-2.0-only
/*
 * Getting memory back out of the SPMC's books:
 * - the hypervisor's retrieve (FFA_MEM_RETRIEVE_REQ with no receivers, as
 *   pKVM issues before a reclaim) and its continuation with FFA_MEM_FRAG_RX;
 * - a partition's retrieve/relinquish and its accesses to the memory,
 *   which the scenario layer drives directly.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spmc_mock/spmc_internal.h"

void spmc_xfer_reset(struct spmc *s)
{
	free(s->xfer.buf);
	memset(&s->xfer, 0, sizeof(s->xfer));
}

static uint32_t retrieve_frag_size(const struct spmc *s)
{
	uint64_t rx = spmc_rx_size(s);
	uint64_t size = s->frag_size_override ? s->frag_size_override :
			s->cfg.retrieve_frag_size ? s->cfg.retrieve_frag_size :
			rx;

	return (uint32_t)(size < rx ? size : rx);
}

static int retrieve_check_regs(struct spmc *s, const struct smc_regs *in)
{
	bool is64 = ffa_fid_is_smc64((uint32_t)in->x[0]);
	uint64_t addr = is64 ? in->x[3] : (uint32_t)in->x[3];
	uint32_t total = (uint32_t)in->x[1];
	uint32_t frag = (uint32_t)in->x[2];

	if (addr || (uint32_t)in->x[4] || !s->mbox.mapped)
		return FFA_RET_INVALID_PARAMETERS;
	if (s->mbox.consumer_owns_rx)
		return FFA_RET_DENIED;
	if (frag != total || total < ffa_mtd_size_for(spmc_layout_version(s)) ||
	    total > spmc_rx_size(s))
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

/*
 * The request names the transaction by handle; a hypervisor asks with no
 * endpoint descriptors (it is not a borrower).  An NS bit is MBZ in a
 * request, and a stated transaction type must be the real one.
 */
static int retrieve_parse(struct spmc *s, const uint8_t *req,
			  struct spmc_txn **txn)
{
	bool v1_0 = spmc_layout_version(s) == FFA_VERSION_1_0;
	uint16_t attrs = v1_0 ? req[FFA_MTD_ATTRS] :
				ffa_get16(req + FFA_MTD_ATTRS);
	uint32_t type = (ffa_get32(req + FFA_MTD_FLAGS) &
			 FFA_MTD_FLAG_TYPE_MASK) >> FFA_MTD_FLAG_TYPE_SHIFT;
	struct spmc_txn *t;

	if (ffa_get32(req + FFA_MTD_EMAD_COUNT) || (attrs & FFA_ATTR_NS))
		return FFA_RET_INVALID_PARAMETERS;
	t = spmc_txn_lookup(s, ffa_get64(req + FFA_MTD_HANDLE));
	if (!t || !t->complete || t->donated)
		return FFA_RET_INVALID_PARAMETERS;
	if (type && type != t->op)
		return FFA_RET_INVALID_PARAMETERS;
	*txn = t;
	return 0;
}

static int retrieve_start(struct spmc *s, struct spmc_txn *t,
			  uint32_t *total, uint32_t *first)
{
	uint8_t *buf;
	uint32_t len;
	int ret;

	ret = mem_desc_build(t, spmc_layout_version(s), &buf, &len);
	if (ret)
		return ret;
	spmc_xfer_reset(s);
	s->xfer.frag_size = retrieve_frag_size(s);
	*first = len < s->xfer.frag_size ? len : s->xfer.frag_size;
	ret = spmc_rx_fill(s, buf, *first);
	if (ret) {
		free(buf);
		return ret;
	}
	spmc_desc_seen(s, false, buf, *first);
	s->xfer.active = true;
	s->xfer.handle = t->handle;
	s->xfer.buf = buf;
	s->xfer.len = len;
	s->xfer.next_offset = *first;
	*total = len;
	return 0;
}

/* w1 total length, w2 fragment length, x3/w4 MBZ; request in TX. */
void spmc_do_mem_retrieve_req(struct spmc *s, const struct smc_regs *in,
			      struct smc_regs *out)
{
	uint32_t total = (uint32_t)in->x[1];
	struct spmc_txn *t = NULL;
	uint32_t resp_len, first;
	uint8_t *req;
	int ret;

	ret = retrieve_check_regs(s, in);
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	req = malloc(total);
	if (!req) {
		ffa_ret_error(out, FFA_RET_NO_MEMORY);
		return;
	}
	ret = physmem_read(s->pm, s->mbox.tx_pa, req, total) ?
		      FFA_RET_ABORTED : 0;
	if (!ret) {
		spmc_desc_seen(s, true, req, total);
		ret = retrieve_parse(s, req, &t);
	}
	free(req);
	if (!ret)
		ret = retrieve_start(s, t, &resp_len, &first);
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	spmc_log(s, "hypervisor retrieve of handle 0x%llx: %u of %u bytes",
		 (unsigned long long)t->handle, first, resp_len);
	memset(out, 0, sizeof(*out));
	out->x[0] = FFA_MEM_RETRIEVE_RESP;
	out->x[1] = resp_len;
	out->x[2] = first;
}

/*
 * w1/w2 handle, w3 offset of the wanted fragment, w4 MBZ.  The caller
 * may ask for the next fragment or again for the last one it got.
 */
void spmc_do_mem_frag_rx(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out)
{
	uint64_t handle = regs_handle(in, 1);
	uint32_t offset = (uint32_t)in->x[3];
	struct spmc_retrieve_xfer *x = &s->xfer;
	uint32_t len;
	int ret;

	if (!x->active || x->handle != handle || (uint32_t)in->x[4] ||
	    offset >= x->len ||
	    (offset != x->next_offset && offset != x->last_offset)) {
		ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (s->mbox.consumer_owns_rx) {
		ffa_ret_error(out, FFA_RET_DENIED);
		return;
	}
	len = x->len - offset < x->frag_size ? x->len - offset : x->frag_size;
	ret = spmc_rx_fill(s, x->buf + offset, len);
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	spmc_desc_seen(s, false, x->buf + offset, len);
	x->last_offset = offset;
	x->next_offset = offset + len;
	memset(out, 0, sizeof(*out));
	out->x[0] = FFA_MEM_FRAG_TX;
	out->x[1] = (uint32_t)handle;
	out->x[2] = (uint32_t)(handle >> 32);
	out->x[3] = len;
}

/* ---- partition side ---- */

/* A partition action refused: keep the reason for the scenario's message. */
static int __attribute__((format(printf, 3, 4)))
refuse(struct spmc *s, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->refusal, sizeof(s->refusal), fmt, ap);
	va_end(ap);
	return err;
}

void spmc_partition_refusal(const struct spmc *s, char *buf, size_t size)
{
	spmc_lock(s);
	snprintf(buf, size, "%s", s->refusal);
	spmc_unlock(s);
}

static struct spmc_txn_receiver *find_receiver(struct spmc_txn *t,
					       uint16_t id)
{
	unsigned int i;

	for (i = 0; i < t->nr_receivers; i++)
		if (t->receivers[i].id == id)
			return &t->receivers[i];
	return NULL;
}

static bool anyone_retrieved(const struct spmc_txn *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_receivers; i++)
		if (t->receivers[i].retrieved)
			return true;
	return false;
}

static const char *const data_words[] = {
	"unspecified", "read-only", "read-write", "reserved"
};

/* Data access: not more than granted; a donee takes what it wants. */
static int resolve_data(struct spmc *s, const struct spmc_txn *t,
			const struct spmc_txn_receiver *r, unsigned int *data)
{
	unsigned int granted = FFA_PERM_DATA(r->perms);

	if (*data == FFA_DATA_RESERVED)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "the data access asked for is the reserved value 3");
	if (t->op == SPMC_MEM_DONATE) {
		if (*data == FFA_DATA_NOT_SPECIFIED)
			*data = FFA_DATA_RW;
		return 0;
	}
	if (*data == FFA_DATA_NOT_SPECIFIED)
		*data = granted;
	if (*data > granted)
		return refuse(s, FFA_RET_DENIED,
			      "%s access asked for, more than the %s the sender granted",
			      data_words[*data], data_words[granted]);
	return 0;
}

/*
 * Instruction access: shared memory is never executable, nor is memory
 * lent to several borrowers; a sole borrower or a donee may ask for X.
 */
static int resolve_instr(struct spmc *s, const struct spmc_txn *t,
			 unsigned int *instr)
{
	bool x_allowed = t->op == SPMC_MEM_DONATE ||
			 (t->op == SPMC_MEM_LEND && t->nr_receivers == 1);

	if (*instr == FFA_INSTR_RESERVED)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "the instruction access asked for is the reserved value 3");
	if (*instr == FFA_INSTR_NOT_SPECIFIED)
		*instr = FFA_INSTR_NX;
	if (*instr == FFA_INSTR_X && !x_allowed)
		return refuse(s, FFA_RET_DENIED,
			      "executable access asked for memory that is shared or lent to several borrowers");
	return 0;
}

static int retrieve_lookup(struct spmc *s, uint16_t part_id, uint64_t handle,
			   struct spmc_txn **txn,
			   struct spmc_txn_receiver **rcv)
{
	struct spmc_txn *t = spmc_txn_lookup(s, handle);

	if (!spmc_find_partition(s, part_id))
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "there is no partition 0x%04x", part_id);
	if (!t)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "no transaction has handle 0x%llx",
			      (unsigned long long)handle);
	if (!t->complete)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "handle 0x%llx: the descriptor's fragments have not all arrived",
			      (unsigned long long)handle);
	if (t->donated)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "handle 0x%llx: the memory was donated and already retrieved",
			      (unsigned long long)handle);
	*rcv = find_receiver(t, part_id);
	if (!*rcv)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "partition 0x%04x is not a receiver of handle 0x%llx",
			      part_id, (unsigned long long)handle);
	*txn = t;
	return 0;
}

/* What a partition asks of a handle it receives. */
struct partition_op {
	uint16_t part_id;
	uint64_t handle;
	unsigned int data, instr, type;	/* retrieve's access and type */
	bool relinquish;
};

static int partition_retrieve(struct spmc *s, const struct partition_op *op,
			      struct spmc_txn *t, struct spmc_txn_receiver *r)
{
	unsigned int data = op->data, instr = op->instr;
	int ret;

	if (r->retrieved)
		return refuse(s, FFA_RET_DENIED,
			      "partition 0x%04x has already retrieved handle 0x%llx",
			      op->part_id, (unsigned long long)op->handle);
	if (op->type && op->type != t->op)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "the transaction type asked for is not the sender's");
	if (data > 3 || instr > 3)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "an access field is wider than its 2 bits");
	ret = resolve_data(s, t, r, &data);
	if (!ret)
		ret = resolve_instr(s, t, &instr);
	if (ret)
		return ret;
	/* Zero before the first borrower can see the memory. */
	if ((t->flags & FFA_MTD_FLAG_ZERO_MEMORY) && !anyone_retrieved(t) &&
	    spmc_zero_ranges(s, t))
		return refuse(s, FFA_RET_ABORTED,
			      "zeroing the memory before the first retrieve failed: a range is not DRAM");
	r->retrieved = true;
	r->retrieved_perms = FFA_PERMS(data, instr);
	if (t->op == SPMC_MEM_DONATE)
		t->donated = true;
	spmc_log(s, "partition 0x%04x retrieved handle 0x%llx", op->part_id,
		 (unsigned long long)op->handle);
	return 0;
}

static int partition_relinquish(struct spmc *s, const struct partition_op *op,
				struct spmc_txn_receiver *r)
{
	if (!r->retrieved)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "partition 0x%04x has not retrieved handle 0x%llx",
			      op->part_id, (unsigned long long)op->handle);
	r->retrieved = false;
	spmc_log(s, "partition 0x%04x relinquished handle 0x%llx",
		 op->part_id, (unsigned long long)op->handle);
	return 0;
}

/* Under the lock, on the partition's own receiver entry of the handle. */
static int partition_op(struct spmc *s, const struct partition_op *op)
{
	struct spmc_txn_receiver *r = NULL;
	struct spmc_txn *t = NULL;
	int ret;

	spmc_lock(s);
	s->refusal[0] = 0;
	ret = retrieve_lookup(s, op->part_id, op->handle, &t, &r);
	if (!ret)
		ret = op->relinquish ? partition_relinquish(s, op, r) :
				       partition_retrieve(s, op, t, r);
	spmc_unlock(s);
	return ret;
}

int spmc_partition_retrieve(struct spmc *s, uint16_t part_id,
			    uint64_t handle, unsigned int data,
			    unsigned int instr, unsigned int type)
{
	struct partition_op op = {
		.part_id = part_id, .handle = handle,
		.data = data, .instr = instr, .type = type,
	};

	return partition_op(s, &op);
}

int spmc_partition_relinquish(struct spmc *s, uint16_t part_id,
			      uint64_t handle)
{
	struct partition_op op = {
		.part_id = part_id, .handle = handle, .relinquish = true,
	};

	return partition_op(s, &op);
}

/* Donated memory stays readable by its new owner after the handle dies. */
static int access_check(struct spmc *s, uint16_t part_id, uint64_t handle,
			uint64_t offset, size_t len, bool write,
			struct spmc_txn **txn)
{
	struct spmc_txn *t = spmc_txn_lookup(s, handle);
	struct spmc_txn_receiver *r;
	uint64_t size;

	if (!t || !t->complete)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "no complete transaction has handle 0x%llx",
			      (unsigned long long)handle);
	r = find_receiver(t, part_id);
	if (!r)
		return refuse(s, FFA_RET_DENIED,
			      "partition 0x%04x is not a receiver of handle 0x%llx",
			      part_id, (unsigned long long)handle);
	if (!r->retrieved)
		return refuse(s, FFA_RET_DENIED,
			      "partition 0x%04x has not retrieved handle 0x%llx (or has relinquished it)",
			      part_id, (unsigned long long)handle);
	if (write && FFA_PERM_DATA(r->retrieved_perms) != FFA_DATA_RW)
		return refuse(s, FFA_RET_DENIED,
			      "partition 0x%04x retrieved handle 0x%llx read-only",
			      part_id, (unsigned long long)handle);
	size = t->total_pages * FFA_PAGE_SIZE;
	if (offset + len < offset || offset + len > size)
		return refuse(s, FFA_RET_INVALID_PARAMETERS,
			      "bytes 0x%llx..0x%llx are past the 0x%llx bytes of handle 0x%llx",
			      (unsigned long long)offset,
			      (unsigned long long)(offset + len),
			      (unsigned long long)size,
			      (unsigned long long)handle);
	*txn = t;
	return 0;
}

/* Walk the constituents in order, copying through physmem. */
static int access_ranges(struct spmc *s, const struct spmc_txn *t,
			 uint64_t offset, uint8_t *buf, size_t len, bool write)
{
	unsigned int i;

	for (i = 0; i < t->nr_ranges && len; i++) {
		uint64_t size = t->ranges[i].pages * FFA_PAGE_SIZE;
		uint64_t pa, n;
		int err;

		if (offset >= size) {
			offset -= size;
			continue;
		}
		pa = t->ranges[i].pa + offset;
		n = size - offset < len ? size - offset : len;
		err = write ? physmem_write(s->pm, pa, buf, n) :
			      physmem_read(s->pm, pa, buf, n);
		if (err)
			return refuse(s, FFA_RET_ABORTED,
				      "a range of the transaction at 0x%llx is not DRAM",
				      (unsigned long long)pa);
		buf += n;
		len -= n;
		offset = 0;
	}
	return 0;
}

int spmc_partition_read(struct spmc *s, uint16_t part_id, uint64_t handle,
			uint64_t offset, void *buf, size_t len)
{
	struct spmc_txn *t;
	int ret;

	spmc_lock(s);
	s->refusal[0] = 0;
	ret = access_check(s, part_id, handle, offset, len, false, &t);
	if (!ret)
		ret = access_ranges(s, t, offset, buf, len, false);
	spmc_unlock(s);
	return ret;
}

int spmc_partition_write(struct spmc *s, uint16_t part_id, uint64_t handle,
			 uint64_t offset, const void *buf, size_t len)
{
	struct spmc_txn *t;
	int ret;

	spmc_lock(s);
	s->refusal[0] = 0;
	ret = access_check(s, part_id, handle, offset, len, true, &t);
	if (!ret)
		ret = access_ranges(s, t, offset, (uint8_t *)buf, len, true);
	spmc_unlock(s);
	return ret;
}
