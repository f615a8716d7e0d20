// SPDX-License-Identifier: GPL-2.0-only
/*
 * The structure-aware half of mutation.  Half of the time libFuzzer's own
 * byte mutator works on the encoded program (it knows the comparisons
 * ffa.c made, and any byte is still some program); the other half the
 * program is decoded and changed as a program: a well-formed step from a
 * flow a host really makes (negotiate, map, share, share in fragments,
 * reclaim, retrieve) inserted somewhere, a step dropped, repeated or
 * moved, one value or descriptor field made hostile, the SPMC or the hyp
 * told to fail.  Well-formed steps get the fuzzer deep quickly; hostile
 * values in them are what it is there for.
 */
#include <string.h>

#include "fuzz/harness.h"
#include "fuzz/machine.h"
#include "proxy/hyp/hyp.h"
#include "spmc_mock/ffa_abi.h"
#include "spmc_mock/spmc.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return r->s;
}

static unsigned int below(struct rng *r, unsigned int n)
{
	return n ? next(r) % n : 0;
}

/* Values near the edges the proxy's checks sit on. */
static uint64_t edgy(struct rng *r)
{
	static const uint64_t edges[] = {
		0, 1, 2, 15, 16, 17, 31, 32, 47, 48, 63, 64, 80, 96, 112,
		0xff, 0x100, 0xfff, 0x1000, 0x1001, 0xffff, 0x10000,
		0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff, 0x100000000ULL,
		0x8000000000000000ULL, ~0ULL,
	};

	switch (below(r, 4)) {
	case 0:
		return edges[below(r, sizeof(edges) / sizeof(edges[0]))];
	case 1:
		return next(r) & 0xffff;
	case 2:
		return (uint32_t)next(r);
	default:
		return next(r);
	}
}

static void random_val(struct rng *r, struct fz_val *v)
{
	v->kind = below(r, FV_NR_KINDS);
	v->v = v->kind == FV_RAW ? edgy(r) : next(r);
}

static void tweak_val(struct rng *r, struct fz_val *v)
{
	switch (below(r, 4)) {
	case 0:
		random_val(r, v);
		break;
	case 1:
		v->v += below(r, 2) ? 1 : -1;
		break;
	case 2:
		v->v ^= 1ULL << below(r, 64);
		break;
	default:
		v->v = edgy(r);
		break;
	}
}

static struct fz_val val_of(uint8_t kind, uint64_t v)
{
	return (struct fz_val){ .kind = kind, .v = v };
}

static unsigned int const_index(const char *text)
{
	unsigned int i;

	for (i = 0; i < fz_nr_consts; i++)
		if (!strcmp(fz_consts[i].text, text))
			return i;
	return 0;
}

static unsigned int fid_index(uint32_t fid)
{
	unsigned int i;

	for (i = 0; i < fz_nr_fids(); i++)
		if (fz_fid_base(i) == fid)
			return i;
	return 0;
}

static void set_call(struct fz_op *op, uint32_t fid)
{
	memset(op, 0, sizeof(*op));
	op->kind = FZ_CALL;
	op->call.fid = val_of(FV_FID, fid_index(fid));
}

static void set_reg(struct fz_op *op, int r, struct fz_val v)
{
	op->call.set |= 1U << r;
	op->call.x[r] = v;
}

