// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading TF-A's own state for the simulator's invariants and checks: the
 * memory-sharing datastore, the normal world's mailbox and version.  Only
 * reads; a datastore that does not parse is reported, never trusted.
 * The datastore's fill level lives only in TF-A's own global, which its
 * spmc_shared_mem.h declares; the build reads its name from that header
 * into TFA_DATASTORE_STATE (spmc_tfa/tfa.mk).
 *
 * And the boot-time copy of TF-A's globals, so that a new EL3 in the same
 * process starts as the first one did.
 */
#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include <lib/cassert.h>
#include <lib/spinlock.h>
#include <services/el3_spmc_ffa_memory.h>
#include <services/ffa_svc.h>

#include "spmc.h"
#include "spmc_shared_mem.h"
#include <generated/tfa_datastore.h>
#include "spmc_tfa/tfa_internal.h"

/* Defined by spmc_main.c without a declaration in its headers. */
struct ns_endpoint_desc *spmc_get_hyp_ctx(void);

/*
 * Each datastore object is a header of three size_t (descriptor size,
 * bytes received, retrievals outstanding) then the descriptor as TF-A
 * keeps it; objects follow each other without padding.  TF-A does not
 * export this layout (spmc_shared_mem.c), so it is checked where it can be.
 */
struct obj_header {
	size_t desc_size;
	size_t desc_filled;
	size_t in_use;
};
_Static_assert(sizeof(struct obj_header) % alignof(struct ffa_mtd) == 0,
	       "the descriptor follows the header directly");

#define MAX_RANGES	4096

struct parse {
	const uint8_t *d;
	size_t len;		/* bytes of the descriptor received */
	bool v1_0;
	struct tfa_txn *txn;
	struct tfa_range *ranges;
};

static bool rd32(const struct parse *p, size_t off, uint32_t *v)
{
	if (off > p->len || p->len - off < 4)
		return false;
	memcpy(v, p->d + off, 4);
	return true;
}

static bool rd64(const struct parse *p, size_t off, uint64_t *v)
{
	if (off > p->len || p->len - off < 8)
		return false;
	memcpy(v, p->d + off, 8);
	return true;
}

/* The emad array: where, how many, how big. */
static void emad_array(const struct parse *p, size_t *off, uint32_t *count,
		       uint32_t *size)
{
	*count = 0;
	if (p->v1_0) {
		*off = 32;
		*size = 16;
		rd32(p, 28, count);
		return;
	}
	*off = 0;
	*size = 0;
	rd32(p, offsetof(struct ffa_mtd, emad_size), size);
	rd32(p, offsetof(struct ffa_mtd, emad_count), count);
}

static void read_receivers(struct parse *p, uint32_t *comp_off)
{
	size_t base = 0;
	uint32_t count, size, off32 = 0, i;

	emad_array(p, &base, &count, &size);
	if (!p->v1_0 && rd32(p, offsetof(struct ffa_mtd, emad_offset), &off32))
		base = off32;
	*comp_off = 0;
	for (i = 0; i < count && p->txn->nr_receivers < TFA_MAX_RECEIVERS; i++) {
		size_t e = base + (size_t)i * size;
		struct tfa_receiver *r;
		uint32_t mapd;

		if (!size || !rd32(p, e, &mapd))
			break;
		r = &p->txn->receivers[p->txn->nr_receivers++];
		r->id = mapd & 0xffff;
		r->perms = mapd >> 16 & 0xff;
		r->flags = mapd >> 24;
		if (!*comp_off)
			rd32(p, e + 4, comp_off);
	}
}

static void read_ranges(struct parse *p, uint32_t comp_off)
{
	uint32_t count = 0, pages, i;
	uint64_t pa;

	if (!comp_off || !rd32(p, comp_off + 4, &count))
		return;
	for (i = 0; i < count && i < MAX_RANGES; i++) {
		size_t c = comp_off + 16 + (size_t)i * 16;

		if (!rd64(p, c, &pa) || !rd32(p, c + 8, &pages))
			break;
		p->ranges[p->txn->nr_ranges].pa = pa;
		p->ranges[p->txn->nr_ranges].pages = pages;
		p->txn->nr_ranges++;
	}
}

static void read_header(struct parse *p)
{
	struct tfa_txn *t = p->txn;
	uint32_t flags = 0;
	uint16_t sender = 0;

	if (p->len >= 2)
		memcpy(&sender, p->d, 2);
	t->sender = sender;
	if (p->v1_0 && p->len >= 3)
		t->attrs = p->d[2];
	else if (p->len >= 4)
		memcpy(&t->attrs, p->d + 2, 2);
	rd32(p, 4, &flags);
	t->flags = flags;
	t->type = (flags & FFA_MTD_FLAG_TYPE_MASK) >> 3;
	rd64(p, 8, &t->handle);
	rd64(p, 16, &t->tag);
}

