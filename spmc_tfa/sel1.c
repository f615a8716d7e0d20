// SPDX-License-Identifier: GPL-2.0-only
/*
 * The S-EL1 partition: the smallest partition that TF-A's EL3 SPMC can
 * serve as it serves a real one (an OP-TEE, say).  It talks to EL3 only
 * with SMCs from the secure side, through the SPMD's FF-A entry
 * (tfa_sel1_smc()), so every answer it gets is TF-A's own:
 *
 * - at boot it states its FF-A version and maps its RX/TX, which live in
 *   its own (secure) memory, outside the simulated DRAM;
 * - when TF-A's world switch enters it with a direct request, it answers
 *   FFA_MSG_SEND_DIRECT_RESP: echoed, fixed or scripted;
 * - on a scenario's partition actions it sends FFA_MEM_RETRIEVE_REQ (and
 *   FFA_MEM_FRAG_RX while the response is fragmented), FFA_RX_RELEASE and
 *   FFA_MEM_RELINQUISH, and reads or writes the pages TF-A's retrieve
 *   response gave it, with the access it asked for and was granted.
 *
 * Its actions run as if it held the CPU at that moment: TF-A's memory
 * handlers do not look at the partition's runtime state.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <common/ep_info.h>
#include <context.h>
#include <lib/el3_runtime/context_mgmt.h>
#include <lib/spinlock.h>
#include <services/el3_spmc_ffa_memory.h>
#include <services/ffa_svc.h>

#include "spmc_shared_mem.h"
#include "spmc_tfa/tfa_internal.h"

#define SEL1_VERSION		MAKE_FFA_VERSION(1, 1)
#define PAGE_4K			4096U
#define PERM_DATA(p)		((p) & 3U)
#define PERM_INSTR(p)		(((p) >> 2) & 3U)
#define DATA_RO			1U
#define DATA_RW			2U
#define FFA_ERR_INVALID		(-2)
#define FFA_ERR_DENIED		(-6)
#define FFA_ERR_ABORTED		(-8)

static int refuse(struct tfa_sel1 *p, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse(struct tfa_sel1 *p, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->refusal, sizeof(p->refusal), fmt, ap);
	va_end(ap);
	return err;
}

static void call(struct tfa_spmc *tfa, struct smc_regs *regs, uint64_t fid)
{
	struct smc_regs in = *regs;

	in.x[0] = fid;
	if (!tfa_sel1_smc(tfa, &in, regs))
		tfa_fatal("the S-EL1 partition's call went to the normal world",
			  "TF-A answers FF-A memory and buffer calls to their caller");
}

/* TF-A's FFA_ERROR answer as a negative code, its success as 0. */
static int status_of(struct tfa_sel1 *p, const struct smc_regs *r,
		     uint64_t want, const char *what)
{
	if (r->x[0] == want)
		return 0;
	if (r->x[0] == FFA_ERROR)
		return refuse(p, (int32_t)r->x[2], "TF-A answered %s with FFA_ERROR %d",
			      what, (int32_t)r->x[2]);
	return refuse(p, FFA_ERR_ABORTED, "TF-A answered %s with function %#llx",
		      what, (unsigned long long)r->x[0]);
}

bool tfa_sel1_mailbox(const struct tfa_spmc *tfa, uintptr_t base, size_t size)
{
	const struct tfa_sel1 *p = &tfa->sel1;

	if (!p->tx || size != p->size)
		return false;
	return base == (uintptr_t)p->tx || base == (uintptr_t)p->rx;
}

int tfa_sel1_boot(struct tfa_spmc *tfa, char *err, size_t errlen)
{
	struct tfa_sel1 *p = &tfa->sel1;
	struct smc_regs r = { 0 };

	memset(p, 0, sizeof(*p));
	p->size = TFA_SEL1_MAILBOX_PAGES * PAGE_4K;
	p->tx = aligned_alloc(PAGE_4K, p->size);
	p->rx = aligned_alloc(PAGE_4K, p->size);
	if (!p->tx || !p->rx) {
		snprintf(err, errlen, "out of memory for the S-EL1 partition's buffers");
		return -ENOMEM;
	}
	memset(p->tx, 0, p->size);
	memset(p->rx, 0, p->size);
	r.x[1] = SEL1_VERSION;
	call(tfa, &r, FFA_VERSION);
	memset(&r, 0, sizeof(r));
	r.x[1] = (uintptr_t)p->tx;
	r.x[2] = (uintptr_t)p->rx;
	r.x[3] = TFA_SEL1_MAILBOX_PAGES;
	call(tfa, &r, FFA_RXTX_MAP_SMC64);
	if (status_of(p, &r, FFA_SUCCESS_SMC32, "the partition's FFA_RXTX_MAP")) {
		snprintf(err, errlen, "S-EL1 partition %#x: %s", tfa->cfg.sel1.id,
			 p->refusal);
		return -EIO;
	}
	return 0;
}