static void template_mem(struct rng *r, struct fz_op *op, uint8_t type,
			 bool fragmented)
{
	struct fz_mem *m = &op->mem;
	unsigned int k, first = 2 + below(r, FZ_P_PAGES - 6);

	memset(op, 0, sizeof(*op));
	op->kind = FZ_MEM_SEND;
	m->type = type;
	m->layout = 1 + below(r, 2);
	m->attrs = type == FFA_MTD_TYPE_SHARE ? FFA_ATTRS_NORMAL_WB_IS : 0;
	m->nr_receivers = 1;
	m->rcv[0].id = below(r, 4) ? FZ_PART_1 : FZ_PART_2;
	m->rcv[0].perms = FFA_PERMS(FFA_DATA_RW, type == FFA_MTD_TYPE_SHARE ?
				    FFA_INSTR_NOT_SPECIFIED : FFA_INSTR_NX);
	m->nr_ranges = fragmented ? 2 + below(r, 3) : 1 + below(r, 2);
	for (k = 0; k < m->nr_ranges; k++) {
		m->range[k].at = val_of(FV_PAGE, first + k);
		m->range[k].ffa_pages = fz_m.page_size / FFA_PAGE_SIZE;
	}
	if (fragmented) {	/* header, one receiver, composite, one range */
		uint32_t v = fz_layout_version(m->layout);

		m->fragment = ffa_mtd_size_for(v) + ffa_emad_size_for(v) +
			      FFA_COMP_SIZE + FFA_CONS_SIZE;
	}
}

/* A step a well-behaved host (or a hostile SPMC or hyp) would take. */
static void template_op(struct rng *r, struct fz_op *op)
{
	switch (below(r, 20)) {
	case 0:
		set_call(op, FFA_VERSION);
		set_reg(op, 1, val_of(FV_CONST, const_index("version(1, 0)") +
				      below(r, 3)));
		break;
	case 1:
		set_call(op, FFA_FN64_RXTX_MAP);
		set_reg(op, 1, val_of(FV_PAGE, 0));
		set_reg(op, 2, val_of(FV_PAGE, 1));
		set_reg(op, 3, val_of(FV_CONST,
				      const_index("PAGE_SIZE / FFA_PAGE_SIZE")));
		break;
	case 2:
		set_call(op, FFA_RXTX_UNMAP);
		break;
	case 3:
	case 4:
		template_mem(r, op, FFA_MTD_TYPE_SHARE, false);
		break;
	case 5:
		template_mem(r, op, FFA_MTD_TYPE_LEND, false);
		break;
	case 6:
		template_mem(r, op, below(r, 2) ? FFA_MTD_TYPE_SHARE :
			     FFA_MTD_TYPE_LEND, true);
		break;
	case 7:
		memset(op, 0, sizeof(*op));
		op->kind = FZ_FRAG_TX;
		if (below(r, 2))
			op->frag.length = 16 * (1 + below(r, 3));
		break;
	case 8:
	case 9:
		set_call(op, FFA_MEM_RECLAIM);
		set_reg(op, 1, val_of(FV_HANDLE, below(r, 2) | FH_LO << 2));
		set_reg(op, 2, val_of(FV_HANDLE, below(r, 2) | FH_HI << 2));
		break;
	case 10:
	case 11:
		memset(op, 0, sizeof(*op));
		op->kind = below(r, 3) ? FZ_RETRIEVE : FZ_RELINQUISH;
		op->sp.handle = val_of(FV_HANDLE, FH_FULL << 2);
		op->sp.access = below(r, 3);
		op->sp.exec = below(r, 3);
		break;
	case 12:
		set_call(op, FFA_PARTITION_INFO_GET);
		if (below(r, 2))
			set_reg(op, 5, val_of(FV_CONST, const_index("1")));
		break;
	case 13:
		set_call(op, FFA_RX_RELEASE);
		break;
	case 14:
		set_call(op, FFA_FEATURES);
		set_reg(op, 1, val_of(FV_FID, next(r)));
		break;
	case 15:
		memset(op, 0, sizeof(*op));
		op->kind = FZ_INJECT_SPMC;
		op->ispmc.fid = below(r, fz_nr_spmc_fids);
		op->ispmc.kind = below(r, SPMC_FAULT_NR_KINDS);
		op->ispmc.value = op->ispmc.kind == SPMC_FAULT_ERROR ?
			val_of(FV_RAW, -(int64_t)(1 + below(r, 10))) :
			val_of(FV_RAW, edgy(r));
		op->ispmc.times = below(r, 4);
		break;
	case 16:
		memset(op, 0, sizeof(*op));
		op->kind = FZ_INJECT_HYP;
		op->ihyp.op = below(r, HYP_OP_COUNT);
		op->ihyp.err = below(r, fz_nr_errnos);
		op->ihyp.after = below(r, 3);
		op->ihyp.times = 1 + below(r, 2);
		break;
	case 17:
		set_call(op, below(r, 2) ? FFA_MSG_SEND_DIRECT_REQ :
			 FFA_FN64_MSG_SEND_DIRECT_REQ2);
		set_reg(op, 1, val_of(FV_CONST, const_index("sp1")));
		break;
	default: {
		int k, n = below(r, 5);

		memset(op, 0, sizeof(*op));
		op->kind = FZ_CALL;
		random_val(r, &op->call.fid);
		if (below(r, 2))
			op->call.fid = val_of(FV_FID, next(r));
		for (k = 0; k < n; k++) {
			int reg = 1 + below(r, 7);

			op->call.set |= 1U << reg;
			random_val(r, &op->call.x[reg]);
		}
		break;
	}
	}
}

