// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/lang/desc.c: transaction descriptors byte for byte in the 1.0, 1.1 and
 * 1.2 layouts, overrides, pokes, refusals, and the mock SPMC taking what
 * it builds.  Expected offsets are literal numbers read off the spec's
 * tables, not the FFA_MTD_* macros the builder uses, so that a wrong
 * macro cannot make both sides agree.
 */
#include <string.h>

#include "sim/lang/desc.h"
#include "tests/check_util.h"
#include "tests/spmc_test_util.h"

#define CAP	512
#define FILL	0xee	/* what the builder must leave alone */

struct exp_field {
	uint16_t off;
	uint8_t size;
	uint64_t value;
};

struct exp_layout {
	uint32_t version;
	size_t length;
	const struct exp_field *fields;
	size_t nr_fields;
};

#define HDR_COMMON \
	{ 0, 2, 0x1234 }, { 4, 4, 0x11223344 }, \
	{ 8, 8, 0x0102030405060708 }, { 16, 8, 0xa1a2a3a4a5a6a7a8 }, \
	{ 28, 4, 2 }

static const struct exp_field fields_1_0[] = {
	HDR_COMMON, { 2, 1, 0x2f },
	{ 32, 2, 0x8001 }, { 34, 1, 0x06 }, { 35, 1, 0x01 }, { 36, 4, 64 },
	{ 48, 2, 0x8002 }, { 50, 1, 0x01 }, { 52, 4, 64 },
	{ 64, 4, 8 }, { 68, 4, 2 },
	{ 80, 8, 0x80000000 }, { 88, 4, 3 },
	{ 96, 8, 0x90001000 }, { 104, 4, 5 },
};

static const struct exp_field fields_1_1[] = {
	HDR_COMMON, { 2, 2, 0x1c2f }, { 24, 4, 16 }, { 32, 4, 48 },
	{ 48, 2, 0x8001 }, { 50, 1, 0x06 }, { 51, 1, 0x01 }, { 52, 4, 80 },
	{ 64, 2, 0x8002 }, { 66, 1, 0x01 }, { 68, 4, 80 },
	{ 80, 4, 8 }, { 84, 4, 2 },
	{ 96, 8, 0x80000000 }, { 104, 4, 3 },
	{ 112, 8, 0x90001000 }, { 120, 4, 5 },
};

static const struct exp_field fields_1_2[] = {
	HDR_COMMON, { 2, 2, 0x1c2f }, { 24, 4, 32 }, { 32, 4, 48 },
	{ 48, 2, 0x8001 }, { 50, 1, 0x06 }, { 51, 1, 0x01 }, { 52, 4, 112 },
	{ 56, 8, 0x1716151413121110 }, { 64, 8, 0x1f1e1d1c1b1a1918 },
	{ 80, 2, 0x8002 }, { 82, 1, 0x01 }, { 84, 4, 112 },
	{ 88, 8, 0x2726252423222120 }, { 96, 8, 0x2f2e2d2c2b2a2928 },
	{ 112, 4, 8 }, { 116, 4, 2 },
	{ 128, 8, 0x80000000 }, { 136, 4, 3 },
	{ 144, 8, 0x90001000 }, { 152, 4, 5 },
};

#define EXP(v, len, f) { v, len, f, sizeof(f) / sizeof(f[0]) }

static const struct exp_layout layouts[] = {
	EXP(FFA_VERSION_1_0, 112, fields_1_0),
	EXP(FFA_VERSION_1_1, 128, fields_1_1),
	EXP(FFA_VERSION_1_2, 160, fields_1_2),
};

#define NR_LAYOUTS	(sizeof(layouts) / sizeof(layouts[0]))

static void put_le(uint8_t *buf, size_t off, unsigned int size, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < size; i++)
		buf[off + i] = (uint8_t)(v >> (8 * i));
}

/* Two receivers, two ranges: every field distinct and non-zero. */
static void full_spec(struct desc_spec *d, uint32_t version)
{
	unsigned int i;

	desc_spec_init(d, version);
	d->sender = 0x1234;
	d->attrs = 0x1c2f;
	d->flags = 0x11223344;
	d->handle = 0x0102030405060708;
	d->tag = 0xa1a2a3a4a5a6a7a8;
	d->nr_receivers = 2;
	d->receivers[0] = (struct desc_receiver){ .id = 0x8001, .perms = 6,
						  .flags = 1 };
	d->receivers[1] = (struct desc_receiver){ .id = 0x8002, .perms = 1 };
	for (i = 0; i < 16; i++) {
		d->receivers[0].impdef[i] = (uint8_t)(0x10 + i);
		d->receivers[1].impdef[i] = (uint8_t)(0x20 + i);
	}
	d->nr_ranges = 2;
	d->ranges[0] = (struct desc_range){ 0x80000000, 3 };
	d->ranges[1] = (struct desc_range){ 0x90001000, 5 };
}