void tfa_sel1_free(struct tfa_spmc *tfa)
{
	struct tfa_sel1 *p = &tfa->sel1;
	unsigned int i;

	for (i = 0; i < p->nr_held; i++)
		free(p->held[i].ranges);
	free(p->tx);
	free(p->rx);
	memset(p, 0, sizeof(*p));
}

/* ---- Direct requests ---- */

static uint64_t resp_fid(uint64_t req_fid)
{
	return req_fid == FFA_MSG_SEND_DIRECT_REQ_SMC64 ?
	       FFA_MSG_SEND_DIRECT_RESP_SMC64 : FFA_MSG_SEND_DIRECT_RESP_SMC32;
}

static void record(struct tfa_spmc *tfa, const struct smc_regs *msg)
{
	struct tfa_lp_msgs *m = &tfa->sel1.msgs;

	m->count++;
	m->seq = ++tfa->seq;
	m->fid = (uint32_t)msg->x[0];
	m->regs = *msg;
}

/* x3..x7 of the answer; non-zero when the partition answers an error. */
static int payload(struct tfa_spmc *tfa, const struct smc_regs *msg,
		   struct smc_regs *resp)
{
	const struct tfa_sel1_cfg *c = &tfa->cfg.sel1;
	unsigned int i;

	for (i = 3; i < TFA_RESP_REGS; i++)
		resp->x[i] = c->answer == TFA_LP_FIXED ? c->fixed[i] : msg->x[i];
	if (c->answer == TFA_SCRIPTED && tfa->direct_fn)
		return tfa->direct_fn(tfa->direct_ctx, c->id, msg, resp);
	return 0;
}

/*
 * A framework message's answer: the known requests get their response
 * type with status 0 (x3); any other type a partition message saying
 * NOT_SUPPORTED in x3, since an S-EL1 partition cannot answer FFA_ERROR.
 */
static void answer_framework(const struct smc_regs *msg, struct smc_regs *resp)
{
	static const uint8_t resp_of[][2] = { { 0, 2 }, { 4, 5 }, { 6, 7 } };
	uint32_t type = msg->x[2] & FFA_FWK_MSG_MASK;
	unsigned int i;

	for (i = 0; i < sizeof(resp_of) / sizeof(resp_of[0]); i++) {
		if (resp_of[i][0] == type) {
			resp->x[2] = FFA_FWK_MSG_BIT | resp_of[i][1];
			return;
		}
	}
	resp->x[3] = (uint32_t)FFA_ERROR_NOT_SUPPORTED;
}

/*
 * The message TF-A's world switch left in the partition's context.  The
 * EL3 SPMC delivers only direct requests to a waiting S-EL1 partition
 * (direct_req_smc_handler()).
 */
static void answer(struct tfa_spmc *tfa, const struct smc_regs *msg)
{
	struct smc_regs resp = { 0 };
	uint64_t fid = msg->x[0];
	uint64_t src = msg->x[1] >> 16 & 0xffff, dst = msg->x[1] & 0xffff;
	int err = 0;

	if (fid != FFA_MSG_SEND_DIRECT_REQ_SMC32 &&
	    fid != FFA_MSG_SEND_DIRECT_REQ_SMC64)
		tfa_fatal("TF-A entered the S-EL1 partition with a message it does not take",
			  "only direct requests are modelled");
	record(tfa, msg);
	if (msg->x[2] & FFA_FWK_MSG_BIT)
		answer_framework(msg, &resp);
	else
		err = payload(tfa, msg, &resp);
	if (err) {
		/* ffa_error_handler() answers it NOT_SUPPORTED outside init. */
		resp.x[0] = FFA_ERROR;
		resp.x[2] = (uint32_t)err;
	} else {
		resp.x[0] = resp_fid(fid);
		resp.x[1] = dst << 16 | src;
	}
	if (tfa_sel1_smc(tfa, &resp, &resp))
		tfa_fatal("TF-A did not pass the S-EL1 partition's answer on",
			  err ? "it takes FFA_ERROR from an S-EL1 partition only during its initialisation; the normal world would wait forever"
			      : "TF-A refused the partition's direct response");
}

