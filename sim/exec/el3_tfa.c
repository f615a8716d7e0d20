// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SPMC API of spmc_mock/spmc.h, answered by TF-A's EL3 SPMC
 * (spmc_tfa/): a tf-a variant links this file in place of the mock, so the
 * runner, its invariants and its checks read TF-A's own state.  A
 * scenario's partitions become TF-A's: the one that acts (retrieves,
 * touches memory, answers by script, is busy) or receives memory is the S-EL1
 * partition (spmc_tfa/sel1.c), another one the EL3 logical partition.
 * What TF-A has no counterpart for (fault injection, partitions answering
 * errors, more partitions than it runs) is skipped before a scenario
 * starts (el3_tfa_gap()), never answered with made-up state.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "sim/exec/el3_tfa.h"
#include "spmc_tfa/tfa.h"

struct spmc {
	struct tfa_spmc *tfa;
	struct spmc_config cfg;
	struct tfa_config tcfg;
	spmc_log_fn log;
	void *log_ctx;
	spmc_direct_handler_fn direct_fn;
	void *direct_ctx;
};

/*
 * Chosen by el3_tfa_gap() for the scenario about to run: the index of the
 * partition that must run at S-EL1 (-1: none needs to), and whether the
 * scenario sends memory (which only an S-EL1 partition can be given).
 */
static int next_actor = -1;
static bool next_sends_memory;

/* TF-A refuses a partition with the nil UUID; the mock lets it be. */
static void uuid_of(uint8_t out[16], const struct spmc_partition_cfg *p)
{
	static const uint8_t nil[16];

	memcpy(out, p->uuid, 16);
	if (!memcmp(out, nil, sizeof(nil))) {
		out[14] = p->id >> 8;
		out[15] = p->id & 0xff;
	}
}

static enum tfa_lp_answer answer_of(const struct spmc_partition_cfg *p,
				     uint64_t fixed[TFA_RESP_REGS])
{
	if (p->behaviour == SPMC_DIRECT_SCRIPTED)
		return TFA_SCRIPTED;
	if (p->behaviour != SPMC_DIRECT_FIXED)
		return TFA_LP_ECHO;
	memcpy(fixed, p->fixed_resp, TFA_RESP_REGS * sizeof(fixed[0]));
	return TFA_LP_FIXED;
}

static void sel1_of(const struct spmc_partition_cfg *p, struct tfa_sel1_cfg *t)
{
	t->id = p->id;
	uuid_of(t->uuid, p);
	t->properties = p->properties;
	t->answer = answer_of(p, t->fixed);
	t->busy = p->behaviour == SPMC_DIRECT_BUSY;
}

static void lp_of(const struct spmc_partition_cfg *p, struct tfa_lp_cfg *t)
{
	t->id = p->id;
	uuid_of(t->uuid, p);
	t->answer = answer_of(p, t->fixed);
}

/*
 * The S-EL1 partition's index among a configuration's partitions, or -1.
 * TF-A runs one S-EL1 partition and this build links one EL3 logical
 * partition, so with two partitions both are used.  The S-EL1 one is the
 * one that must run; else, when the scenario sends memory, the first
 * (TF-A accepts memory for an S-EL1 partition only); else the second of
 * two, so that TF-A, which lists logical partitions first, keeps the
 * scenario's order.  A lone partition is the logical one when it need
 * neither run nor receive memory.
 */
static int sel1_index(const struct spmc_config *c, int actor_idx,
		      bool sends_memory)
{
	if (actor_idx >= 0)
		return actor_idx;
	if (!c->nr_partitions)
		return -1;
	if (sends_memory)
		return 0;
	return c->nr_partitions > 1 ? 1 : -1;
}

static void tfa_config_of(const struct spmc_config *cfg, struct tfa_config *t)
{
	unsigned int n = cfg->nr_partitions;
	int sel1 = sel1_index(cfg, next_actor, next_sends_memory);

	tfa_config_default(t);
	if (!n)
		return;
	if (sel1 >= 0)
		sel1_of(&cfg->partitions[sel1], &t->sel1);
	if (n > 1)
		lp_of(&cfg->partitions[sel1 == 0 ? 1 : 0], &t->lp);
	else if (sel1 < 0)
		lp_of(&cfg->partitions[0], &t->lp);
	else
		t->lp.id = 0xfffe;	/* still needs an ID of its own */
}

