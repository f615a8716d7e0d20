/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared fixtures for the mock SPMC's cmocka tests: a small machine, an
 * SPMC with two partitions, SMC helpers, and a descriptor writer that
 * builds transaction descriptors independently of spmc_mock/mem_desc.c.
 */
#ifndef TESTS_SPMC_TEST_UTIL_H
#define TESTS_SPMC_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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

#define DESC_MAX_RECV	4
#define DESC_MAX_RANGES	300

struct desc_spec {
	uint32_t version;	/* layout */
	uint16_t sender;
	uint16_t attrs;
	uint32_t flags;
	uint64_t handle;
	uint64_t tag;
	uint32_t emad_size;	/* 0: the version's */
	uint32_t emad_offset;	/* 0: right after the header (1.1+) */
	uint32_t comp_offset;	/* 0: right after the EMADs */
	int32_t total_pages_delta; /* added to the composite's page count */
	unsigned int nr_recv;
	uint16_t recv[DESC_MAX_RECV];
	uint8_t perms[DESC_MAX_RECV];
	uint8_t emad_flags[DESC_MAX_RECV];
	uint8_t impdef[DESC_MAX_RECV][16];
	unsigned int nr_ranges;
	uint64_t pa[DESC_MAX_RANGES];
	uint32_t pages[DESC_MAX_RANGES];
};

/* Share of 2 pages at T_MEM to T_SP1 RW (attrs for share; 0 otherwise). */
void desc_default(struct desc_spec *d, uint32_t version, uint32_t op_fid);
/* Returns the descriptor length; buf must hold it. */
size_t desc_build(const struct desc_spec *d, uint8_t *buf, size_t cap);

/* Write buf[off .. off+len) into TX at 0. */
void fx_write_tx(struct fx *f, const uint8_t *buf, size_t len);
/* Build, put the first frag bytes in TX, call fid(total, frag). */
struct smc_regs fx_send(struct fx *f, uint32_t fid, const struct desc_spec *d,
			uint8_t *buf, size_t *total, size_t frag);
/* Whole descriptor in one go; asserts SUCCESS and returns the handle. */
uint64_t fx_share(struct fx *f, uint32_t fid, const struct desc_spec *d);

/* Hypervisor retrieve request for handle into TX; calls RETRIEVE_REQ. */
struct smc_regs fx_hyp_retrieve(struct fx *f, uint64_t handle);
void fx_read_rx(struct fx *f, uint8_t *buf, size_t len);

#endif
