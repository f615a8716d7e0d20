/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory transaction descriptors (FF-A 1.0, 1.1 and 1.2 layouts) built from
 * readable fields, for the scenario runner and the tests.  Written from the
 * specification's tables; independent of both the kernel's arm_ffa.h and
 * the mock SPMC's parser, so neither side's misreading is shared.
 *
 * Every header field a descriptor has can be overridden with a raw value
 * to make it malformed on purpose; pokes then patch arbitrary bytes.
 * Neither moves anything: the bytes stay where the spec's own fields put
 * them, only the value written in the named field lies about it.
 */
#ifndef SIM_DESC_H
#define SIM_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DESC_MAX_RECEIVERS	8
#define DESC_MAX_RANGES		512
#define DESC_MAX_POKES		16

/* Fields that can be forced to a raw value, whatever the layout says. */
enum desc_field {
	DESC_F_EMAD_SIZE,	/* header: endpoint descriptor size (1.1+) */
	DESC_F_EMAD_COUNT,	/* header: number of receivers */
	DESC_F_EMAD_OFFSET,	/* header: endpoint array offset (1.1+) */
	DESC_F_COMP_OFFSET,	/* every EMAD's composite offset */
	DESC_F_TOTAL_PAGES,	/* composite: total page count */
	DESC_F_RANGE_COUNT,	/* composite: address range count */
	DESC_F_NR_FIELDS,
};

struct desc_receiver {
	uint16_t id;
	uint8_t perms;		/* FFA_PERMS(data, instr) */
	uint8_t flags;		/* FFA_EMAD_FLAG_* */
	uint8_t impdef[16];	/* 1.2 only */
};

struct desc_range {
	uint64_t address;
	uint32_t pages;		/* 4K FF-A pages */
};

struct desc_poke {
	uint32_t offset;
	uint8_t size;		/* 1, 2, 4 or 8 bytes, little-endian */
	uint64_t value;
};

struct desc_spec {
	uint32_t version;	/* layout: FFA_VERSION_1_0 / _1_1 / _1_2 */
	uint16_t sender;
	uint16_t attrs;		/* 1.0 writes only the low byte */
	uint32_t flags;
	uint64_t handle;
	uint64_t tag;
	bool overridden[DESC_F_NR_FIELDS];
	uint64_t override[DESC_F_NR_FIELDS];
	unsigned int nr_receivers, nr_ranges, nr_pokes;
	/* The entries last: desc_spec_reset() zeroes all before them. */
	struct desc_receiver receivers[DESC_MAX_RECEIVERS];
	struct desc_range ranges[DESC_MAX_RANGES];
	struct desc_poke pokes[DESC_MAX_POKES];
};

/* Zeroes @spec and sets the layout; everything else is the caller's. */
void desc_spec_init(struct desc_spec *spec, uint32_t version);
/*
 * As desc_spec_init(), but the receiver, range and poke entries are left
 * as they are (8 KB of ranges would be zeroed for a share of one page):
 * for a caller that writes every entry below its count whole.
 */
void desc_spec_reset(struct desc_spec *spec, uint32_t version);
void desc_set_override(struct desc_spec *spec, enum desc_field field,
		       uint64_t value);

/* "emad_size", "comp_offset", ...; -1 when @name is not a field. */
int desc_field_lookup(const char *name);
const char *desc_field_name(enum desc_field field);

/*
 * Bytes the descriptor takes, before pokes (a poke past the end makes the
 * descriptor longer, zero-filled up to it).  The layout: header,
 * receivers, then one composite with all ranges, as pKVM and Linux lay it
 * out.  0 when the layout is unknown or a count is above its DESC_MAX_*.
 */
size_t desc_length(const struct desc_spec *spec);

/*
 * Write the descriptor into @buf (@cap bytes).  Returns its length, or 0
 * (and @buf untouched) when it does not fit, desc_length() is 0, a poke
 * is malformed (size not 1/2/4/8, value wider than size), an override is
 * wider than its 32-bit field, or a 1.0 spec overrides emad_size or
 * emad_offset, which that layout does not have.
 */
size_t desc_build(const struct desc_spec *spec, uint8_t *buf, size_t cap);

#endif /* SIM_DESC_H */