static void insert_op(struct fz_prog *p, unsigned int at, const struct fz_op *op)
{
	if (p->nr_ops == FZ_MAX_OPS)
		return;
	memmove(&p->ops[at + 1], &p->ops[at], (p->nr_ops - at) * sizeof(*op));
	p->ops[at] = *op;
	p->nr_ops++;
}

/* A descriptor made hostile in one field. */
static void mutate_mem(struct rng *r, struct fz_mem *m)
{
	unsigned int k;

	switch (below(r, 12)) {
	case 0:
		k = below(r, DESC_F_NR_FIELDS);
		m->overridden |= 1U << k;
		m->override[k] = (uint32_t)edgy(r);
		break;
	case 1:
		if (m->nr_pokes < FZ_MAX_POKES) {
			struct fz_poke *pk = &m->poke[m->nr_pokes++];

			pk->offset = below(r, 160);
			pk->size = 1U << below(r, 4);
			pk->value = edgy(r);
		}
		break;
	case 2:
		m->fragment = below(r, 2) ? 16 * below(r, 12) : edgy(r);
		break;
	case 3:
		if (m->nr_receivers < FZ_MAX_RECEIVERS) {
			m->rcv[m->nr_receivers] = m->rcv[0];
			m->rcv[m->nr_receivers++].id = below(r, 2) ?
				FZ_PART_2 : (uint16_t)next(r);
		}
		break;
	case 4:
		if (m->nr_ranges < FZ_MAX_RANGES) {
			m->range[m->nr_ranges] = m->range[0];
			random_val(r, &m->range[m->nr_ranges++].at);
		}
		break;
	case 5:
		k = below(r, m->nr_ranges);
		m->range[k].ffa_pages = below(r, 2) ? below(r, 5) : edgy(r);
		break;
	case 6:
		m->layout = below(r, 3);
		break;
	case 7:
		m->type = 1 + below(r, 3);
		m->smc32 = below(r, 2);
		break;
	case 8:
		k = 1 + below(r, 4);
		m->set |= 1U << k;
		random_val(r, &m->x[k]);
		break;
	case 9:
		k = below(r, m->nr_receivers);
		m->rcv[k].perms = next(r);
		m->rcv[k].flags = below(r, 2) ? 0 : next(r);
		break;
	case 10:
		m->sender = below(r, 2) ? FZ_PART_1 : next(r);
		break;
	default:
		m->attrs = next(r);
		m->flags = below(r, 2) ? 0 : edgy(r);
		break;
	}
}

static void mutate_setup(struct rng *r, struct fz_setup *s)
{
	switch (below(r, 5)) {
	case 0:
		s->version = below(r, 3);
		break;
	case 1:
		s->retrieve_frag = below(r, 2) ? 0 : 1 + below(r, 63);
		break;
	case 2:
		s->policy = below(r, 3);
		break;
	case 3:
		s->version_first = !s->version_first;
		break;
	default:
		s->rxtx_min = below(r, 3);
		break;
	}
}

