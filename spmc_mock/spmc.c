// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mock SPMC core: configuration, creation, and the SMC dispatcher that
 * every call from the normal world goes through.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spmc_mock/spmc_internal.h"

struct spmc_call {
	uint32_t fid;
	uint32_t since;		/* first FF-A version that has it */
	spmc_handler_fn fn;
};

static const struct spmc_call spmc_calls[] = {
	{ FFA_VERSION, FFA_VERSION_1_0, spmc_do_version },
	{ FFA_ID_GET, FFA_VERSION_1_0, spmc_do_id_get },
	{ FFA_SPM_ID_GET, FFA_VERSION_1_1, spmc_do_spm_id_get },
	{ FFA_FEATURES, FFA_VERSION_1_0, spmc_do_features },
	{ FFA_RXTX_MAP, FFA_VERSION_1_0, spmc_do_rxtx_map },
	{ FFA_FN64_RXTX_MAP, FFA_VERSION_1_0, spmc_do_rxtx_map },
	{ FFA_RXTX_UNMAP, FFA_VERSION_1_0, spmc_do_rxtx_unmap },
	{ FFA_RX_RELEASE, FFA_VERSION_1_0, spmc_do_rx_release },
	{ FFA_PARTITION_INFO_GET, FFA_VERSION_1_0,
	  spmc_do_partition_info_get },
	{ FFA_MEM_DONATE, FFA_VERSION_1_0, spmc_do_mem_send },
	{ FFA_FN64_MEM_DONATE, FFA_VERSION_1_0, spmc_do_mem_send },
	{ FFA_MEM_LEND, FFA_VERSION_1_0, spmc_do_mem_send },
	{ FFA_FN64_MEM_LEND, FFA_VERSION_1_0, spmc_do_mem_send },
	{ FFA_MEM_SHARE, FFA_VERSION_1_0, spmc_do_mem_send },
	{ FFA_FN64_MEM_SHARE, FFA_VERSION_1_0, spmc_do_mem_send },
	{ FFA_MEM_RETRIEVE_REQ, FFA_VERSION_1_0, spmc_do_mem_retrieve_req },
	{ FFA_FN64_MEM_RETRIEVE_REQ, FFA_VERSION_1_0,
	  spmc_do_mem_retrieve_req },
	{ FFA_MEM_RECLAIM, FFA_VERSION_1_0, spmc_do_mem_reclaim },
	{ FFA_MEM_FRAG_RX, FFA_VERSION_1_0, spmc_do_mem_frag_rx },
	{ FFA_MEM_FRAG_TX, FFA_VERSION_1_0, spmc_do_mem_frag_tx },
	{ FFA_MSG_SEND_DIRECT_REQ, FFA_VERSION_1_0, spmc_do_direct_req },
	{ FFA_FN64_MSG_SEND_DIRECT_REQ, FFA_VERSION_1_0, spmc_do_direct_req },
	{ FFA_MSG_SEND_DIRECT_RESP, FFA_VERSION_1_0, spmc_do_direct_resp },
	{ FFA_FN64_MSG_SEND_DIRECT_RESP, FFA_VERSION_1_0,
	  spmc_do_direct_resp },
	{ FFA_FN64_MSG_SEND_DIRECT_REQ2, FFA_VERSION_1_2,
	  spmc_do_direct_req2 },
	{ FFA_MSG_SEND2, FFA_VERSION_1_1, spmc_do_msg_send2 },
	{ FFA_NOTIFICATION_INFO_GET, FFA_VERSION_1_1,
	  spmc_do_notification_info_get },
	{ FFA_FN64_NOTIFICATION_INFO_GET, FFA_VERSION_1_1,
	  spmc_do_notification_info_get },
};

#define NR_CALLS	(sizeof(spmc_calls) / sizeof(spmc_calls[0]))

void spmc_lock(const struct spmc *s)
{
	pthread_mutex_lock((pthread_mutex_t *)&s->lock);
}

void spmc_unlock(const struct spmc *s)
{
	pthread_mutex_unlock((pthread_mutex_t *)&s->lock);
}

void spmc_log(struct spmc *s, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!s->log_fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->log_fn(s->log_ctx, "%s", msg);
}

