// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory transaction descriptor builder (DEN0077A, "Memory management"):
 * header, endpoint memory access descriptors, one composite region and its
 * constituents, laid out in the 1.0, 1.1 or 1.2 format.
 *
 * Overrides and pokes exist to make descriptors wrong on purpose, so they
 * never move anything: the layout, and so the length, is always the one
 * the spec's fields describe, and the forced values merely lie about it.
 */
#include <stddef.h>
#include <string.h>

#include "sim/lang/desc.h"
#include "spmc_mock/ffa_abi.h"

static const char *const field_names[DESC_F_NR_FIELDS] = {
	[DESC_F_EMAD_SIZE]	= "emad_size",
	[DESC_F_EMAD_COUNT]	= "emad_count",
	[DESC_F_EMAD_OFFSET]	= "emad_offset",
	[DESC_F_COMP_OFFSET]	= "comp_offset",
	[DESC_F_TOTAL_PAGES]	= "total_pages",
	[DESC_F_RANGE_COUNT]	= "range_count",
};

/* Where things really are, whatever the overrides claim. */
struct desc_layout {
	size_t emad_size;
	size_t emad_offset;
	size_t comp_offset;
	size_t length;
};

void desc_spec_init(struct desc_spec *spec, uint32_t version)
{
	memset(spec, 0, sizeof(*spec));
	spec->version = version;
}

void desc_spec_reset(struct desc_spec *spec, uint32_t version)
{
	memset(spec, 0, offsetof(struct desc_spec, receivers));
	spec->version = version;
}

void desc_set_override(struct desc_spec *spec, enum desc_field field,
		       uint64_t value)
{
	if ((unsigned int)field >= DESC_F_NR_FIELDS)
		return;
	spec->overridden[field] = true;
	spec->override[field] = value;
}

int desc_field_lookup(const char *name)
{
	int i;

	for (i = 0; name && i < DESC_F_NR_FIELDS; i++)
		if (!strcmp(name, field_names[i]))
			return i;
	return -1;
}

const char *desc_field_name(enum desc_field field)
{
	if ((unsigned int)field >= DESC_F_NR_FIELDS)
		return NULL;
	return field_names[field];
}

static bool layout_known(uint32_t version)
{
	return version == FFA_VERSION_1_0 || version == FFA_VERSION_1_1 ||
	       version == FFA_VERSION_1_2;
}

static bool desc_layout(const struct desc_spec *spec, struct desc_layout *l)
{
	if (!layout_known(spec->version) ||
	    spec->nr_receivers > DESC_MAX_RECEIVERS ||
	    spec->nr_ranges > DESC_MAX_RANGES)
		return false;
	l->emad_size = ffa_emad_size_for(spec->version);
	l->emad_offset = ffa_mtd_size_for(spec->version);
	l->comp_offset = l->emad_offset + l->emad_size * spec->nr_receivers;
	l->length = l->comp_offset + FFA_COMP_SIZE +
		    (size_t)FFA_CONS_SIZE * spec->nr_ranges;
	return true;
}

size_t desc_length(const struct desc_spec *spec)
{
	struct desc_layout l;

	return desc_layout(spec, &l) ? l.length : 0;
}

/*
 * Every field is 32 bits wide: a wider value would be cut silently, and
 * 1.0 has no size or offset field for an override to land in.
 */
static bool overrides_valid(const struct desc_spec *spec)
{
	int i;

	for (i = 0; i < DESC_F_NR_FIELDS; i++)
		if (spec->overridden[i] && spec->override[i] > UINT32_MAX)
			return false;
	return spec->version != FFA_VERSION_1_0 ||
	       (!spec->overridden[DESC_F_EMAD_SIZE] &&
		!spec->overridden[DESC_F_EMAD_OFFSET]);
}

static bool poke_valid(const struct desc_poke *p)
{
	if (p->size != 1 && p->size != 2 && p->size != 4 && p->size != 8)
		return false;
	return p->size == 8 || !(p->value >> (8 * p->size));
}

/* Length once pokes past the end have grown it; 0 if a poke is bad. */
static size_t length_with_pokes(const struct desc_spec *spec, size_t length)
{
	unsigned int i;

	if (spec->nr_pokes > DESC_MAX_POKES)
		return 0;
	for (i = 0; i < spec->nr_pokes; i++) {
		const struct desc_poke *p = &spec->pokes[i];

		if (!poke_valid(p))
			return 0;
		if ((size_t)p->offset + p->size > length)
			length = (size_t)p->offset + p->size;
	}
	return length;
}

