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

void desc_default(struct desc_spec *d, uint32_t version, uint32_t op_fid)
{
	memset(d, 0, sizeof(*d));
	d->version = version;
	if ((op_fid & ~SMCCC_SMC64) == FFA_MEM_SHARE)
		d->attrs = FFA_ATTRS_NORMAL_WB_IS;
	d->nr_recv = 1;
	d->recv[0] = T_SP1;
	d->perms[0] = (op_fid & ~SMCCC_SMC64) == FFA_MEM_DONATE ?
			      0 : FFA_PERMS(FFA_DATA_RW, 0);
	d->nr_ranges = 1;
	d->pa[0] = T_MEM;
	d->pages[0] = 2;
}

size_t desc_build(const struct desc_spec *d, uint8_t *buf, size_t cap)
{
	bool v10 = d->version == FFA_VERSION_1_0;
	uint32_t hdr = v10 ? 32 : 48;
	uint32_t esz = d->emad_size ? d->emad_size :
		       d->version >= FFA_VERSION_1_2 ? 32 : 16;
	uint32_t eoff = d->emad_offset ? d->emad_offset : hdr;
	uint32_t comp = d->comp_offset ? d->comp_offset :
			eoff + esz * d->nr_recv;
	size_t total = comp + 16 + 16 * d->nr_ranges;
	uint64_t pages = 0;
	unsigned int i;

	assert_true(total <= cap);
	memset(buf, 0, total);
	ffa_put16(buf, d->sender);
	if (v10)
		buf[2] = (uint8_t)d->attrs;
	else
		ffa_put16(buf + 2, d->attrs);
	ffa_put32(buf + 4, d->flags);
	ffa_put64(buf + 8, d->handle);
	ffa_put64(buf + 16, d->tag);
	ffa_put32(buf + 28, d->nr_recv);
	if (!v10) {
		ffa_put32(buf + 24, esz);
		ffa_put32(buf + 32, eoff);
	}
	for (i = 0; i < d->nr_recv; i++) {
		uint8_t *e = buf + eoff + i * esz;

		ffa_put16(e, d->recv[i]);
		e[2] = d->perms[i];
		e[3] = d->emad_flags[i];
		ffa_put32(e + 4, comp);
		if (esz == 32)
			memcpy(e + 8, d->impdef[i], 16);
	}
	for (i = 0; i < d->nr_ranges; i++) {
		ffa_put64(buf + comp + 16 + 16 * i, d->pa[i]);
		ffa_put32(buf + comp + 16 + 16 * i + 8, d->pages[i]);
		pages += d->pages[i];
	}
	ffa_put32(buf + comp, (uint32_t)(pages + d->total_pages_delta));
	ffa_put32(buf + comp + 4, d->nr_ranges);
	return total;
}

void fx_write_tx(struct fx *f, const uint8_t *buf, size_t len)
{
	assert_int_equal(physmem_write(&f->pm, T_TX, buf, len), 0);
}

struct smc_regs fx_send(struct fx *f, uint32_t fid, const struct desc_spec *d,
			uint8_t *buf, size_t *total, size_t frag)
{
	*total = desc_build(d, buf, 8192);
	if (!frag || frag > *total)
		frag = *total;
	fx_write_tx(f, buf, frag);
	return fx_call(f, fid, *total, frag, 0, 0, 0);
}

uint64_t fx_share(struct fx *f, uint32_t fid, const struct desc_spec *d)
{
	uint8_t buf[8192];
	size_t total;
	struct smc_regs r = fx_send(f, fid, d, buf, &total, 0);

	assert_success(&r);
	assert_int_equal(r.x[1], 0);
	return r.x[2] | (r.x[3] << 32);
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