void ffa_ret_error(struct smc_regs *out, int32_t err)
{
	memset(out, 0, sizeof(*out));
	out->x[0] = FFA_ERROR;
	out->x[2] = (uint32_t)err;
}

void ffa_ret_success(struct smc_regs *out, uint64_t w2, uint64_t w3)
{
	memset(out, 0, sizeof(*out));
	out->x[0] = FFA_SUCCESS;
	out->x[2] = w2;
	out->x[3] = w3;
}


struct spmc_partition *spmc_find_partition(struct spmc *s, uint16_t id)
{
	unsigned int i;

	for (i = 0; i < s->cfg.nr_partitions; i++)
		if (s->parts[i].cfg.id == id)
			return &s->parts[i];
	return NULL;
}

uint32_t spmc_layout_version(const struct spmc *s)
{
	return s->negotiated ? s->negotiated : s->cfg.version;
}

uint64_t spmc_rx_size(const struct spmc *s)
{
	return (uint64_t)s->mbox.pages * FFA_PAGE_SIZE;
}

static const struct spmc_call *spmc_find_call(uint32_t fid)
{
	size_t i;

	for (i = 0; i < NR_CALLS; i++)
		if (spmc_calls[i].fid == fid)
			return &spmc_calls[i];
	return NULL;
}

/* Implemented, and part of the version the caller speaks. */
bool spmc_fid_available(const struct spmc *s, uint32_t fid)
{
	const struct spmc_call *call = spmc_find_call(fid);

	return call && FFA_VERSION_MINOR(call->since) <=
			       FFA_VERSION_MINOR(spmc_layout_version(s)) &&
	       (!spmc_notification_call(fid) || s->cfg.sri_intid);
}