static void forward_log(void *ctx, int level, const char *msg)
{
	struct spmc *s = ctx;

	if (s->log)
		s->log(s->log_ctx, "TF-A %s: %s",
		       level <= 10 ? "ERROR" : level <= 30 ? "WARNING" : "INFO",
		       msg);
}

static int direct_answer(void *ctx, uint16_t id, const struct smc_regs *req,
			 struct smc_regs *resp)
{
	struct spmc *s = ctx;

	if (!s->direct_fn)
		return 0;
	return s->direct_fn(s->direct_ctx, id, req, resp);
}

struct spmc *spmc_create(const struct spmc_config *cfg, struct physmem *pm,
			 char *err, size_t errlen)
{
	struct spmc *s = g_new0(struct spmc, 1);
	struct tfa_config t;

	tfa_config_of(cfg, &t);
	s->cfg = *cfg;
	s->tcfg = t;
	s->tfa = tfa_create(&t, pm, err, errlen);
	if (!s->tfa) {
		g_free(s);
		return NULL;
	}
	tfa_set_log(s->tfa, forward_log, s);
	tfa_set_direct_handler(s->tfa, direct_answer, s);
	return s;
}

void spmc_destroy(struct spmc *spmc)
{
	tfa_destroy(spmc->tfa);
	g_free(spmc);
}

void spmc_smc(void *spmc, enum smc_origin origin, const struct smc_regs *in,
	      struct smc_regs *out)
{
	tfa_smc(((struct spmc *)spmc)->tfa, origin, in, out);
}

void spmc_set_direct_handler(struct spmc *spmc, spmc_direct_handler_fn fn,
			     void *ctx)
{
	spmc->direct_fn = fn;
	spmc->direct_ctx = ctx;
}

/*
 * TF-A's SPMC reads and writes its buffers in its own code, with no hook
 * to see a descriptor go by: its hops show registers only.
 */
void spmc_set_desc_observer(struct spmc *spmc, spmc_desc_fn fn, void *ctx)
{
	(void)spmc, (void)fn, (void)ctx;
}

void spmc_set_log(struct spmc *spmc, spmc_log_fn fn, void *ctx)
{
	spmc->log = fn;
	spmc->log_ctx = ctx;
}

/* ---- Partition actions: the S-EL1 partition's calls into TF-A ---- */

static char refusal[200];

static int not_sel1(struct spmc *s, uint16_t part_id)
{
	if (s->tcfg.sel1.id && part_id == s->tcfg.sel1.id) {
		refusal[0] = 0;
		return 0;
	}
	snprintf(refusal, sizeof(refusal), "partition %#x is not TF-A's S-EL1 partition: only that one makes FF-A calls",
		 part_id);
	return FFA_RET_NOT_SUPPORTED;
}

/* What a client tells its partition with a handle: the sender, tag, receivers. */
static void request_of(struct spmc *s, uint64_t handle, struct tfa_retrieve *r)
{
	struct spmc_txn_info info;
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->handle = handle;
	r->nr_receivers = 1;
	r->receivers[0].id = s->tcfg.sel1.id;
	if (!spmc_txn_find(s, handle, &info))
		return;
	r->sender = info.sender;
	r->tag = info.tag;
	r->nr_receivers = MIN(info.nr_receivers, TFA_MAX_RECEIVERS);
	for (i = 0; i < r->nr_receivers; i++) {
		r->receivers[i].id = info.receivers[i].id;
		r->receivers[i].perms = info.receivers[i].perms;
	}
}

int spmc_partition_retrieve(struct spmc *spmc, uint16_t part_id,
			    uint64_t handle, unsigned int data,
			    unsigned int instr, unsigned int type)
{
	struct tfa_retrieve r;
	int ret = not_sel1(spmc, part_id);

	if (ret)
		return ret;
	request_of(spmc, handle, &r);
	r.data = data;
	r.instr = instr;
	r.type = type;
	return tfa_sel1_retrieve(spmc->tfa, &r);
}

int spmc_partition_relinquish(struct spmc *spmc, uint16_t part_id,
			      uint64_t handle)
{
	int ret = not_sel1(spmc, part_id);

	return ret ? ret : tfa_sel1_relinquish(spmc->tfa, handle);
}

int spmc_partition_read(struct spmc *spmc, uint16_t part_id, uint64_t handle,
			uint64_t offset, void *buf, size_t len)
{
	int ret = not_sel1(spmc, part_id);

	return ret ? ret : tfa_sel1_access(spmc->tfa, handle, offset, buf,
					   len, false);
}

