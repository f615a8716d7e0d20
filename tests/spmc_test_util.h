/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared fixtures for the mock SPMC's cmocka tests: a small machine, an
 * SPMC with three partitions and SMC helpers.  Descriptors come from
 * sim/desc.c, which is written independently of spmc_mock/mem_desc.c.
 */
#ifndef TESTS_SPMC_TEST_UTIL_H
#define TESTS_SPMC_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sim/desc.h"
#include "spmc_mock/spmc.h"

#define T_DRAM_BASE	0x80000000ULL
#define T_DRAM_SIZE	(16ULL << 20)
#define T_TX		(T_DRAM_BASE + 0x10000)
#define T_RX		(T_DRAM_BASE + 0x20000)
#define T_MEM		(T_DRAM_BASE + 0x100000)	/* pages to share */
#define T_MMIO		0x10000000ULL
#define T_SP1		0x8001
#define T_SP2		0x8002
#define T_SP3		0x8003	/* no direct-request support */

struct fx {
	struct physmem pm;
	struct spmc_config cfg;
	struct spmc *spmc;
	uint32_t pages;		/* RX/TX size mapped by fx_map */
};

extern const uint8_t t_uuid1[16];
extern const uint8_t t_uuid2[16];

/* Machine + config (version, 3 partitions); fx_start creates the SPMC. */
void fx_init(struct fx *f, uint32_t version);
void fx_start(struct fx *f);
void fx_fini(struct fx *f);
/* fx_init + fx_start + FFA_VERSION(version) + RXTX_MAP of one page. */
void fx_ready(struct fx *f, uint32_t version);

struct smc_regs fx_call(struct fx *f, uint64_t x0, uint64_t x1, uint64_t x2,
			uint64_t x3, uint64_t x4, uint64_t x5);
void fx_map(struct fx *f, uint32_t pages);

void assert_error(const struct smc_regs *r, int32_t err);
void assert_success(const struct smc_regs *r);

/* Share of 2 pages at T_MEM to T_SP1 RW (attrs for share; 0 otherwise). */
void t_desc_default(struct desc_spec *d, uint32_t version, uint32_t op_fid);

/* Write buf[off .. off+len) into TX at 0. */
void fx_write_tx(struct fx *f, const uint8_t *buf, size_t len);
/*
 * Build into buf (cap bytes; the descriptor must fit), put the first frag
 * bytes in TX (0: all), call fid(total, frag).
 */
struct smc_regs fx_send(struct fx *f, uint32_t fid, const struct desc_spec *d,
			uint8_t *buf, size_t cap, size_t *total, size_t frag);
/*
 * Whole descriptor in one go; asserts SUCCESS and returns the handle.
 * fx_share_buf sends bytes the caller laid out itself.
 */
uint64_t fx_share(struct fx *f, uint32_t fid, const struct desc_spec *d);
uint64_t fx_share_buf(struct fx *f, uint32_t fid, const uint8_t *buf,
		      size_t len);

/* Hypervisor retrieve request for handle into TX; calls RETRIEVE_REQ. */
struct smc_regs fx_hyp_retrieve(struct fx *f, uint64_t handle);
void fx_read_rx(struct fx *f, uint8_t *buf, size_t len);

#endif
