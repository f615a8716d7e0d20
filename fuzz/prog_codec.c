// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs to bytes and back.  The format is a 5-byte set-up, then each
 * step as a kind byte and its fields, little-endian, only the receivers,
 * ranges, pokes and registers in use.  Decoding never fails: a short input
 * reads zeros, every field is folded into its range, and what is left over
 * is ignored, so that libFuzzer's own byte mutations always produce some
 * program and the custom mutator can decode, change and re-encode.
 */
#include <string.h>

#include "fuzz/prog.h"
#include "proxy/hyp/hyp.h"
#include "spmc_mock/spmc.h"

struct writer {
	uint8_t *p;
	size_t cap, off;
	bool full;
};

static void put(struct writer *w, uint64_t v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++, w->off++) {
		if (w->off >= w->cap) {
			w->full = true;
			return;
		}
		w->p[w->off] = (uint8_t)(v >> (8 * i));
	}
}

/* Into [min, max], leaving values already there alone. */
static uint8_t fold(unsigned int v, unsigned int min, unsigned int max)
{
	return (uint8_t)(v >= min && v <= max ? v : min + v % (max + 1 - min));
}

static void norm_val(struct fz_val *v)
{
	v->kind %= FV_NR_KINDS;
	switch (v->kind) {
	case FV_ZERO:
		v->v = 0;
		break;
	case FV_CONST:
		v->v %= fz_nr_consts;
		break;
	case FV_PAGE:
		v->v = (v->v & 0xff) % FR_NR_REGIONS |
		       (((v->v >> 8) & 0xff) % FZ_PAGE_OFFSETS) << 8;
		break;
	case FV_HANDLE:
		v->v &= 0xf;
		break;
	case FV_FID:
		v->v = (v->v & 0xff) % fz_nr_fids() | (v->v & 0x300);
		break;
	}
}

static void norm_mem(struct fz_mem *m)
{
	unsigned int i;

	m->type = fold(m->type, 1, 3);
	m->smc32 = !!m->smc32;
	m->layout %= 3;
	m->nr_receivers = fold(m->nr_receivers, 1, FZ_MAX_RECEIVERS);
	m->nr_ranges = fold(m->nr_ranges, 1, FZ_MAX_RANGES);
	for (i = 0; i < m->nr_ranges; i++)
		norm_val(&m->range[i].at);
	m->overridden &= (1U << DESC_F_NR_FIELDS) - 1;
	m->nr_pokes = fold(m->nr_pokes, 0, FZ_MAX_POKES);
	for (i = 0; i < m->nr_pokes; i++) {
		struct fz_poke *pk = &m->poke[i];

		pk->offset %= 512;
		pk->size = 1U << (__builtin_ctz(pk->size | 8) & 3);
		if (pk->size < 8)
			pk->value &= (1ULL << (8 * pk->size)) - 1;
	}
	m->set &= 0x1e;
	for (i = 1; i < 5; i++)
		norm_val(&m->x[i]);
}

static void norm_op(struct fz_op *op)
{
	unsigned int i;

	op->kind %= FZ_NR_OP_KINDS;
	switch (op->kind) {
	case FZ_CALL:
		norm_val(&op->call.fid);
		op->call.set &= 0x3fffe;
		for (i = 1; i < SMC_NR_REGS; i++)
			norm_val(&op->call.x[i]);
		break;
	case FZ_MEM_SEND:
		norm_mem(&op->mem);
		break;
	case FZ_FRAG_TX:
		op->frag.has_handle = !!op->frag.has_handle;
		norm_val(&op->frag.handle);
		break;
	case FZ_INJECT_SPMC:
		op->ispmc.fid %= fz_nr_spmc_fids;
		op->ispmc.kind %= SPMC_FAULT_NR_KINDS;
		norm_val(&op->ispmc.value);
		op->ispmc.times %= 4;
		break;
	case FZ_INJECT_HYP:
		op->ihyp.op %= HYP_OP_COUNT;
		op->ihyp.err %= fz_nr_errnos;
		op->ihyp.after %= 4;
		op->ihyp.times %= 4;
		break;
	default:
		op->sp.part &= 1;
		norm_val(&op->sp.handle);
		op->sp.access %= 3;
		op->sp.exec %= 3;
		op->sp.type %= 4;
		break;
	}
}

void fz_normalise(struct fz_prog *p)
{
	unsigned int i;

	p->setup.version %= 3;
	p->setup.retrieve_frag %= 64;
	p->setup.policy %= 3;
	p->setup.version_first = !!p->setup.version_first;
	p->setup.rxtx_min %= 3;
	if (p->nr_ops > FZ_MAX_OPS)
		p->nr_ops = FZ_MAX_OPS;
	for (i = 0; i < p->nr_ops; i++)
		norm_op(&p->ops[i]);
}

static void get_val(struct fz_reader *r, struct fz_val *v)
{
	v->kind = (uint8_t)fz_take(r, 1);
	v->v = fz_take(r, 8);
}

static void put_val(struct writer *w, const struct fz_val *v)
{
	put(w, v->kind, 1);
	put(w, v->v, 8);
}

/*
 * One function walks the fields for both directions, so that the reader
 * and the writer cannot drift apart: @r set reads into @op, else @w
 * writes from it.
 */
struct codec {
	struct fz_reader *r;
	struct writer *w;
};

