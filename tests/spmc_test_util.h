/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared fixtures for the mock SPMC's cmocka tests: a small machine, an
 * SPMC with three partitions and SMC helpers.  Descriptors come from
 * sim/lang/desc.c, which is written independently of spmc_mock/mem_desc.c.
 */
#ifndef TESTS_SPMC_TEST_UTIL_H
#define TESTS_SPMC_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sim/lang/desc.h"
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
#define fx_ready(f, version) fx_ready_at((f), (version), __FILE__, __LINE__)
void fx_ready_at(struct fx *f, uint32_t version, const char *file, int line);

struct smc_regs fx_call(struct fx *f, uint64_t x0, uint64_t x1, uint64_t x2,
			uint64_t x3, uint64_t x4, uint64_t x5);
/* spmc_smc() with every register and the caller chosen; checks name it. */
void fx_smc(struct fx *f, enum smc_origin from, const struct smc_regs *in,
	    struct smc_regs *out);

/* FFA_FN64_RXTX_MAP of @pages at T_TX/T_RX; a refusal fails the caller. */
#define fx_map(f, pages) fx_map_at((f), (pages), __FILE__, __LINE__)
void fx_map_at(struct fx *f, uint32_t pages, const char *file, int line);

/*
 * The answer to the last fx_call() is FFA_ERROR @err (w1, w3 zero), or
 * FFA_SUCCESS.  A failure names the call, what was expected and what
 * came, decoded, and why the answer matters, at the caller's line.  The
 * reason is a string literal and cannot be left out:
 *	assert_error(&r, FFA_RET_DENIED, "the buffers are mapped already");
 */
#define assert_error(r, err, why) \
	check_ffa_error((r), (err), "" why, __FILE__, __LINE__)
#define assert_success(r, why) \
	check_ffa_success((r), "" why, __FILE__, __LINE__)
void check_ffa_error(const struct smc_regs *r, int32_t err, const char *why,
		     const char *file, int line);
void check_ffa_success(const struct smc_regs *r, const char *why,
		       const char *file, int line);

/* Share of 2 pages at T_MEM to T_SP1 RW (attrs for share; 0 otherwise). */
void t_desc_default(struct desc_spec *d, uint32_t version, uint32_t op_fid);
/* The same as a share of @nr ranges, one page each, 2 pages apart. */
void t_desc_many_ranges(struct desc_spec *d, uint32_t version,
			unsigned int nr);

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
#define fx_share(f, fid, d) fx_share_at((f), (fid), (d), __FILE__, __LINE__)
#define fx_share_buf(f, fid, buf, len) \
	fx_share_buf_at((f), (fid), (buf), (len), __FILE__, __LINE__)
uint64_t fx_share_at(struct fx *f, uint32_t fid, const struct desc_spec *d,
		     const char *file, int line);
uint64_t fx_share_buf_at(struct fx *f, uint32_t fid, const uint8_t *buf,
			 size_t len, const char *file, int line);

/*
 * fx_ready() and a whole share of t_desc_default()'s FFA_MEM_SHARE
 * descriptor, left in @d for a test to change (NULL: the test has no
 * use for it); the handle.  A failure is at the caller's line.
 */
#define fx_ready_shared(f, version, d) \
	fx_ready_shared_at((f), (version), (d), __FILE__, __LINE__)
uint64_t fx_ready_shared_at(struct fx *f, uint32_t version,
			    struct desc_spec *d, const char *file, int line);

/* A share of 300 ranges, too long for one fragment, and its handle. */
struct frag_share {
	uint8_t buf[8192];	/* the whole descriptor, as built */
	struct desc_spec d;
	size_t total;		/* its length */
	uint64_t handle;
};

/* fx_ready() and t_desc_many_ranges(300) in @s->d, for a test to change. */
#define fx_ready_many_ranges(f, version, s) \
	fx_ready_many_ranges_at((f), (version), (s), __FILE__, __LINE__)
void fx_ready_many_ranges_at(struct fx *f, uint32_t version,
			     struct frag_share *s, const char *file, int line);
/*
 * @fid with the first @first bytes of @s->d: the SPMC must ask for more
 * with FFA_MEM_FRAG_RX, whose handle goes in @s->handle; its answer, for
 * the test to check the rest.  A failure is at the caller's line.
 */
#define fx_send_first_frag(f, fid, s, first) \
	fx_send_first_frag_at((f), (fid), (s), (first), __FILE__, __LINE__)
struct smc_regs fx_send_first_frag_at(struct fx *f, uint32_t fid,
				      struct frag_share *s, size_t first,
				      const char *file, int line);

/* Hypervisor retrieve request for handle into TX; calls RETRIEVE_REQ. */

struct smc_regs fx_hyp_retrieve(struct fx *f, uint64_t handle);
void fx_read_rx(struct fx *f, uint8_t *buf, size_t len);

#endif