int spmc_partition_write(struct spmc *spmc, uint16_t part_id, uint64_t handle,
			 uint64_t offset, const void *buf, size_t len)
{
	int ret = not_sel1(spmc, part_id);

	return ret ? ret : tfa_sel1_access(spmc->tfa, handle, offset,
					   (void *)buf, len, true);
}

void spmc_partition_refusal(const struct spmc *spmc, char *buf, size_t size)
{
	snprintf(buf, size, "%s", *refusal ? refusal :
		 tfa_sel1_refusal(spmc->tfa));
}

struct txn_walk {
	spmc_txn_fn txn_fn;
	spmc_range_fn range_fn;
	void *ctx;
	uint64_t want;
	bool found;
	struct spmc_txn_info *info;
	unsigned int count;
	uint16_t sel1;
};

/*
 * TF-A counts retrievals per transaction (in_use), not per receiver: only
 * the S-EL1 partition can retrieve, so a count means it holds the memory.
 */
static void txn_info_of(const struct tfa_txn *t, struct spmc_txn_info *i,
			uint32_t ns_version, uint16_t sel1)
{
	unsigned int r;

	memset(i, 0, sizeof(*i));
	i->handle = t->handle;
	i->sender = t->sender;
	i->op = (enum spmc_mem_op)t->type;
	i->complete = t->complete;
	i->version = t->v1_0_layout ? FFA_VERSION_1_0 : ns_version;
	i->total_len = t->total_len;
	i->received_len = t->received_len;
	i->attrs = t->attrs;
	i->flags = t->flags;
	i->tag = t->tag;
	i->nr_receivers = MIN(t->nr_receivers, SPMC_MAX_PARTITIONS);
	for (r = 0; r < i->nr_receivers; r++) {
		i->receivers[r].id = t->receivers[r].id;
		i->receivers[r].perms = t->receivers[r].perms;
		i->receivers[r].flags = t->receivers[r].flags;
		i->receivers[r].retrieved = t->in_use > 0 && sel1 &&
					    t->receivers[r].id == sel1;
	}
	/* struct tfa_range and struct spmc_range are both {pa, 4K pages}. */
	i->nr_ranges = t->nr_ranges;
	i->ranges = (const struct spmc_range *)t->ranges;
}

_Static_assert(sizeof(struct tfa_range) == sizeof(struct spmc_range) &&
	       offsetof(struct tfa_range, pages) ==
	       offsetof(struct spmc_range, pages),
	       "ranges are passed through as they are");

static uint32_t ns_version_of(struct spmc *s)
{
	uint32_t v = tfa_ns_version(s->tfa);

	return v ? v : FFA_VERSION_1_2;
}

static void walk_one(void *ctx, const struct tfa_txn *t)
{
	struct txn_walk *w = ctx;
	struct spmc_txn_info info;
	unsigned int i;

	w->count++;
	txn_info_of(t, &info, FFA_VERSION_1_2, w->sel1);
	if (w->txn_fn)
		w->txn_fn(w->ctx, &info);
	if (w->range_fn)
		for (i = 0; i < info.nr_ranges; i++)
			w->range_fn(w->ctx, info.handle, &info.ranges[i]);
	if (w->info && !w->found && t->handle == w->want) {
		*w->info = info;
		w->found = true;
	}
}

static void walk(struct spmc *s, struct txn_walk *w)
{
	w->sel1 = s->tcfg.sel1.id;
	if (tfa_for_each_txn(s->tfa, walk_one, w))
		fprintf(stderr, "ffa-sim: TF-A's memory-sharing datastore does not parse\n");
}

void spmc_for_each_txn(struct spmc *spmc, spmc_txn_fn fn, void *ctx)
{
	struct txn_walk w = { .txn_fn = fn, .ctx = ctx };

	walk(spmc, &w);
}

bool spmc_txn_find(struct spmc *spmc, uint64_t handle,
		   struct spmc_txn_info *info)
{
	struct txn_walk w = { .want = handle, .info = info };

	walk(spmc, &w);
	if (w.found)
		info->version = ns_version_of(spmc);
	return w.found;
}

unsigned int spmc_txn_count(const struct spmc *spmc)
{
	struct txn_walk w = { 0 };

	walk((struct spmc *)spmc, &w);
	return w.count;
}