/*
 * Build into a CAP-byte buffer pre-filled with FILL; the length must be
 * @want (0: the builder refuses), checked at the caller's line.
 */
#define build_filled(d, buf, want) \
	build_filled_at((d), (buf), (want), __FILE__, __LINE__)

static void build_filled_at(const struct desc_spec *d, uint8_t *buf,
			    size_t want, const char *file, int line)
{
	memset(buf, FILL, CAP);
	check_int(desc_build(d, buf, CAP), want,
		  "the length the layout's table gives (0: refused)");
}

static void test_layouts_byte_exact(void **state)
{
	uint8_t buf[CAP], exp[CAP];
	struct desc_spec d;
	unsigned int i, j;

	(void)state;
	for (i = 0; i < NR_LAYOUTS; i++) {
		const struct exp_layout *l = &layouts[i];

		full_spec(&d, l->version);
		assert_int_equal(desc_length(&d), l->length);
		build_filled(&d, buf, l->length);
		memset(exp, 0, l->length);
		memset(exp + l->length, FILL, CAP - l->length);
		for (j = 0; j < l->nr_fields; j++)
			put_le(exp, l->fields[j].off, l->fields[j].size,
			       l->fields[j].value);
		assert_memory_equal(buf, exp, CAP);
	}
}

struct override_case {
	enum desc_field field;
	uint32_t value;
	uint16_t off[2];	/* in the 1.2 full_spec; 0: unused */
};

static const struct override_case override_cases[] = {
	{ DESC_F_EMAD_SIZE, 24, { 24 } },
	{ DESC_F_EMAD_COUNT, 7, { 28 } },
	{ DESC_F_EMAD_OFFSET, 0x40, { 32 } },
	{ DESC_F_COMP_OFFSET, 0x1234, { 52, 84 } },
	{ DESC_F_TOTAL_PAGES, 9, { 112 } },
	{ DESC_F_RANGE_COUNT, 0xffffffff, { 116 } },
};

/* Only the named field changes: no byte moves, the length stays. */
static void test_overrides(void **state)
{
	uint8_t plain[CAP], buf[CAP];
	struct desc_spec d;
	unsigned int i, j;

	(void)state;
	for (i = 0; i < sizeof(override_cases) / sizeof(override_cases[0]);
	     i++) {
		const struct override_case *c = &override_cases[i];

		full_spec(&d, FFA_VERSION_1_2);
		build_filled(&d, plain, 160);
		desc_set_override(&d, c->field, c->value);
		assert_int_equal(desc_length(&d), 160);
		build_filled(&d, buf, 160);
		for (j = 0; j < 2 && c->off[j]; j++)
			put_le(plain, c->off[j], 4, c->value);
		assert_memory_equal(buf, plain, CAP);
	}
}

static void test_override_refusals(void **state)
{
	uint8_t buf[CAP];
	struct desc_spec d;

	(void)state;
	/* 1.0 has an EMAD count but no EMAD size or offset field. */
	full_spec(&d, FFA_VERSION_1_0);
	desc_set_override(&d, DESC_F_EMAD_COUNT, 5);
	build_filled(&d, buf, 112);
	assert_int_equal(buf[28], 5);
	desc_set_override(&d, DESC_F_EMAD_SIZE, 16);
	build_filled(&d, buf, 0);
	full_spec(&d, FFA_VERSION_1_0);
	desc_set_override(&d, DESC_F_EMAD_OFFSET, 32);
	build_filled(&d, buf, 0);
	/* Fields are 32 bits wide. */
	full_spec(&d, FFA_VERSION_1_1);
	desc_set_override(&d, DESC_F_TOTAL_PAGES, 0x100000000ULL);
	build_filled(&d, buf, 0);
	assert_int_equal(buf[0], FILL);
}

static void add_poke(struct desc_spec *d, uint32_t off, uint8_t size,
		     uint64_t value)
{
	d->pokes[d->nr_pokes++] = (struct desc_poke){ off, size, value };
}