static int config_error(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int config_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int check_partitions(const struct spmc_config *cfg, uint16_t spmc_id,
			    char *err, size_t errlen)
{
	unsigned int i;

	if (cfg->nr_partitions > SPMC_MAX_PARTITIONS)
		return config_error(err, errlen,
				    "%u partitions, at most %u supported",
				    cfg->nr_partitions, SPMC_MAX_PARTITIONS);
	for (i = 0; i < cfg->nr_partitions; i++) {
		uint16_t id = cfg->partitions[i].id;

		if (!spmc_partition_id_valid(id))
			return config_error(err, errlen,
				"partition ID 0x%04x lacks bit 15 (secure world)",
				id);
		if (id == spmc_id)
			return config_error(err, errlen,
				"partition ID 0x%04x is the SPMC's own ID", id);
		if (spmc_config_find(cfg, i, id) >= 0)
			return config_error(err, errlen,
				"partition ID 0x%04x appears twice", id);
	}
	return 0;
}

static int check_config(const struct spmc_config *cfg, char *err,
			size_t errlen)
{
	uint16_t spmc_id = cfg->spmc_id ? cfg->spmc_id : SPMC_DEFAULT_ID;

	if (cfg->no_ffa) {
		if (cfg->nr_partitions)
			return config_error(err, errlen,
				"no_ffa firmware cannot host %u partitions",
				cfg->nr_partitions);
		return 0;
	}
	if (cfg->version != FFA_VERSION_1_0 &&
	    cfg->version != FFA_VERSION_1_1 &&
	    cfg->version != FFA_VERSION_1_2)
		return config_error(err, errlen,
			"unknown FF-A version 0x%x (want 1.0, 1.1 or 1.2)",
			cfg->version);
	if (!(spmc_id & FFA_ID_SECURE))
		return config_error(err, errlen,
			"SPMC ID 0x%04x lacks bit 15 (secure world)", spmc_id);
	if (cfg->rxtx_min_code > FFA_RXTX_MIN_16K)
		return config_error(err, errlen,
			"RXTX_MAP minimum size code %u is reserved",
			cfg->rxtx_min_code);
	if (cfg->rxtx_max_pages && cfg->version < FFA_VERSION_1_2)
		return config_error(err, errlen,
			"an RXTX_MAP maximum size needs FF-A 1.2");
	if (cfg->rxtx_max_pages && cfg->rxtx_max_pages > 64)
		return config_error(err, errlen,
			"RXTX_MAP maximum %u pages exceeds the 6-bit page count",
			cfg->rxtx_max_pages);
	if (cfg->retrieve_frag_size && cfg->retrieve_frag_size < 16)
		return config_error(err, errlen,
			"retrieve fragment size %u is below 16 bytes",
			cfg->retrieve_frag_size);
	return check_partitions(cfg, spmc_id, err, errlen);
}

/* Smallest buffer RXTX_MAP accepts, in 4K pages. */
static uint32_t rxtx_min_pages(uint8_t code)
{
	static const uint32_t pages[] = { 1, 16, 4 };

	return pages[code];
}

static int config_usable(const struct spmc_config *cfg, struct physmem *pm,
			 char *err, size_t errlen)
{
	if (!cfg || !pm) {
		config_error(err, errlen, "missing configuration or memory");
		return -1;
	}
	if (check_config(cfg, err, errlen))
		return -1;
	if (cfg->rxtx_max_pages &&
	    cfg->rxtx_max_pages < rxtx_min_pages(cfg->rxtx_min_code)) {
		config_error(err, errlen,
			     "RXTX_MAP maximum %u pages is below the minimum",
			     cfg->rxtx_max_pages);
		return -1;
	}
	return 0;
}

/* @s is zeroed memory. */
/*
 * One count for every SPMC of the process: a generation is never seen
 * twice, even from an SPMC made again in the same memory, so one SPMC
 * never takes another's generation for its own (spmc_held_changes()).
 * The mailboxes' generations come from the same count.
 */
uint64_t spmc_new_generation(void)
{
	static uint64_t generations;

	return __atomic_add_fetch(&generations, 1, __ATOMIC_RELAXED);
}

void spmc_held_changed(struct spmc *s, uint64_t handle)
{
	struct spmc_held_change *c =
		&s->held_log[s->held_log_next % SPMC_HELD_LOG];

	/* Read without the lock (spmc_held_generation()) */
	__atomic_store_n(&s->held_gen, spmc_new_generation(), __ATOMIC_RELEASE);
	/* The oldest change leaves the ring: a look before it walks all. */
	if (s->held_log_len == SPMC_HELD_LOG)
		s->held_since = c->gen;
	else
		s->held_log_len++;
	*c = (struct spmc_held_change){ s->held_gen, handle };
	s->held_log_next++;
}

static void spmc_init(struct spmc *s, const struct spmc_config *cfg,
		      struct physmem *pm)
{
	pthread_mutexattr_t attr;
	unsigned int i;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&s->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	s->cfg = *cfg;
	if (!s->cfg.spmc_id)
		s->cfg.spmc_id = SPMC_DEFAULT_ID;
	s->pm = pm;
	for (i = 0; i < cfg->nr_partitions; i++)
		s->parts[i].cfg = cfg->partitions[i];
	s->held_gen = spmc_new_generation();
	s->held_since = s->held_gen;
	s->mbox_gen = spmc_new_generation();
}

struct spmc *spmc_create(const struct spmc_config *cfg, struct physmem *pm,
			 char *err, size_t errlen)
{
	struct spmc *s;

	if (config_usable(cfg, pm, err, errlen))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s) {
		config_error(err, errlen, "out of memory");
		return NULL;
	}
	spmc_init(s, cfg, pm);
	return s;
}

static void spmc_release(struct spmc *s)
{
	unsigned int i;

	for (i = 0; i < SPMC_MAX_TXNS; i++)
		if (s->txns[i].in_use)
			spmc_txn_free(s, &s->txns[i]);
	spmc_xfer_reset(s);
	pthread_mutex_destroy(&s->lock);
}

void spmc_destroy(struct spmc *s)
{
	if (!s)
		return;
	spmc_release(s);
	free(s);
}

int spmc_recreate(struct spmc *s, const struct spmc_config *cfg,
		  struct physmem *pm, char *err, size_t errlen)
{
	if (config_usable(cfg, pm, err, errlen))
		return -1;
	spmc_release(s);
	memset(s, 0, sizeof(*s));
	spmc_init(s, cfg, pm);
	return 0;
}