void tfa_sel1_run(struct tfa_spmc *tfa)
{
	gp_regs_t *gp = get_gpregs_ctx((cpu_context_t *)cm_get_context(SECURE));
	struct smc_regs msg;
	unsigned int i;

	for (i = 0; i < SMC_NR_REGS; i++)
		msg.x[i] = read_ctx_reg(gp, CTX_GPREG_X0 + 8 * i);
	answer(tfa, &msg);
}

/* ---- Memory ---- */

static struct tfa_held *held_find(struct tfa_sel1 *p, uint64_t handle)
{
	unsigned int i;

	for (i = 0; i < p->nr_held; i++)
		if (p->held[i].handle == handle)
			return &p->held[i];
	return NULL;
}

bool tfa_sel1_holds(const struct tfa_spmc *tfa, uint64_t handle)
{
	return held_find((struct tfa_sel1 *)&tfa->sel1, handle) != NULL;
}

/* An FF-A 1.1 retrieve request in the partition's TX; its length. */
static uint32_t write_request(struct tfa_spmc *tfa,
			      const struct tfa_retrieve *req)
{
	struct tfa_sel1 *p = &tfa->sel1;
	struct ffa_mtd *mtd = (struct ffa_mtd *)p->tx;
	struct ffa_emad_v1_0 *emad = (struct ffa_emad_v1_0 *)(mtd + 1);
	unsigned int i;

	memset(p->tx, 0, p->size);
	mtd->sender_id = req->sender;
	mtd->flags = req->type << 3;
	mtd->handle = req->handle;
	mtd->tag = req->tag;
	mtd->emad_size = sizeof(*emad);
	mtd->emad_count = req->nr_receivers;
	mtd->emad_offset = sizeof(*mtd);
	for (i = 0; i < req->nr_receivers; i++) {
		emad[i].mapd.endpoint_id = req->receivers[i].id;
		emad[i].mapd.memory_access_permissions =
			req->receivers[i].id == tfa->cfg.sel1.id ?
			(req->data | req->instr << 2) : req->receivers[i].perms;
	}
	return sizeof(*mtd) + req->nr_receivers * sizeof(*emad);
}

/* The whole retrieve response, fragment by fragment, RX released after each. */
static int read_response(struct tfa_spmc *tfa, const struct smc_regs *first,
			 uint64_t handle, uint8_t **out, size_t *len)
{
	struct tfa_sel1 *p = &tfa->sel1;
	size_t total = (uint32_t)first->x[1], got = 0;
	uint32_t frag = (uint32_t)first->x[2];
	struct smc_regs r;
	uint8_t *d = calloc(1, total ? total : 1);
	bool fits_rx;
	int ret = 0;

	while (d && !ret) {
		fits_rx = frag && frag <= p->size && frag <= total - got;
		if (fits_rx)
			memcpy(d + got, p->rx, frag);
		got += fits_rx ? frag : 0;
		memset(&r, 0, sizeof(r));
		call(tfa, &r, FFA_RX_RELEASE);
		if (!fits_rx)
			ret = refuse(p, FFA_ERR_ABORTED, "TF-A's retrieve response fragment of %u bytes does not fit",
				     frag);
		if (ret || got == total)
			break;
		memset(&r, 0, sizeof(r));
		r.x[1] = (uint32_t)handle;
		r.x[2] = handle >> 32;
		r.x[3] = got;
		call(tfa, &r, FFA_MEM_FRAG_RX);
		ret = status_of(p, &r, FFA_MEM_FRAG_TX, "FFA_MEM_FRAG_RX");
		frag = (uint32_t)r.x[3];
	}
	if (!d)
		return refuse(p, FFA_ERR_ABORTED, "out of memory");
	if (ret) {
		free(d);
		return ret;
	}
	*out = d;
	*len = total;
	return 0;
}

static bool fits(size_t len, size_t off, size_t size)
{
	return off <= len && len - off >= size;
}

