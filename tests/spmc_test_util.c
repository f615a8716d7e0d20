// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

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

struct smc_regs fx_call(struct fx *f, uint64_t x0, uint64_t x1, uint64_t x2,
			uint64_t x3, uint64_t x4, uint64_t x5)
{
	struct smc_regs in = { .x = { x0, x1, x2, x3, x4, x5 } };
	struct smc_regs out;

	spmc_smc(f->spmc, SMC_FROM_HYP, &in, &out);
	return out;
}

void assert_error(const struct smc_regs *r, int32_t err)
{
	assert_int_equal(r->x[0], FFA_ERROR);
	assert_int_equal(r->x[1], 0);
	assert_int_equal(r->x[2], (uint32_t)err);
	assert_int_equal(r->x[3], 0);
}

void assert_success(const struct smc_regs *r)
{
	if (r->x[0] == FFA_ERROR)
		fail_msg("FFA_ERROR %d", (int32_t)r->x[2]);
	assert_int_equal(r->x[0], FFA_SUCCESS);
}

void fx_map(struct fx *f, uint32_t pages)
{
	struct smc_regs r = fx_call(f, FFA_FN64_RXTX_MAP, T_TX, T_RX, pages,
				    0, 0);

	assert_success(&r);
	f->pages = pages;
}

void fx_ready(struct fx *f, uint32_t version)
{
	struct smc_regs r;

	fx_init(f, version);
	fx_start(f);
	r = fx_call(f, FFA_VERSION, version, 0, 0, 0, 0);
	assert_int_equal(r.x[0], version);
	fx_map(f, 1);
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

uint64_t fx_share_buf(struct fx *f, uint32_t fid, const uint8_t *buf,
		      size_t len)
{
	struct smc_regs r;

	fx_write_tx(f, buf, len);
	r = fx_call(f, fid, len, len, 0, 0, 0);
	assert_success(&r);
	assert_int_equal(r.x[1], 0);
	return r.x[2] | (r.x[3] << 32);
}

uint64_t fx_share(struct fx *f, uint32_t fid, const struct desc_spec *d)
{
	uint8_t buf[8192];
	size_t len = desc_build(d, buf, sizeof(buf));

	assert_int_not_equal(len, 0);
	return fx_share_buf(f, fid, buf, len);
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