static void field(struct codec *c, void *dst, unsigned int bytes)
{
	uint64_t v = 0;

	if (c->r) {
		v = fz_take(c->r, bytes);
		memcpy(dst, &v, bytes);	/* little-endian host */
	} else {
		memcpy(&v, dst, bytes);
		put(c->w, v, bytes);
	}
}

static void val(struct codec *c, struct fz_val *v)
{
	if (c->r)
		get_val(c->r, v);
	else
		put_val(c->w, v);
}

/* A count that bounds the fields after it: read, folded, then used. */
static unsigned int count(struct codec *c, uint8_t *n, unsigned int max,
			  unsigned int min)
{
	field(c, n, 1);
	if (c->r)
		*n = fold(*n, min, max);
	return *n;
}

static void codec_mem(struct codec *c, struct fz_mem *m)
{
	unsigned int i, n;
	uint8_t b = (uint8_t)((m->type & 3) | m->smc32 << 2 | (m->layout & 3) << 3);

	field(c, &b, 1);
	if (c->r) {
		m->type = b & 3;
		m->smc32 = b & 4;
		m->layout = (b >> 3) & 3;
	}
	field(c, &m->sender, 2);
	field(c, &m->attrs, 2);
	field(c, &m->flags, 4);
	field(c, &m->tag, 8);
	field(c, &m->handle, 8);
	n = count(c, &m->nr_receivers, FZ_MAX_RECEIVERS, 1);
	for (i = 0; i < n; i++) {
		field(c, &m->rcv[i].id, 2);
		field(c, &m->rcv[i].perms, 1);
		field(c, &m->rcv[i].flags, 1);
	}
	n = count(c, &m->nr_ranges, FZ_MAX_RANGES, 1);
	for (i = 0; i < n; i++) {
		val(c, &m->range[i].at);
		field(c, &m->range[i].ffa_pages, 4);
	}
	field(c, &m->overridden, 1);
	for (i = 0; i < DESC_F_NR_FIELDS; i++)
		if (m->overridden & (1U << i))
			field(c, &m->override[i], 4);
	n = count(c, &m->nr_pokes, FZ_MAX_POKES, 0);
	for (i = 0; i < n; i++) {
		field(c, &m->poke[i].offset, 2);
		field(c, &m->poke[i].size, 1);
		field(c, &m->poke[i].value, 8);
	}
	field(c, &m->fragment, 2);
	field(c, &m->set, 1);
	for (i = 1; i < 5; i++)
		if (m->set & (1U << i))
			val(c, &m->x[i]);
}

static void codec_op(struct codec *c, struct fz_op *op)
{
	unsigned int i;

	switch (op->kind) {
	case FZ_CALL:
		val(c, &op->call.fid);
		field(c, &op->call.set, 3);
		for (i = 1; i < SMC_NR_REGS; i++)
			if (op->call.set & (1U << i))
				val(c, &op->call.x[i]);
		break;
	case FZ_MEM_SEND:
		codec_mem(c, &op->mem);
		break;
	case FZ_FRAG_TX:
		field(c, &op->frag.length, 2);
		field(c, &op->frag.has_handle, 1);
		if (c->r)
			op->frag.has_handle &= 1;
		if (op->frag.has_handle)
			val(c, &op->frag.handle);
		break;
	case FZ_INJECT_SPMC:
		field(c, &op->ispmc.fid, 1);
		field(c, &op->ispmc.kind, 1);
		val(c, &op->ispmc.value);
		field(c, &op->ispmc.times, 1);
		break;
	case FZ_INJECT_HYP:
		field(c, &op->ihyp.op, 1);
		field(c, &op->ihyp.err, 1);
		field(c, &op->ihyp.after, 1);
		field(c, &op->ihyp.times, 1);
		break;
	default:
		field(c, &op->sp.part, 1);
		val(c, &op->sp.handle);
		field(c, &op->sp.access, 1);
		field(c, &op->sp.exec, 1);
		field(c, &op->sp.type, 1);
		break;
	}
}

static void codec_setup(struct codec *c, struct fz_setup *s)
{
	field(c, &s->version, 1);
	field(c, &s->retrieve_frag, 1);
	field(c, &s->policy, 1);
	field(c, &s->version_first, 1);
	if (c->r)
		s->version_first &= 1;
	field(c, &s->rxtx_min, 1);
}

void fz_decode(const uint8_t *data, size_t size, struct fz_prog *p)
{
	struct fz_reader r = { .p = data, .n = size };
	struct codec c = { .r = &r };

	memset(p, 0, sizeof(*p));
	codec_setup(&c, &p->setup);
	while (r.off < r.n && p->nr_ops < FZ_MAX_OPS) {
		struct fz_op *op = &p->ops[p->nr_ops++];

		op->kind = (uint8_t)(fz_take(&r, 1) % FZ_NR_OP_KINDS);
		codec_op(&c, op);
	}
	fz_normalise(p);
}

size_t fz_encode(const struct fz_prog *p, uint8_t *out, size_t cap)
{
	struct writer w = { .p = out, .cap = cap };
	struct codec c = { .w = &w };
	struct fz_prog copy = *p;
	unsigned int i;
	size_t last;

	codec_setup(&c, &copy.setup);
	for (i = 0; i < copy.nr_ops; i++) {
		last = w.off;
		put(&w, copy.ops[i].kind, 1);
		codec_op(&c, &copy.ops[i]);
		if (w.full)
			return last;
	}
	return w.full ? 0 : w.off;
}