static uint32_t field_value(const struct desc_spec *spec,
			    enum desc_field field, uint64_t computed)
{
	return (uint32_t)(spec->overridden[field] ? spec->override[field] :
						    computed);
}

static void put_header(const struct desc_spec *spec,
		       const struct desc_layout *l, uint8_t *buf)
{
	bool v1_0 = spec->version == FFA_VERSION_1_0;

	ffa_put16(buf + FFA_MTD_SENDER, spec->sender);
	if (v1_0)
		buf[FFA_MTD_ATTRS] = (uint8_t)spec->attrs;
	else
		ffa_put16(buf + FFA_MTD_ATTRS, spec->attrs);
	ffa_put32(buf + FFA_MTD_FLAGS, spec->flags);
	ffa_put64(buf + FFA_MTD_HANDLE, spec->handle);
	ffa_put64(buf + FFA_MTD_TAG, spec->tag);
	ffa_put32(buf + FFA_MTD_EMAD_COUNT,
		  field_value(spec, DESC_F_EMAD_COUNT, spec->nr_receivers));
	if (v1_0)
		return;
	ffa_put32(buf + FFA_MTD_EMAD_SIZE,
		  field_value(spec, DESC_F_EMAD_SIZE, l->emad_size));
	ffa_put32(buf + FFA_MTD_EMAD_OFFSET,
		  field_value(spec, DESC_F_EMAD_OFFSET, l->emad_offset));
}

static void put_emads(const struct desc_spec *spec,
		      const struct desc_layout *l, uint8_t *buf)
{
	uint32_t comp = field_value(spec, DESC_F_COMP_OFFSET, l->comp_offset);
	unsigned int i;

	for (i = 0; i < spec->nr_receivers; i++) {
		const struct desc_receiver *r = &spec->receivers[i];
		uint8_t *e = buf + l->emad_offset + i * l->emad_size;

		ffa_put16(e + FFA_EMAD_ID, r->id);
		e[FFA_EMAD_PERMS] = r->perms;
		e[FFA_EMAD_FLAGS] = r->flags;
		ffa_put32(e + FFA_EMAD_COMP_OFFSET, comp);
		if (l->emad_size == FFA_EMAD_SIZE_1_2)
			memcpy(e + FFA_EMAD_IMPDEF_1_2, r->impdef,
			       FFA_EMAD_IMPDEF_LEN);
	}
}

static void put_composite(const struct desc_spec *spec,
			  const struct desc_layout *l, uint8_t *buf)
{
	uint8_t *comp = buf + l->comp_offset;
	uint64_t pages = 0;
	unsigned int i;

	for (i = 0; i < spec->nr_ranges; i++) {
		uint8_t *c = comp + FFA_COMP_SIZE + i * FFA_CONS_SIZE;

		ffa_put64(c + FFA_CONS_ADDR, spec->ranges[i].address);
		ffa_put32(c + FFA_CONS_PAGES, spec->ranges[i].pages);
		pages += spec->ranges[i].pages;
	}
	ffa_put32(comp + FFA_COMP_TOTAL_PAGES,
		  field_value(spec, DESC_F_TOTAL_PAGES, pages));
	ffa_put32(comp + FFA_COMP_RANGE_COUNT,
		  field_value(spec, DESC_F_RANGE_COUNT, spec->nr_ranges));
}

/* In order, so a later poke wins where two overlap. */
static void apply_pokes(const struct desc_spec *spec, uint8_t *buf)
{
	unsigned int i, b;

	for (i = 0; i < spec->nr_pokes; i++) {
		const struct desc_poke *p = &spec->pokes[i];

		for (b = 0; b < p->size; b++)
			buf[p->offset + b] = (uint8_t)(p->value >> (8 * b));
	}
}

size_t desc_build(const struct desc_spec *spec, uint8_t *buf, size_t cap)
{
	struct desc_layout l;
	size_t length;

	if (!desc_layout(spec, &l) || !overrides_valid(spec))
		return 0;
	length = length_with_pokes(spec, l.length);
	if (!length || length > cap)
		return 0;
	memset(buf, 0, length);
	put_header(spec, &l, buf);
	put_emads(spec, &l, buf);
	put_composite(spec, &l, buf);
	apply_pokes(spec, buf);
	return length;
}