static void test_pokes(void **state)
{
	uint8_t plain[CAP], buf[CAP];
	struct desc_spec d;

	(void)state;
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	build_filled(&d, plain, 96);
	add_poke(&d, 1, 1, 0xab);
	add_poke(&d, 4, 2, 0xbeef);
	add_poke(&d, 8, 4, 0xdeadbeef);
	add_poke(&d, 16, 8, 0x1122334455667788);
	add_poke(&d, 28, 4, 0x05050505);
	add_poke(&d, 28, 1, 0x09);	/* the later poke wins */
	build_filled(&d, buf, 96);
	put_le(plain, 1, 1, 0xab);
	put_le(plain, 4, 2, 0xbeef);
	put_le(plain, 8, 4, 0xdeadbeef);
	put_le(plain, 16, 8, 0x1122334455667788);
	put_le(plain, 28, 4, 0x05050509);
	assert_memory_equal(buf, plain, CAP);
}

static void test_poke_extends(void **state)
{
	static const uint8_t tail[8] = { 0, 0, 0, 0, 4, 3, 2, 1 };
	uint8_t buf[CAP];
	struct desc_spec d;

	(void)state;
	t_desc_default(&d, FFA_VERSION_1_1, FFA_MEM_SHARE);
	assert_int_equal(desc_length(&d), 96);
	add_poke(&d, 100, 4, 0x01020304);
	assert_int_equal(desc_length(&d), 96);	/* before pokes */
	build_filled(&d, buf, 104);
	assert_memory_equal(buf + 96, tail, sizeof(tail));
	assert_int_equal(buf[104], FILL);
	assert_int_equal(desc_build(&d, buf, 104), 104);
	assert_int_equal(desc_build(&d, buf, 103), 0);
}

static void test_poke_refusals(void **state)
{
	static const struct desc_poke bad[] = {
		{ 0, 3, 0 }, { 0, 0, 0 }, { 0, 16, 0 },
		{ 0, 1, 0x100 }, { 0, 2, 0x10000 }, { 0, 4, 0x100000000ULL },
	};
	uint8_t buf[CAP];
	struct desc_spec d;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_SHARE);
		d.pokes[0] = bad[i];
		d.nr_pokes = 1;
		build_filled(&d, buf, 0);
	}
	t_desc_default(&d, FFA_VERSION_1_2, FFA_MEM_SHARE);
	for (i = 0; i < DESC_MAX_POKES; i++)
		add_poke(&d, i, 1, 0);
	build_filled(&d, buf, 112);
	d.nr_pokes++;
	build_filled(&d, buf, 0);
}

static void test_cap(void **state)
{
	uint8_t buf[CAP];
	struct desc_spec d;
	unsigned int i;

	(void)state;
	for (i = 0; i < NR_LAYOUTS; i++) {
		full_spec(&d, layouts[i].version);
		memset(buf, FILL, CAP);
		assert_int_equal(desc_build(&d, buf, layouts[i].length - 1),
				 0);
		assert_int_equal(buf[0], FILL);
		assert_int_equal(desc_build(&d, buf, layouts[i].length),
				 layouts[i].length);
	}
	assert_int_equal(desc_build(&d, buf, 0), 0);
}

static void test_unknown_version(void **state)
{
	static const uint32_t versions[] = {
		0, FFA_MAKE_VERSION(0, 9), FFA_MAKE_VERSION(1, 3),
		FFA_MAKE_VERSION(2, 0), FFA_VERSION_1_1 | FFA_VERSION_MBZ,
	};
	uint8_t buf[CAP];
	struct desc_spec d;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		full_spec(&d, versions[i]);
		assert_int_equal(desc_length(&d), 0);
		build_filled(&d, buf, 0);
	}
}

static void test_limits(void **state)
{
	static uint8_t buf[16384];
	struct desc_spec d;

	(void)state;
	full_spec(&d, FFA_VERSION_1_2);
	d.nr_receivers = DESC_MAX_RECEIVERS;
	d.nr_ranges = DESC_MAX_RANGES;
	assert_int_equal(desc_length(&d), 48 + 8 * 32 + 16 + 512 * 16);
	assert_int_equal(desc_build(&d, buf, sizeof(buf)), desc_length(&d));
	d.nr_receivers = DESC_MAX_RECEIVERS + 1;
	assert_int_equal(desc_length(&d), 0);
	assert_int_equal(desc_build(&d, buf, sizeof(buf)), 0);
	d.nr_receivers = DESC_MAX_RECEIVERS;
	d.nr_ranges = DESC_MAX_RANGES + 1;
	assert_int_equal(desc_length(&d), 0);
	assert_int_equal(desc_build(&d, buf, sizeof(buf)), 0);
}