/* What the response gave this partition: its ranges and its access. */
static int parse_response(struct tfa_spmc *tfa, const uint8_t *d, size_t len,
			  struct tfa_held *h, unsigned int *granted)
{
	struct tfa_sel1 *p = &tfa->sel1;
	const struct ffa_mtd *mtd = (const void *)d;
	const struct ffa_comp_mrd *comp = NULL;
	const struct ffa_emad_v1_0 *e;
	uint32_t i;

	if (!fits(len, 0, sizeof(*mtd)))
		return refuse(p, FFA_ERR_ABORTED, "TF-A's retrieve response is shorter than its header");
	for (i = 0; i < mtd->emad_count; i++) {
		size_t off = mtd->emad_offset + (size_t)i * mtd->emad_size;

		if (!mtd->emad_size || !fits(len, off, sizeof(*e)))
			break;
		e = (const void *)(d + off);
		if (e->mapd.endpoint_id != tfa->cfg.sel1.id)
			continue;
		*granted = e->mapd.memory_access_permissions;
		if (fits(len, e->comp_mrd_offset, sizeof(*comp)))
			comp = (const void *)(d + e->comp_mrd_offset);
		break;
	}
	if (!comp || !fits(len, (const uint8_t *)comp->address_range_array - d,
			   (size_t)comp->address_range_count * 16))
		return refuse(p, FFA_ERR_ABORTED, "TF-A's retrieve response has no memory region for partition %#x",
			      tfa->cfg.sel1.id);
	h->nr_ranges = comp->address_range_count;
	h->ranges = calloc(h->nr_ranges ? h->nr_ranges : 1, sizeof(*h->ranges));
	if (!h->ranges)
		return refuse(p, FFA_ERR_ABORTED, "out of memory");
	for (i = 0; i < h->nr_ranges; i++) {
		h->ranges[i].pa = comp->address_range_array[i].address;
		h->ranges[i].pages = comp->address_range_array[i].page_count;
	}
	return 0;
}

/*
 * The partition maps what the response grants it, read-write only when it
 * did not ask for less: the response is what it has to go by.
 */
static bool maps_rw(const struct tfa_retrieve *req, unsigned int granted)
{
	return PERM_DATA(granted) == DATA_RW && req->data != DATA_RO;
}

/* FFA_MEM_RELINQUISH of @handle for this partition alone. */
static int give_back(struct tfa_spmc *tfa, uint64_t handle)
{
	struct tfa_sel1 *p = &tfa->sel1;
	struct ffa_mem_relinquish_descriptor *rd = (void *)p->tx;
	struct smc_regs r = { 0 };

	memset(p->tx, 0, p->size);
	rd->handle = handle;
	rd->endpoint_count = 1;
	rd->endpoint_array[0] = tfa->cfg.sel1.id;
	call(tfa, &r, FFA_MEM_RELINQUISH);
	return status_of(p, &r, FFA_SUCCESS_SMC32, "FFA_MEM_RELINQUISH");
}

static int retrieve(struct tfa_spmc *tfa, const struct tfa_retrieve *req)
{
	struct tfa_sel1 *p = &tfa->sel1;
	struct tfa_held h = { .handle = req->handle };
	unsigned int granted = 0;
	struct smc_regs r = { 0 };
	uint8_t *d = NULL;
	size_t len = 0;
	int ret;

	if (p->nr_held == TFA_SEL1_HELD_MAX && !held_find(p, req->handle))
		return refuse(p, FFA_ERR_ABORTED, "the partition model holds %u handles at most",
			      TFA_SEL1_HELD_MAX);
	r.x[1] = r.x[2] = write_request(tfa, req);
	call(tfa, &r, FFA_MEM_RETRIEVE_REQ_SMC64);
	ret = status_of(p, &r, FFA_MEM_RETRIEVE_RESP, "FFA_MEM_RETRIEVE_REQ");
	if (ret)
		return ret;
	ret = read_response(tfa, &r, req->handle, &d, &len);
	if (!ret)
		ret = parse_response(tfa, d, len, &h, &granted);
	free(d);
	if (ret) {
		/* TF-A counted the retrieval: give back what cannot be used. */
		free(h.ranges);
		give_back(tfa, req->handle);
		return ret;
	}
	h.rw = maps_rw(req, granted);
	/* Retrieved again: TF-A counts each; the mapping is the newest. */
	if (held_find(p, req->handle)) {
		free(held_find(p, req->handle)->ranges);
		*held_find(p, req->handle) = h;
	} else {
		p->held[p->nr_held++] = h;
	}
	return 0;
}