void spmc_set_direct_handler(struct spmc *s, spmc_direct_handler_fn fn,
			     void *ctx)
{
	spmc_lock(s);
	s->direct_fn = fn;
	s->direct_ctx = ctx;
	spmc_unlock(s);
}

void spmc_set_desc_observer(struct spmc *s, spmc_desc_fn fn, void *ctx)
{
	spmc_lock(s);
	s->desc_fn = fn;
	s->desc_ctx = ctx;
	spmc_unlock(s);
}

void spmc_desc_seen(struct spmc *s, bool to_spmc, const void *bytes,
		    size_t len)
{
	if (s->desc_fn && len)
		s->desc_fn(s->desc_ctx, to_spmc, bytes, len);
}

void spmc_set_log(struct spmc *s, spmc_log_fn fn, void *ctx)
{
	spmc_lock(s);
	s->log_fn = fn;
	s->log_ctx = ctx;
	spmc_unlock(s);
}

uint32_t spmc_negotiated_version(const struct spmc *s)
{
	uint32_t v;

	spmc_lock(s);
	v = s->negotiated;
	spmc_unlock(s);
	return v;
}

/*
 * SMCCC: an SMC32 call returns in w0..w7 and preserves x8..x30; an SMC64
 * call owns x0..x17 (FF-A 1.2), so unused ones read as zero.
 */
static void finish_regs(uint32_t fid, const struct smc_regs *in,
			struct smc_regs *out)
{
	unsigned int i;

	if (ffa_fid_is_smc64(fid))
		return;
	/* SMCCC's NOT_SUPPORTED stays a 64-bit -1, as firmware returns it. */
	if (out->x[0] != SMCCC_RET_NOT_SUPPORTED)
		out->x[0] = (uint32_t)out->x[0];
	for (i = 1; i < 8; i++)
		out->x[i] = (uint32_t)out->x[i];
	for (i = 8; i < SMC_NR_REGS; i++)
		out->x[i] = in->x[i];
}

/*
 * An SMC that EL3 does not know comes back as SMCCC NOT_SUPPORTED in x0
 * with every other register as the caller left it: TF-A writes only x0
 * of the saved context (SMC_RET1) before returning.
 */
static void answer_not_ffa(const struct smc_regs *in, struct smc_regs *out)
{
	*out = *in;
	out->x[0] = SMCCC_RET_NOT_SUPPORTED;
}

static void dispatch(struct spmc *s, uint32_t fid, const struct smc_regs *in,
		     struct smc_regs *out)
{
	const struct spmc_call *call = spmc_find_call(fid);

	if (!call || !spmc_fid_available(s, fid)) {
		ffa_ret_error(out, FFA_RET_NOT_SUPPORTED);
		return;
	}
	if (fid != FFA_VERSION) {
		/* FF-A 1.2: any other call ends version negotiation. */
		if (s->cfg.require_version_first && !s->negotiated) {
			ffa_ret_error(out, FFA_RET_NOT_SUPPORTED);
			return;
		}
		s->negotiation_over = true;
	}
	if (spmc_fault_before(s, fid, out))
		return;
	call->fn(s, in, out);
	spmc_fault_after(s, fid, out);
}

void spmc_smc(void *ctx, enum smc_origin origin, const struct smc_regs *in,
	      struct smc_regs *out)
{
	struct spmc *s = ctx;
	uint32_t fid = ffa_fid_strip_hint(in->x[0]);
	const char *name = ffa_func_name(fid);

	spmc_lock(s);
	memset(out, 0, sizeof(*out));
	if (s->cfg.no_ffa || !ffa_fid_is_ffa(fid)) {
		answer_not_ffa(in, out);
	} else {
		dispatch(s, fid, in, out);
		finish_regs(fid, in, out);
	}
	s->frag_size_override = 0;
	spmc_log(s, "%s %s (0x%08x) -> 0x%llx 0x%llx 0x%llx 0x%llx",
		 origin == SMC_FROM_HYP ? "hyp" : "host",
		 name ? name : "?", fid, (unsigned long long)out->x[0],
		 (unsigned long long)out->x[1], (unsigned long long)out->x[2],
		 (unsigned long long)out->x[3]);
	spmc_unlock(s);
}