static void test_field_names(void **state)
{
	static const char *const names[] = {
		"emad_size", "emad_count", "emad_offset",
		"comp_offset", "total_pages", "range_count",
	};
	int i;

	(void)state;
	assert_int_equal(DESC_F_NR_FIELDS, 6);
	for (i = 0; i < DESC_F_NR_FIELDS; i++) {
		assert_int_equal(desc_field_lookup(names[i]), i);
		assert_string_equal(desc_field_name(i), names[i]);
	}
	assert_int_equal(desc_field_lookup(""), -1);
	assert_int_equal(desc_field_lookup("emad"), -1);
	assert_int_equal(desc_field_lookup("EMAD_SIZE"), -1);
	assert_int_equal(desc_field_lookup(NULL), -1);
	assert_null(desc_field_name(DESC_F_NR_FIELDS));
}

/*
 * Two borrowers, two ranges, impdef in 1.2: what the SPMC recorded is
 * what the builder laid out, read by an independent parser.
 */
#define check_accepted(f, handle, version) \
	check_accepted_at((f), (handle), (version), __FILE__, __LINE__)

static void check_accepted_at(struct fx *f, uint64_t handle,
			      uint32_t version, const char *file, int line)
{
	const char *why = "the SPMC reads what the builder wrote";
	struct spmc_txn_info info;

	check_true(spmc_txn_find(f->spmc, handle, &info),
		   "the SPMC knows the handle it answered");
	check_true(info.complete, "the whole descriptor was sent at once");
	check_int(info.version, version, why);
	check_int(info.nr_receivers, 2, why);
	check_int(info.receivers[0].id, T_SP1, why);
	check_int(info.receivers[0].perms, FFA_PERMS(FFA_DATA_RW, 0), why);
	check_int(info.receivers[1].id, T_SP2, why);
	check_int(info.receivers[1].perms, FFA_PERMS(FFA_DATA_RO, 0), why);
	check_int(info.nr_ranges, 2, why);
	check_int(info.ranges[0].pa, T_MEM, why);
	check_int(info.ranges[0].pages, 2, why);
	check_int(info.ranges[1].pa, T_MEM + 0x10000, why);
	check_int(info.ranges[1].pages, 3, why);
}

/* The SPMC hands a 1.2 receiver's impdef back in its retrieve response. */
#define check_impdef(f, handle, d) \
	check_impdef_at((f), (handle), (d), __FILE__, __LINE__)

static void check_impdef_at(struct fx *f, uint64_t handle,
			    const struct desc_spec *d, const char *file,
			    int line)
{
	struct smc_regs r = fx_hyp_retrieve(f, handle);
	uint8_t rx[128];

	check_int(r.x[0], FFA_MEM_RETRIEVE_RESP,
		  "the hypervisor may retrieve what the host shared");
	fx_read_rx(f, rx, sizeof(rx));
	check_mem(rx + 56, d->receivers[0].impdef, 16,
		  "SP1's impdef comes back as sent");
	check_mem(rx + 88, d->receivers[1].impdef, 16,
		  "SP2's impdef comes back as sent");
}


static void test_spmc_accepts(void **state)
{
	uint8_t buf[CAP];
	struct desc_spec d;
	uint64_t handle;
	unsigned int i;
	struct fx f;

	(void)state;
	for (i = 0; i < NR_LAYOUTS; i++) {
		uint32_t v = layouts[i].version;

		fx_ready(&f, v);
		t_desc_default(&d, v, FFA_MEM_SHARE);
		d.nr_receivers = 2;
		d.receivers[1].id = T_SP2;
		d.receivers[1].perms = FFA_PERMS(FFA_DATA_RO, 0);
		memset(d.receivers[0].impdef, 0x5a, 16);
		memset(d.receivers[1].impdef, 0xa5, 16);
		d.nr_ranges = 2;
		d.ranges[1] = (struct desc_range){ T_MEM + 0x10000, 3 };
		handle = fx_share_buf(&f, FFA_MEM_SHARE, buf,
				      desc_build(&d, buf, sizeof(buf)));
		check_accepted(&f, handle, v);
		if (v == FFA_VERSION_1_2)
			check_impdef(&f, handle, &d);
		fx_fini(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts_byte_exact),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_override_refusals),
		cmocka_unit_test(test_pokes),
		cmocka_unit_test(test_poke_extends),
		cmocka_unit_test(test_poke_refusals),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_unknown_version),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_field_names),
		cmocka_unit_test(test_spmc_accepts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
