// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "tests/check_util.h"
#include "tests/spmc_test_util.h"

const uint8_t t_uuid1[16] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
			      0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0, 0x01 };
const uint8_t t_uuid2[16] = { 0xa1, 0xa2, 0xa3, 0xa4, 0xb1, 0xb2, 0xc1, 0xc2,
			      0xd1, 0xd2, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6 };

void fx_init(struct fx *f, uint32_t version)
{
	struct spmc_partition_cfg *p;

	memset(f, 0, sizeof(*f));
	assert_int_equal(physmem_init(&f->pm, T_DRAM_BASE, T_DRAM_SIZE, 4096),
			 0);
	assert_int_equal(physmem_add_mmio(&f->pm, T_MMIO, 0x10000, "uart"), 0);
	spmc_config_default(&f->cfg);
	f->cfg.version = version;
	f->cfg.nr_partitions = 3;
	p = &f->cfg.partitions[0];
	p->id = T_SP1;
	memcpy(p->uuid, t_uuid1, 16);
	p->properties = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ2_RECV |
			FFA_PROP_AARCH64;
	p->exec_ctx_count = 4;
	p->behaviour = SPMC_DIRECT_ECHO;
	p = &f->cfg.partitions[1];
	p->id = T_SP2;
	memcpy(p->uuid, t_uuid2, 16);
	p->properties = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_AARCH64;
	p->exec_ctx_count = 1;
	p->behaviour = SPMC_DIRECT_ECHO;
	p = &f->cfg.partitions[2];
	p->id = T_SP3;
	memcpy(p->uuid, t_uuid2, 16);	/* shares SP2's UUID on purpose */
	p->properties = FFA_PROP_AARCH64;
	p->exec_ctx_count = 2;
}

void fx_start(struct fx *f)
{
	char err[128] = "";

	f->spmc = spmc_create(&f->cfg, &f->pm, err, sizeof(err));
	if (!f->spmc)
		fail_msg("spmc_create: %s", err);
}

void fx_fini(struct fx *f)
{
	spmc_destroy(f->spmc);
	physmem_destroy(&f->pm);
}

/* What the last fx_call() asked, for the messages of a failed check. */
static __thread uint64_t last_fid;

void fx_smc(struct fx *f, enum smc_origin from, const struct smc_regs *in,
	    struct smc_regs *out)
{
	last_fid = in->x[0];
	spmc_smc(f->spmc, from, in, out);
}

struct smc_regs fx_call(struct fx *f, uint64_t x0, uint64_t x1, uint64_t x2,
			uint64_t x3, uint64_t x4, uint64_t x5)
{
	struct smc_regs in = { .x = { x0, x1, x2, x3, x4, x5 } };
	struct smc_regs out;

	fx_smc(f, SMC_FROM_HYP, &in, &out);
	return out;
}


/* "FFA_ERROR DENIED (-6)", "FFA_SUCCESS w2=0x10", ...: an answer for a person. */
static void describe(const struct smc_regs *r, char *buf, size_t len)
{
	const char *fn = ffa_func_name((uint32_t)r->x[0]);
	const char *err = ffa_error_name((int32_t)r->x[2]);

	if ((uint32_t)r->x[0] == FFA_ERROR)
		snprintf(buf, len, "FFA_ERROR %s (%d) w1=%#llx w3=%#llx",
			 err ? err : "?", (int32_t)r->x[2],
			 (unsigned long long)r->x[1],
			 (unsigned long long)r->x[3]);
	else
		snprintf(buf, len, "%s (%#llx) w1=%#llx w2=%#llx w3=%#llx",
			 fn ? fn : "?", (unsigned long long)r->x[0],
			 (unsigned long long)r->x[1],
			 (unsigned long long)r->x[2],
			 (unsigned long long)r->x[3]);
}

static void failed(const char *want, const struct smc_regs *r,
		   const char *why, const char *file, int line)
{
	const char *call = ffa_func_name((uint32_t)last_fid);
	char got[160];

	describe(r, got, sizeof(got));
	print_error("%s:%d: %s (%#llx) answered %s; expected %s: %s\n", file,
		    line, call ? call : "the call",
		    (unsigned long long)last_fid, got, want, why);
	_fail(file, line);
}

void check_ffa_error(const struct smc_regs *r, int32_t err, const char *why,
		     const char *file, int line)
{
	const char *name = ffa_error_name(err);
	char want[64];

	if (r->x[0] == FFA_ERROR && !r->x[1] &&
	    r->x[2] == (uint32_t)err && !r->x[3])
		return;
	snprintf(want, sizeof(want), "FFA_ERROR %s (%d) w1=0 w3=0",
		 name ? name : "?", err);
	failed(want, r, why, file, line);
}

void check_ffa_success(const struct smc_regs *r, const char *why,
		       const char *file, int line)
{
	if (r->x[0] != FFA_SUCCESS)
		failed("FFA_SUCCESS", r, why, file, line);
}

void fx_map_at(struct fx *f, uint32_t pages, const char *file, int line)
{
	struct smc_regs r = fx_call(f, FFA_FN64_RXTX_MAP, T_TX, T_RX, pages,
				    0, 0);

	check_ffa_success(&r, "mapping the fixture's RX/TX buffers", file,
			  line);
	f->pages = pages;
}