/* The opening every useful program needs, for an empty one. */
static void opening(struct rng *r, struct fz_prog *p)
{
	struct fz_op op;

	set_call(&op, FFA_VERSION);
	set_reg(&op, 1, val_of(FV_CONST, const_index("version(1, 0)") +
			       below(r, 3)));
	insert_op(p, p->nr_ops, &op);
	set_call(&op, FFA_FN64_RXTX_MAP);
	set_reg(&op, 1, val_of(FV_PAGE, 0));
	set_reg(&op, 2, val_of(FV_PAGE, 1));
	set_reg(&op, 3, val_of(FV_CONST, const_index("PAGE_SIZE / FFA_PAGE_SIZE")));
	insert_op(p, p->nr_ops, &op);
}

void fz_mutate_prog(struct fz_prog *p, uint64_t seed)
{
	struct rng r = { .s = seed | 1 };
	struct fz_val *vals[FZ_MAX_VALS];
	struct fz_op op;
	unsigned int i = below(&r, p->nr_ops), n, k;

	if (p->nr_ops < 2) {
		opening(&r, p);
		return;
	}
	switch (below(&r, 10)) {
	case 0:
	case 1:
		template_op(&r, &op);
		insert_op(p, below(&r, p->nr_ops + 1), &op);
		break;
	case 2:
		memmove(&p->ops[i], &p->ops[i + 1],
			(p->nr_ops - i - 1) * sizeof(p->ops[0]));
		p->nr_ops--;
		break;
	case 3:
		op = p->ops[i];
		insert_op(p, below(&r, p->nr_ops + 1), &op);
		break;
	case 4:
		k = below(&r, p->nr_ops);
		op = p->ops[i];
		p->ops[i] = p->ops[k];
		p->ops[k] = op;
		break;
	case 5:
	case 6:
		n = fz_op_vals(&p->ops[i], vals);
		if (n)
			tweak_val(&r, vals[below(&r, n)]);
		break;
	case 7:
		if (p->ops[i].kind == FZ_MEM_SEND)
			mutate_mem(&r, &p->ops[i].mem);
		else if (p->ops[i].kind == FZ_CALL) {
			k = 1 + below(&r, SMC_NR_REGS - 1);
			p->ops[i].call.set ^= 1U << k;
			random_val(&r, &p->ops[i].call.x[k]);
		} else if (p->ops[i].kind == FZ_FRAG_TX) {
			p->ops[i].frag.has_handle = below(&r, 2);
			p->ops[i].frag.length = below(&r, 2) ? 0 :
						16 * below(&r, 8) + below(&r, 2);
		}
		break;
	case 8:
		mutate_setup(&r, &p->setup);
		break;
	default:
		template_op(&r, &op);
		p->ops[i] = op;
		break;
	}
	fz_normalise(p);
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	static struct fz_prog p;
	size_t len;

	if (seed % 2)
		return LLVMFuzzerMutate(data, size, max_size);
	fz_decode(data, size, &p);
	fz_mutate_prog(&p, (uint64_t)seed * 0x9e3779b97f4a7c15ULL);
	len = fz_encode(&p, data, max_size);
	return len ? len : LLVMFuzzerMutate(data, size, max_size);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1,
				 const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max_out, unsigned int seed)
{
	static struct fz_prog a, b;
	struct rng r = { .s = (uint64_t)seed * 0x9e3779b97f4a7c15ULL | 1 };
	unsigned int cut_a, cut_b, k;

	fz_decode(d1, s1, &a);
	fz_decode(d2, s2, &b);
	cut_a = below(&r, a.nr_ops + 1);
	cut_b = below(&r, b.nr_ops + 1);
	for (k = cut_b; k < b.nr_ops && cut_a < FZ_MAX_OPS; k++)
		a.ops[cut_a++] = b.ops[k];
	a.nr_ops = cut_a;
	return fz_encode(&a, out, max_out);
}
