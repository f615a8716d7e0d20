// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory transaction descriptors (DEN0077A "Memory management"): parsing
 * and validating what the sender wrote, in the 1.0, 1.1 or 1.2 layout, and
 * building the descriptor handed back by a retrieve.
 *
 * Checks that only need the header and the endpoint array run on the first
 * fragment, so a bad transaction fails before any handle exists; checks on
 * the composite region and its constituents wait for the last fragment.
 */
#include <stdlib.h>
#include <string.h>

#include "spmc_mock/spmc_internal.h"

static bool all_zero(const uint8_t *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

struct emad_layout {
	uint32_t offset;
	uint32_t size;
	uint32_t count;
};

static int emad_layout_1_0(const uint8_t *d, struct emad_layout *l)
{
	if (d[FFA_MTD_V1_0_RESERVED_3] || ffa_get32(d + FFA_MTD_EMAD_SIZE))
		return FFA_RET_INVALID_PARAMETERS;
	l->offset = FFA_MTD_SIZE_1_0;
	l->size = FFA_EMAD_SIZE_1_0;
	return 0;
}

/*
 * 1.1 gave the header the EMAD size and offset so that later versions can
 * grow the EMAD; a size we do not know for the negotiated version, or an
 * offset into the header, is refused.
 */
static int emad_layout_1_1(const uint8_t *d, uint32_t version,
			   struct emad_layout *l)
{
	l->size = ffa_get32(d + FFA_MTD_EMAD_SIZE);
	l->offset = ffa_get32(d + FFA_MTD_EMAD_OFFSET);
	if (!all_zero(d + FFA_MTD_RESERVED_36, 12))
		return FFA_RET_INVALID_PARAMETERS;
	if (l->size != FFA_EMAD_SIZE_1_0 &&
	    !(l->size == FFA_EMAD_SIZE_1_2 && version >= FFA_VERSION_1_2))
		return FFA_RET_INVALID_PARAMETERS;
	if (l->offset < FFA_MTD_SIZE_1_1 || l->offset % 16)
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

static int parse_emad(struct spmc_txn *t, const uint8_t *e, uint32_t size,
		      struct spmc_txn_receiver *r)
{
	r->id = ffa_get16(e + FFA_EMAD_ID);
	r->perms = e[FFA_EMAD_PERMS];
	r->flags = e[FFA_EMAD_FLAGS];
	if (ffa_get32(e + FFA_EMAD_COMP_OFFSET) != t->comp_offset)
		return FFA_RET_INVALID_PARAMETERS;
	if (size == FFA_EMAD_SIZE_1_2) {
		memcpy(r->impdef, e + FFA_EMAD_IMPDEF_1_2, FFA_EMAD_IMPDEF_LEN);
		return ffa_get64(e + FFA_EMAD_RESERVED_1_2) ?
			       FFA_RET_INVALID_PARAMETERS : 0;
	}
	return ffa_get64(e + FFA_EMAD_RESERVED_1_0) ?
		       FFA_RET_INVALID_PARAMETERS : 0;
}

static int parse_emads(struct spmc_txn *t, const struct emad_layout *l,
		       uint32_t frag_len)
{
	uint64_t end = l->offset + (uint64_t)l->size * l->count;
	const uint8_t *e = t->desc + l->offset;
	unsigned int i;
	int ret;

	if (!l->count || l->count > SPMC_MAX_PARTITIONS)
		return FFA_RET_INVALID_PARAMETERS;
	/* The whole endpoint array must come in the first fragment. */
	if (end > frag_len)
		return FFA_RET_INVALID_PARAMETERS;
	t->comp_offset = ffa_get32(e + FFA_EMAD_COMP_OFFSET);
	if (t->comp_offset < end || t->comp_offset % 16)
		return FFA_RET_INVALID_PARAMETERS;
	for (i = 0; i < l->count; i++, e += l->size) {
		ret = parse_emad(t, e, l->size, &t->receivers[i]);
		if (ret)
			return ret;
	}
	t->nr_receivers = l->count;
	return 0;
}

int mem_desc_parse_header(struct spmc_txn *t, uint32_t frag_len)
{
	const uint8_t *d = t->desc;
	bool v1_0 = t->version == FFA_VERSION_1_0;
	struct emad_layout l;
	int ret;

	if (frag_len < ffa_mtd_size_for(t->version))
		return FFA_RET_INVALID_PARAMETERS;
	t->sender = ffa_get16(d + FFA_MTD_SENDER);
	t->attrs = v1_0 ? d[FFA_MTD_ATTRS] : ffa_get16(d + FFA_MTD_ATTRS);
	t->flags = ffa_get32(d + FFA_MTD_FLAGS);
	t->tag = ffa_get64(d + FFA_MTD_TAG);
	/* The SPMC allocates the handle; a sender has none to give. */
	if (ffa_get64(d + FFA_MTD_HANDLE))
		return FFA_RET_INVALID_PARAMETERS;
	ret = v1_0 ? emad_layout_1_0(d, &l) :
		     emad_layout_1_1(d, t->version, &l);
	if (ret)
		return ret;
	l.count = ffa_get32(d + FFA_MTD_EMAD_COUNT);
	return parse_emads(t, &l, frag_len);
}

/* Constituents received so far, for the held-memory queries. */
void mem_desc_collect_ranges(struct spmc_txn *t)
{
	uint64_t start = (uint64_t)t->comp_offset + FFA_COMP_SIZE;
	uint64_t n = 0, i;
	const uint8_t *c;

	if (t->received_len > start)
		n = (t->received_len - start) / FFA_CONS_SIZE;
	free(t->ranges);
	t->ranges = n ? calloc(n, sizeof(*t->ranges)) : NULL;
	t->nr_ranges = t->ranges ? (unsigned int)n : 0;
	t->total_pages = 0;
	for (i = 0; i < t->nr_ranges; i++) {
		c = t->desc + start + i * FFA_CONS_SIZE;
		t->ranges[i].pa = ffa_get64(c + FFA_CONS_ADDR);
		t->ranges[i].pages = ffa_get32(c + FFA_CONS_PAGES);
		t->total_pages += t->ranges[i].pages;
	}
}

/* ---- header semantics, on the first fragment ---- */

/*
 * Share, or lend to several borrowers: the sender states the attributes
 * and they must be the ones every party can map coherently (normal
 * write-back or device nGnRnE, inner shareable).  Lend to one borrower and
 * donate: the borrower chooses, so the sender leaves them unspecified.
 */
static int check_attributes(const struct spmc_txn *t)
{
	unsigned int type = (t->attrs & FFA_ATTR_TYPE_MASK) >> 4;
	unsigned int cache = (t->attrs & FFA_ATTR_CACHE_MASK) >> 2;
	unsigned int share = t->attrs & FFA_ATTR_SHARE_MASK;
	bool sender_states = t->op == SPMC_MEM_SHARE ||
			     (t->op == SPMC_MEM_LEND && t->nr_receivers > 1);

	/* The NS bit and everything above it are MBZ from a sender. */
	if (t->attrs & ~(FFA_ATTR_TYPE_MASK | FFA_ATTR_CACHE_MASK |
			 FFA_ATTR_SHARE_MASK))
		return FFA_RET_INVALID_PARAMETERS;
	if (!sender_states)
		return t->attrs ? FFA_RET_INVALID_PARAMETERS : 0;
	if (type == FFA_MEM_TYPE_NOT_SPECIFIED && t->op == SPMC_MEM_LEND &&
	    !t->attrs)
		return 0;
	if (type != FFA_MEM_TYPE_NORMAL && type != FFA_MEM_TYPE_DEVICE)
		return FFA_RET_INVALID_PARAMETERS;
	if (type == FFA_MEM_TYPE_NORMAL && cache != FFA_MEM_CACHE_WRITE_BACK)
		return FFA_RET_DENIED;
	if (type == FFA_MEM_TYPE_DEVICE && cache != FFA_MEM_DEV_NGNRNE)
		return FFA_RET_DENIED;
	if (share != FFA_MEM_INNER_SHAREABLE)
		return FFA_RET_DENIED;
	return 0;
}

/*
 * Zeroing makes no sense for share (the owner keeps access); the
 * transaction-type field is the SPMC's to fill in a retrieve response.
 */
static int check_flags(const struct spmc_txn *t)
{
	if (t->flags & ~(FFA_MTD_FLAG_ZERO_MEMORY | FFA_MTD_FLAG_TIME_SLICE))
		return FFA_RET_INVALID_PARAMETERS;
	if (t->op == SPMC_MEM_SHARE && (t->flags & FFA_MTD_FLAG_ZERO_MEMORY))
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

/*
 * Data access: share and lend grant RO or RW; donate leaves it to the new
 * owner.  Instruction access is never the sender's to give: share is
 * always NX, and lend/donate borrowers ask for it when they retrieve.
 */
static int check_permissions(const struct spmc_txn *t, uint8_t perms)
{
	unsigned int data = FFA_PERM_DATA(perms);
	unsigned int instr = FFA_PERM_INSTR(perms);

	if (perms & ~(FFA_PERM_DATA_MASK | FFA_PERM_INSTR_MASK))
		return FFA_RET_INVALID_PARAMETERS;
	if (data == FFA_DATA_RESERVED || instr != FFA_INSTR_NOT_SPECIFIED)
		return FFA_RET_INVALID_PARAMETERS;
	if (t->op == SPMC_MEM_DONATE)
		return data == FFA_DATA_NOT_SPECIFIED ?
			       0 : FFA_RET_INVALID_PARAMETERS;
	return data == FFA_DATA_NOT_SPECIFIED ? FFA_RET_INVALID_PARAMETERS : 0;
}

static int check_receiver(struct spmc *s, const struct spmc_txn *t,
			  unsigned int idx)
{
	const struct spmc_txn_receiver *r = &t->receivers[idx];
	unsigned int j;

	if (!spmc_find_partition(s, r->id))
		return FFA_RET_INVALID_PARAMETERS;
	if (r->flags & ~FFA_EMAD_FLAG_NON_RETRIEVAL)
		return FFA_RET_INVALID_PARAMETERS;
	for (j = 0; j < idx; j++)
		if (t->receivers[j].id == r->id)
			return FFA_RET_INVALID_PARAMETERS;
	return check_permissions(t, r->perms);
}

int mem_desc_validate_header(struct spmc *s, const struct spmc_txn *t)
{
	unsigned int i;
	int ret;

	/* Only endpoint 0 lives on this instance; it cannot send as another. */
	if (t->sender != 0)
		return FFA_RET_DENIED;
	if (t->op == SPMC_MEM_DONATE && t->nr_receivers != 1)
		return FFA_RET_INVALID_PARAMETERS;
	for (i = 0; i < t->nr_receivers; i++) {
		ret = check_receiver(s, t, i);
		if (ret)
			return ret;
	}
	ret = check_flags(t);
	return ret ? ret : check_attributes(t);
}

/* ---- composite and constituents, on the last fragment ---- */

static bool ranges_overlap(const struct spmc_range *a,
			   const struct spmc_range *b)
{
	uint64_t a_end = a->pa + a->pages * FFA_PAGE_SIZE;
	uint64_t b_end = b->pa + b->pages * FFA_PAGE_SIZE;

	return a->pa < b_end && b->pa < a_end;
}

static int check_range(struct spmc *s, const struct spmc_range *r)
{
	if (r->pa % FFA_PAGE_SIZE || !r->pages)
		return FFA_RET_INVALID_PARAMETERS;
	if (r->pa + r->pages * FFA_PAGE_SIZE < r->pa)
		return FFA_RET_INVALID_PARAMETERS;
	/* Not normal-world memory the sender owns: refuse to take it. */
	if (!physmem_is_ram(s->pm, r->pa, r->pages * FFA_PAGE_SIZE))
		return FFA_RET_DENIED;
	return 0;
}

/* Pages already in another transaction are not the owner's to give. */
static int check_other_txns(struct spmc *s, const struct spmc_txn *t,
			    const struct spmc_range *r)
{
	unsigned int i, j;

	for (i = 0; i < SPMC_MAX_TXNS; i++) {
		const struct spmc_txn *o = &s->txns[i];

		if (!o->in_use || o == t)
			continue;
		for (j = 0; j < o->nr_ranges; j++)
			if (ranges_overlap(r, &o->ranges[j]))
				return FFA_RET_DENIED;
	}
	return 0;
}

static int check_ranges(struct spmc *s, const struct spmc_txn *t)
{
	unsigned int i, j;
	int ret;

	for (i = 0; i < t->nr_ranges; i++) {
		ret = check_range(s, &t->ranges[i]);
		if (ret)
			return ret;
		for (j = 0; j < i; j++)
			if (ranges_overlap(&t->ranges[i], &t->ranges[j]))
				return FFA_RET_INVALID_PARAMETERS;
	}
	for (i = 0; i < t->nr_ranges; i++) {
		ret = check_other_txns(s, t, &t->ranges[i]);
		if (ret)
			return ret;
	}
	return 0;
}

static int check_composite(const struct spmc_txn *t)
{
	const uint8_t *c = t->desc + t->comp_offset;
	uint64_t expected;
	uint32_t count, i;

	if ((uint64_t)t->comp_offset + FFA_COMP_SIZE > t->total_len)
		return FFA_RET_INVALID_PARAMETERS;
	count = ffa_get32(c + FFA_COMP_RANGE_COUNT);
	expected = t->comp_offset + FFA_COMP_SIZE +
		   (uint64_t)count * FFA_CONS_SIZE;
	if (!count || expected != t->total_len)
		return FFA_RET_INVALID_PARAMETERS;
	if (ffa_get64(c + FFA_COMP_RESERVED))
		return FFA_RET_INVALID_PARAMETERS;
	for (i = 0; i < count; i++)
		if (ffa_get32(c + FFA_COMP_SIZE + i * FFA_CONS_SIZE +
			      FFA_CONS_RESERVED))
			return FFA_RET_INVALID_PARAMETERS;
	if (t->nr_ranges != count ||
	    ffa_get32(c + FFA_COMP_TOTAL_PAGES) != t->total_pages)
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

int mem_desc_validate(struct spmc *s, struct spmc_txn *t)
{
	int ret = check_composite(t);

	return ret ? ret : check_ranges(s, t);
}

/* ---- retrieve response ---- */

static void build_header(const struct spmc_txn *t, uint32_t version,
			 uint8_t *d, uint32_t emad_size)
{
	uint32_t type = (uint32_t)t->op << FFA_MTD_FLAG_TYPE_SHIFT;

	ffa_put16(d + FFA_MTD_SENDER, t->sender);
	/* From 1.1 the SPMC marks normal-world memory non-secure. */
	if (version == FFA_VERSION_1_0)
		d[FFA_MTD_ATTRS] = (uint8_t)t->attrs;
	else
		ffa_put16(d + FFA_MTD_ATTRS, t->attrs | FFA_ATTR_NS);
	ffa_put32(d + FFA_MTD_FLAGS, t->flags | type);
	ffa_put64(d + FFA_MTD_HANDLE, t->handle);
	ffa_put64(d + FFA_MTD_TAG, t->tag);
	ffa_put32(d + FFA_MTD_EMAD_COUNT, t->nr_receivers);
	if (version >= FFA_VERSION_1_1) {
		ffa_put32(d + FFA_MTD_EMAD_SIZE, emad_size);
		ffa_put32(d + FFA_MTD_EMAD_OFFSET, FFA_MTD_SIZE_1_1);
	}
}

static void build_emad(const struct spmc_txn_receiver *r, uint8_t *e,
		       uint32_t emad_size, uint32_t comp_offset)
{
	ffa_put16(e + FFA_EMAD_ID, r->id);
	e[FFA_EMAD_PERMS] = r->perms;
	e[FFA_EMAD_FLAGS] = r->flags;
	ffa_put32(e + FFA_EMAD_COMP_OFFSET, comp_offset);
	if (emad_size == FFA_EMAD_SIZE_1_2)
		memcpy(e + FFA_EMAD_IMPDEF_1_2, r->impdef, FFA_EMAD_IMPDEF_LEN);
}

static void build_composite(const struct spmc_txn *t, uint8_t *c)
{
	unsigned int i;

	ffa_put32(c + FFA_COMP_TOTAL_PAGES, (uint32_t)t->total_pages);
	ffa_put32(c + FFA_COMP_RANGE_COUNT, t->nr_ranges);
	for (i = 0; i < t->nr_ranges; i++) {
		uint8_t *k = c + FFA_COMP_SIZE + i * FFA_CONS_SIZE;

		ffa_put64(k + FFA_CONS_ADDR, t->ranges[i].pa);
		ffa_put32(k + FFA_CONS_PAGES, (uint32_t)t->ranges[i].pages);
	}
}

/*
 * The whole transaction as the SPMC holds it, in @version's layout:
 * header, every receiver, then the composite region.
 */
int mem_desc_build(const struct spmc_txn *t, uint32_t version, uint8_t **buf,
		   uint32_t *len)
{
	uint32_t hdr = (uint32_t)ffa_mtd_size_for(version);
	uint32_t emad_size = (uint32_t)ffa_emad_size_for(version);
	uint32_t comp = hdr + emad_size * t->nr_receivers;
	uint32_t total = comp + FFA_COMP_SIZE + FFA_CONS_SIZE * t->nr_ranges;
	unsigned int i;
	uint8_t *d;

	d = calloc(1, total);
	if (!d)
		return FFA_RET_NO_MEMORY;
	build_header(t, version, d, emad_size);
	for (i = 0; i < t->nr_receivers; i++)
		build_emad(&t->receivers[i], d + hdr + i * emad_size,
			   emad_size, comp);
	build_composite(t, d + comp);
	*buf = d;
	*len = total;
	return 0;
}