void fx_ready_at(struct fx *f, uint32_t version, const char *file, int line)
{
	struct smc_regs r;

	fx_init(f, version);
	fx_start(f);
	r = fx_call(f, FFA_VERSION, version, 0, 0, 0, 0);
	if (r.x[0] != version) {
		print_error("%s:%d: FFA_VERSION(%#x) answered %#llx; expected the SPMC's own version, %#x\n",
			    file, line, version, (unsigned long long)r.x[0],
			    version);
		_fail(file, line);
	}
	fx_map_at(f, 1, file, line);
}

void t_desc_default(struct desc_spec *d, uint32_t version, uint32_t op_fid)
{
	uint32_t op = op_fid & ~SMCCC_SMC64;

	desc_spec_init(d, version);
	if (op == FFA_MEM_SHARE)
		d->attrs = FFA_ATTRS_NORMAL_WB_IS;
	d->nr_receivers = 1;
	d->receivers[0].id = T_SP1;
	d->receivers[0].perms = op == FFA_MEM_DONATE ?
					0 : FFA_PERMS(FFA_DATA_RW, 0);
	d->nr_ranges = 1;
	d->ranges[0].address = T_MEM;
	d->ranges[0].pages = 2;
}

void t_desc_many_ranges(struct desc_spec *d, uint32_t version,
			unsigned int nr)
{
	unsigned int i;

	t_desc_default(d, version, FFA_MEM_SHARE);
	d->nr_ranges = nr;
	for (i = 0; i < nr; i++) {
		d->ranges[i].address = T_MEM + 0x2000ULL * i;
		d->ranges[i].pages = 1;
	}
}

void fx_write_tx(struct fx *f, const uint8_t *buf, size_t len)
{
	assert_int_equal(physmem_write(&f->pm, T_TX, buf, len), 0);
}

struct smc_regs fx_send(struct fx *f, uint32_t fid, const struct desc_spec *d,
			uint8_t *buf, size_t cap, size_t *total, size_t frag)
{
	*total = desc_build(d, buf, cap);
	assert_int_not_equal(*total, 0);
	if (!frag || frag > *total)
		frag = *total;
	fx_write_tx(f, buf, frag);
	return fx_call(f, fid, *total, frag, 0, 0, 0);
}

uint64_t fx_share_buf_at(struct fx *f, uint32_t fid, const uint8_t *buf,
			 size_t len, const char *file, int line)
{
	struct smc_regs r;

	fx_write_tx(f, buf, len);
	r = fx_call(f, fid, len, len, 0, 0, 0);
	check_ffa_success(&r, "a whole, valid descriptor is shared at once",
			  file, line);
	if (r.x[1]) {
		print_error("%s:%d: FFA_SUCCESS w1=%#llx; expected 0: the SPMC's own handle goes in w2/w3\n",
			    file, line, (unsigned long long)r.x[1]);
		_fail(file, line);
	}
	return r.x[2] | (r.x[3] << 32);
}

uint64_t fx_share_at(struct fx *f, uint32_t fid, const struct desc_spec *d,
		     const char *file, int line)
{
	uint8_t buf[8192];
	size_t len = desc_build(d, buf, sizeof(buf));

	if (!len) {
		print_error("%s:%d: desc_build() could not lay out the descriptor in %zu bytes\n",
			    file, line, sizeof(buf));
		_fail(file, line);
	}
	return fx_share_buf_at(f, fid, buf, len, file, line);
}

uint64_t fx_ready_shared_at(struct fx *f, uint32_t version,
			    struct desc_spec *d, const char *file, int line)
{
	struct desc_spec own;

	if (!d)
		d = &own;
	fx_ready_at(f, version, file, line);
	t_desc_default(d, version, FFA_MEM_SHARE);
	return fx_share_at(f, FFA_MEM_SHARE, d, file, line);
}

void fx_ready_many_ranges_at(struct fx *f, uint32_t version,
			     struct frag_share *s, const char *file, int line)
{
	fx_ready_at(f, version, file, line);
	t_desc_many_ranges(&s->d, version, 300);
}

struct smc_regs fx_send_first_frag_at(struct fx *f, uint32_t fid,
				      struct frag_share *s, size_t first,
				      const char *file, int line)
{
	struct smc_regs r = fx_send(f, fid, &s->d, s->buf, sizeof(s->buf),
				    &s->total, first);

	check_int_at("w0", r.x[0], FFA_MEM_FRAG_RX,
		     "a descriptor longer than its first fragment is taken in parts",
		     file, line);
	s->handle = r.x[1] | (r.x[2] << 32);
	return r;
}

struct smc_regs fx_hyp_retrieve(struct fx *f, uint64_t handle)

{
	uint8_t req[48] = { 0 };

	ffa_put64(req + 8, handle);
	fx_write_tx(f, req, sizeof(req));
	return fx_call(f, FFA_MEM_RETRIEVE_REQ, sizeof(req), sizeof(req), 0,
		       0, 0);
}

void fx_read_rx(struct fx *f, uint8_t *buf, size_t len)
{
	assert_int_equal(physmem_read(&f->pm, T_RX, buf, len), 0);
}