void spmc_for_each_held_range(struct spmc *spmc, spmc_range_fn fn, void *ctx)
{
	struct txn_walk w = { .range_fn = fn, .ctx = ctx };

	walk(spmc, &w);
}

/*
 * TF-A's datastore keeps no count of its changes, and its transactions
 * change from within TF-A: every answer is new, so the ranges are walked
 * at every look.
 */
uint64_t spmc_held_generation(struct spmc *spmc)
{
	static uint64_t asked;

	(void)spmc;
	return __atomic_add_fetch(&asked, 1, __ATOMIC_RELAXED);
}

/* Nor can it say what changed: always a walk. */
int spmc_held_changes(struct spmc *spmc, uint64_t since, uint64_t *gen,
		      uint64_t *handles, unsigned int max, spmc_range_fn fn,
		      void *ctx)
{
	(void)since;
	(void)handles;
	(void)max;
	(void)fn;
	(void)ctx;
	*gen = spmc_held_generation(spmc);
	return -1;
}

/* TF-A's mailboxes change inside TF-A, uncounted: every answer is new. */
uint64_t spmc_rx_generation(const struct spmc *spmc)
{
	static uint64_t asked;

	(void)spmc;
	return __atomic_add_fetch(&asked, 1, __ATOMIC_RELAXED);
}

void spmc_rx_state(const struct spmc *spmc, struct spmc_rx_info *info)
{
	struct tfa_mailbox mb;

	tfa_mailbox(spmc->tfa, &mb);
	memset(info, 0, sizeof(*info));
	info->mapped = mb.mapped;
	info->tx_pa = mb.tx_pa;
	info->rx_pa = mb.rx_pa;
	info->pages = mb.pages;
	info->consumer_owns_rx = mb.rx_full;
}

uint32_t spmc_negotiated_version(const struct spmc *spmc)
{
	return tfa_ns_version(spmc->tfa);
}

bool spmc_partition_last_msg(const struct spmc *spmc, uint16_t part_id,
			     struct spmc_msg_info *info)
{
	struct tfa_lp_msgs m;

	memset(info, 0, sizeof(*info));
	if (!tfa_lp_last_msg(spmc->tfa, part_id, &m))
		return false;
	info->count = m.count;
	info->seq = m.seq;
	info->fid = m.fid;
	info->regs = m.regs;
	info->framework = m.regs.x[2] & (1U << 31);
	return true;
}

/* TF-A's logical partitions take no indirect messages: none to report. */
bool spmc_partition_last_indirect(const struct spmc *spmc, uint16_t part_id,
				  struct spmc_indirect_info *info)
{
	(void)spmc, (void)part_id;
	memset(info, 0, sizeof(*info));
	return false;
}

int spmc_inject(struct spmc *spmc, const struct spmc_fault *fault)
{
	(void)spmc;
	(void)fault;
	return FFA_RET_NOT_SUPPORTED;
}

void spmc_clear_faults(struct spmc *spmc)
{
	(void)spmc;
}

unsigned int spmc_faults_applied(const struct spmc *spmc)
{
	(void)spmc;
	return 0;
}

/* ---- What a scenario needs that this EL3 does not have ---- */

struct gap_walk {
	bool sends_memory;
	int actor;		/* the partition ID that acts, -1: none */
};

/* A partition that makes FF-A calls or answers by script must run at S-EL1. */
static const char *acts(struct gap_walk *g, uint16_t part_id)
{
	if (g->actor >= 0 && g->actor != part_id)
		return "two partitions act (retrieve, touch memory, answer by script or are busy); TF-A's EL3 SPMC runs one S-EL1 partition (spmc_get_current_sp_ctx())";
	g->actor = part_id;
	return NULL;
}

static const char *step_gap(const struct step *st, struct gap_walk *g)
{
	unsigned int i;
	const char *why;

	switch (st->kind) {
	case STEP_INJECT_SPMC:
		return "injects SPMC faults; TF-A's SPMC has no fault injection";
	case STEP_RETRIEVE:
	case STEP_RELINQUISH:
	case STEP_SP_READ:
	case STEP_SP_WRITE:
		return acts(g, st->part_id);
	case STEP_RESPOND:
		if (st->resp_error)
			return "a partition answers a direct request with FFA_ERROR; TF-A takes FFA_ERROR from an S-EL1 partition only while it initialises (ffa_error_handler())";
		return acts(g, st->part_id);
	case STEP_MEM_SEND:
		g->sends_memory = true;
		return NULL;
	case STEP_DRIVER:
		if (st->drv->op == DRV_INDIRECT)
			return "an indirect message; TF-A's EL3 SPMC delivers none to partitions";
		if (st->drv->op == DRV_SHARE || st->drv->op == DRV_LEND)
			g->sends_memory = true;
		return NULL;
	case STEP_CONCURRENT:
		for (i = 0; i < st->group->nr_items; i++)
			if ((why = step_gap(st->group->items[i], g)))
				return why;
		return NULL;
	default:
		return NULL;
	}
}