static void parse_obj(const struct obj_header *h, bool ns_v1_0,
		      struct tfa_txn *t, struct tfa_range *ranges)
{
	struct parse p = {
		.d = (const uint8_t *)(h + 1),
		.len = h->desc_filled,
		.txn = t,
		.ranges = ranges,
	};
	uint32_t comp_off;

	memset(t, 0, sizeof(*t));
	t->complete = h->desc_filled == h->desc_size;
	/* Complete 1.0 descriptors are converted to 1.1 when stored. */
	p.v1_0 = !t->complete && ns_v1_0;
	t->v1_0_layout = p.v1_0;
	t->total_len = h->desc_size;
	t->received_len = h->desc_filled;
	t->in_use = h->in_use;
	read_header(&p);
	read_receivers(&p, &comp_off);
	read_ranges(&p, comp_off);
	t->ranges = ranges;
}

int tfa_for_each_txn(struct tfa_spmc *tfa, tfa_txn_fn fn, void *ctx)
{
	static struct tfa_range ranges[MAX_RANGES];
	__typeof__(TFA_DATASTORE_STATE) *st = &TFA_DATASTORE_STATE;
	bool v1_0 = tfa_ns_version(tfa) == MAKE_FFA_VERSION(1, 0);
	size_t off = 0;
	struct tfa_txn t;

	while (off < st->allocated) {
		const struct obj_header *h = (const void *)(st->data + off);

		if (st->allocated - off < sizeof(*h) ||
		    h->desc_size > st->allocated - off - sizeof(*h) ||
		    h->desc_filled > h->desc_size)
			return -EINVAL;
		parse_obj(h, v1_0, &t, ranges);
		fn(ctx, &t);
		off += sizeof(*h) + h->desc_size;
	}
	return 0;
}

void tfa_mailbox(const struct tfa_spmc *tfa, struct tfa_mailbox *mb)
{
	const struct mailbox *m = spmc_get_mbox_desc(false);

	(void)tfa;
	memset(mb, 0, sizeof(*mb));
	mb->mapped = m->rx_buffer != NULL;
	mb->rx_pa = (uintptr_t)m->rx_buffer;
	mb->tx_pa = (uintptr_t)m->tx_buffer;
	mb->pages = m->rxtx_page_count;
	mb->rx_full = m->state == MAILBOX_STATE_FULL;
}

uint32_t tfa_ns_version(const struct tfa_spmc *tfa)
{
	(void)tfa;
	return spmc_get_hyp_ctx()->ffa_version;
}

bool tfa_lp_last_msg(const struct tfa_spmc *tfa, uint16_t id,
		     struct tfa_lp_msgs *msgs)
{
	if (tfa->cfg.sel1.id && id == tfa->cfg.sel1.id)
		*msgs = tfa->sel1.msgs;
	else if (id == tfa->cfg.lp.id)
		*msgs = tfa->lp_msgs;
	else
		return false;
	return true;
}

void tfa_datastore_use(size_t *used, size_t *size)
{
	*used = TFA_DATASTORE_STATE.allocated;
	*size = TFA_DATASTORE_STATE.data_size;
}

/*
 * TF-A's globals, gathered into two sections when its objects are linked
 * (spmc_tfa/tfa.mk).  Copied byte by byte without the sanitizer's checks:
 * under ASan the sections hold the redzones between globals too.
 */
extern char __start_tfa_data[], __stop_tfa_data[];
extern char __start_tfa_bss[], __stop_tfa_bss[];

static char *boot_copy;

__attribute__((no_sanitize_address, no_sanitize("thread")))
static void copy_bytes(volatile char *dst, const volatile char *src, size_t n)
{
	while (n--)
		*dst++ = *src++;
}

void tfa_state_save(void)
{
	size_t nd = __stop_tfa_data - __start_tfa_data;
	size_t nb = __stop_tfa_bss - __start_tfa_bss;

	boot_copy = malloc(nd + nb);
	if (!boot_copy)
		tfa_fatal("out of memory", "saving TF-A's boot state");
	copy_bytes(boot_copy, __start_tfa_data, nd);
	copy_bytes(boot_copy + nd, __start_tfa_bss, nb);
}

void tfa_state_restore(void)
{
	size_t nd = __stop_tfa_data - __start_tfa_data;
	size_t nb = __stop_tfa_bss - __start_tfa_bss;

	copy_bytes(__start_tfa_data, boot_copy, nd);
	copy_bytes(__start_tfa_bss, boot_copy + nd, nb);
}