static int relinquish(struct tfa_spmc *tfa, uint64_t handle)
{
	struct tfa_sel1 *p = &tfa->sel1;
	int ret = give_back(tfa, handle);
	struct tfa_held *h = held_find(p, handle);

	if (!ret && h) {
		free(h->ranges);
		*h = p->held[--p->nr_held];
	}
	return ret;
}

static int access(struct tfa_spmc *tfa, uint64_t handle, uint64_t offset,
		  uint8_t *buf, size_t len, bool write)
{
	struct tfa_sel1 *p = &tfa->sel1;
	struct tfa_held *h = held_find(p, handle);
	uint64_t size = 0, n;
	unsigned int i;

	if (!h)
		return refuse(p, FFA_ERR_DENIED, "partition %#x holds no memory of handle %#llx (not retrieved, or relinquished)",
			      tfa->cfg.sel1.id, (unsigned long long)handle);
	if (write && !h->rw)
		return refuse(p, FFA_ERR_DENIED, "partition %#x holds handle %#llx read-only",
			      tfa->cfg.sel1.id, (unsigned long long)handle);
	for (i = 0; i < h->nr_ranges; i++)
		size += h->ranges[i].pages * PAGE_4K;
	if (offset + len < offset || offset + len > size)
		return refuse(p, FFA_ERR_INVALID, "bytes %#llx..%#llx are past the %#llx bytes of handle %#llx",
			      (unsigned long long)offset,
			      (unsigned long long)(offset + len),
			      (unsigned long long)size,
			      (unsigned long long)handle);
	for (i = 0; i < h->nr_ranges && len; i++) {
		size = h->ranges[i].pages * PAGE_4K;
		if (offset >= size) {
			offset -= size;
			continue;
		}
		n = size - offset < len ? size - offset : len;
		if (write ? physmem_write(tfa->pm, h->ranges[i].pa + offset, buf, n) :
			    physmem_read(tfa->pm, h->ranges[i].pa + offset, buf, n))
			return refuse(p, FFA_ERR_ABORTED, "a range TF-A gave at %#llx is not DRAM",
				      (unsigned long long)h->ranges[i].pa);
		buf += n;
		len -= n;
		offset = 0;
	}
	return 0;
}

/* ---- Entry points: one core in EL3 (and so in the partition) at a time ---- */

static int no_partition(struct tfa_spmc *tfa)
{
	return refuse(&tfa->sel1, FFA_ERR_INVALID, "this machine has no S-EL1 partition");
}

int tfa_sel1_retrieve(struct tfa_spmc *tfa, const struct tfa_retrieve *req)
{
	int ret;

	pthread_mutex_lock(&tfa->lock);
	tfa->sel1.refusal[0] = 0;
	if (req->nr_receivers > TFA_MAX_RECEIVERS)
		ret = refuse(&tfa->sel1, FFA_ERR_INVALID, "more than %u receivers",
			     TFA_MAX_RECEIVERS);
	else
		ret = tfa->cfg.sel1.id ? retrieve(tfa, req) : no_partition(tfa);
	pthread_mutex_unlock(&tfa->lock);
	return ret;
}

int tfa_sel1_relinquish(struct tfa_spmc *tfa, uint64_t handle)
{
	int ret;

	pthread_mutex_lock(&tfa->lock);
	tfa->sel1.refusal[0] = 0;
	ret = tfa->cfg.sel1.id ? relinquish(tfa, handle) : no_partition(tfa);
	pthread_mutex_unlock(&tfa->lock);
	return ret;
}

int tfa_sel1_access(struct tfa_spmc *tfa, uint64_t handle, uint64_t offset,
		    void *buf, size_t len, bool write)
{
	int ret;

	pthread_mutex_lock(&tfa->lock);
	tfa->sel1.refusal[0] = 0;
	ret = tfa->cfg.sel1.id ? access(tfa, handle, offset, buf, len, write) :
				 no_partition(tfa);
	pthread_mutex_unlock(&tfa->lock);
	return ret;
}

const char *tfa_sel1_refusal(const struct tfa_spmc *tfa)
{
	return tfa->sel1.refusal;
}