static const char *setup_gap(const struct scen_setup *setup)
{
	const struct spmc_config *c = &setup->spmc;
	unsigned int i;

	if (c->no_ffa)
		return "needs firmware without an SPMC; TF-A's EL3 always has one";
	if (c->nr_partitions > 2)
		return "needs more than two partitions; TF-A's EL3 SPMC runs one S-EL1 partition and this build links one EL3 logical partition";
	if (c->sri_intid)
		return "needs an SPMC that donates a schedule-receiver interrupt; TF-A's EL3 SPMC answers no feature ID of FFA_FEATURES (spmc_ffa_features())";
	if (c->rxtx_max_pages || c->retrieve_frag_size ||
	    c->rxtx_min_code != FFA_RXTX_MIN_4K)
		return "configures SPMC buffer limits; TF-A's are fixed";
	for (i = 0; i < c->nr_partitions; i++) {
		if (c->partitions[i].behaviour == SPMC_DIRECT_ERROR)
			return "a partition answers direct requests with an error; TF-A takes FFA_ERROR from an S-EL1 partition only while it initialises (ffa_error_handler())";
	}
	return NULL;
}

/* TF-A's logical partitions take direct requests, always. */
static const char *lp_gap(const struct spmc_config *c, int sel1)
{
	unsigned int i;

	for (i = 0; i < c->nr_partitions; i++)
		if ((int)i != sel1 &&
		    !(c->partitions[i].properties & FFA_PROP_DIRECT_REQ_RECV))
			return "a partition refuses direct requests; TF-A's logical partitions must take them";
	return NULL;
}

/*
 * Whether TF-A's setup succeeds at all with this port, asked once: TF-A
 * 2.8's SPMD fails its setup when no S-EL1 partition image is loaded, and
 * BL31 then has no FF-A service for any scenario to talk to.
 */
const char *el3_tfa_boot_gap(void)
{
	static char why[800];
	static bool probed;
	struct tfa_config cfg;
	struct tfa_spmc *tfa;
	char err[512] = "";

	if (probed)
		return *why ? why : NULL;
	probed = true;
	tfa_config_default(&cfg);
	tfa = tfa_create(&cfg, NULL, err, sizeof(err));
	if (tfa) {
		tfa_destroy(tfa);
		return NULL;
	}
	snprintf(why, sizeof(why), "TF-A %s does not boot on this port: %s. A BL31 whose SPMD fails its setup registers no standard service, so no FF-A call would be answered; this port loads no S-EL1 partition image (docs/spmc.md, \"TF-A 2.8\")",
		 tfa_version, err);
	return why;
}

void el3_tfa_partition_receives_memory(bool yes)
{
	next_actor = -1;
	next_sends_memory = yes;
}

const char *el3_tfa_gap(const struct scenario *s)
{
	struct gap_walk g = { .actor = -1 };
	const struct spmc_config *c = &s->setup.spmc;
	const char *why = el3_tfa_boot_gap();
	unsigned int i;
	int sel1;

	if (!why)
		why = setup_gap(&s->setup);
	/* A busy partition is an S-EL1 one whose context is not waiting. */
	for (i = 0; !why && i < c->nr_partitions; i++)
		if (c->partitions[i].behaviour == SPMC_DIRECT_BUSY)
			why = acts(&g, c->partitions[i].id);
	for (i = 0; !why && i < s->steps->len; i++)
		why = step_gap(g_ptr_array_index(s->steps, i), &g);
	next_actor = g.actor >= 0 ?
		     spmc_config_find(c, c->nr_partitions, g.actor) : -1;
	next_sends_memory = g.sends_memory;
	sel1 = sel1_index(c, next_actor, next_sends_memory);
	if (!why)
		why = lp_gap(c, sel1);
	return why;
}
