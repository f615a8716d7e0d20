/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * FF-A ABI as the mock SPMC (and the scenario engine) see it: function IDs,
 * error codes, versions and the byte layout of the memory transaction
 * descriptors of FF-A 1.0, 1.1 and 1.2 (Arm DEN0077A).
 *
 * Written from the specification; deliberately independent of the kernel's
 * <linux/arm_ffa.h> so that a misreading in the proxy is not mirrored here.
 * Layouts are byte offsets into little-endian buffers, never C structs, so
 * a descriptor that lies about its sizes cannot make us read past a field.
 */
#ifndef SPMC_MOCK_FFA_ABI_H
#define SPMC_MOCK_FFA_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SMCCC function ID fields (DEN0028). */
#define SMCCC_FAST_CALL			(1U << 31)
#define SMCCC_SMC64			(1U << 30)
#define SMCCC_OWNER_SHIFT		24
#define SMCCC_OWNER_MASK		0x3fU
#define SMCCC_OWNER_STANDARD		4U
#define SMCCC_FUNC_MASK			0xffffU
#define SMCCC_SVE_HINT			(1U << 16)
/* The SMCCC NOT_SUPPORTED value, as the full 64-bit x0. */
#define SMCCC_RET_NOT_SUPPORTED		UINT64_C(0xffffffffffffffff)

#define FFA_FUNC_MIN			0x60U
#define FFA_FUNC_MAX			0xffU

#define FFA_SMC32(n)			(0x84000000U | (n))
#define FFA_SMC64(n)			(0xC4000000U | (n))

#define FFA_ERROR			FFA_SMC32(0x60)
#define FFA_SUCCESS			FFA_SMC32(0x61)
#define FFA_FN64_SUCCESS		FFA_SMC64(0x61)
#define FFA_INTERRUPT			FFA_SMC32(0x62)
#define FFA_VERSION			FFA_SMC32(0x63)
#define FFA_FEATURES			FFA_SMC32(0x64)
#define FFA_RX_RELEASE			FFA_SMC32(0x65)
#define FFA_RXTX_MAP			FFA_SMC32(0x66)
#define FFA_FN64_RXTX_MAP		FFA_SMC64(0x66)
#define FFA_RXTX_UNMAP			FFA_SMC32(0x67)
#define FFA_PARTITION_INFO_GET		FFA_SMC32(0x68)
#define FFA_ID_GET			FFA_SMC32(0x69)
#define FFA_MSG_POLL			FFA_SMC32(0x6A)
#define FFA_MSG_WAIT			FFA_SMC32(0x6B)
#define FFA_MSG_YIELD			FFA_SMC32(0x6C)
#define FFA_RUN				FFA_SMC32(0x6D)
#define FFA_MSG_SEND			FFA_SMC32(0x6E)
#define FFA_MSG_SEND_DIRECT_REQ		FFA_SMC32(0x6F)
#define FFA_FN64_MSG_SEND_DIRECT_REQ	FFA_SMC64(0x6F)
#define FFA_MSG_SEND_DIRECT_RESP	FFA_SMC32(0x70)
#define FFA_FN64_MSG_SEND_DIRECT_RESP	FFA_SMC64(0x70)
#define FFA_MEM_DONATE			FFA_SMC32(0x71)
#define FFA_FN64_MEM_DONATE		FFA_SMC64(0x71)
#define FFA_MEM_LEND			FFA_SMC32(0x72)
#define FFA_FN64_MEM_LEND		FFA_SMC64(0x72)
#define FFA_MEM_SHARE			FFA_SMC32(0x73)
#define FFA_FN64_MEM_SHARE		FFA_SMC64(0x73)
#define FFA_MEM_RETRIEVE_REQ		FFA_SMC32(0x74)
#define FFA_FN64_MEM_RETRIEVE_REQ	FFA_SMC64(0x74)
#define FFA_MEM_RETRIEVE_RESP		FFA_SMC32(0x75)
#define FFA_MEM_RELINQUISH		FFA_SMC32(0x76)
#define FFA_MEM_RECLAIM			FFA_SMC32(0x77)
#define FFA_MEM_OP_PAUSE		FFA_SMC32(0x78)
#define FFA_MEM_OP_RESUME		FFA_SMC32(0x79)
#define FFA_MEM_FRAG_RX			FFA_SMC32(0x7A)
#define FFA_MEM_FRAG_TX			FFA_SMC32(0x7B)
#define FFA_NORMAL_WORLD_RESUME		FFA_SMC32(0x7C)
#define FFA_NOTIFICATION_BITMAP_CREATE	FFA_SMC32(0x7D)
#define FFA_NOTIFICATION_BITMAP_DESTROY	FFA_SMC32(0x7E)
#define FFA_NOTIFICATION_BIND		FFA_SMC32(0x7F)
#define FFA_NOTIFICATION_UNBIND		FFA_SMC32(0x80)
#define FFA_NOTIFICATION_SET		FFA_SMC32(0x81)
#define FFA_NOTIFICATION_GET		FFA_SMC32(0x82)
#define FFA_NOTIFICATION_INFO_GET	FFA_SMC32(0x83)
#define FFA_FN64_NOTIFICATION_INFO_GET	FFA_SMC64(0x83)
#define FFA_RX_ACQUIRE			FFA_SMC32(0x84)
#define FFA_SPM_ID_GET			FFA_SMC32(0x85)
#define FFA_MSG_SEND2			FFA_SMC32(0x86)
#define FFA_SECONDARY_EP_REGISTER	FFA_SMC32(0x87)
#define FFA_FN64_SECONDARY_EP_REGISTER	FFA_SMC64(0x87)
#define FFA_MEM_PERM_GET		FFA_SMC32(0x88)
#define FFA_FN64_MEM_PERM_GET		FFA_SMC64(0x88)
#define FFA_MEM_PERM_SET		FFA_SMC32(0x89)
#define FFA_FN64_MEM_PERM_SET		FFA_SMC64(0x89)
#define FFA_CONSOLE_LOG			FFA_SMC32(0x8A)
#define FFA_FN64_CONSOLE_LOG		FFA_SMC64(0x8A)
#define FFA_FN64_PARTITION_INFO_GET_REGS FFA_SMC64(0x8B)
#define FFA_EL3_INTR_HANDLE		FFA_SMC32(0x8C)
#define FFA_FN64_MSG_SEND_DIRECT_REQ2	FFA_SMC64(0x8D)
#define FFA_FN64_MSG_SEND_DIRECT_RESP2	FFA_SMC64(0x8E)

/* Error codes, carried in w2 of FFA_ERROR. */
#define FFA_RET_SUCCESS			0
#define FFA_RET_NOT_SUPPORTED		(-1)
#define FFA_RET_INVALID_PARAMETERS	(-2)
#define FFA_RET_NO_MEMORY		(-3)
#define FFA_RET_BUSY			(-4)
#define FFA_RET_INTERRUPTED		(-5)
#define FFA_RET_DENIED			(-6)
#define FFA_RET_RETRY			(-7)
#define FFA_RET_ABORTED			(-8)
#define FFA_RET_NO_DATA			(-9)
#define FFA_RET_NOT_READY		(-10)

/* Versions: bit 31 MBZ, major [30:16], minor [15:0]. */
#define FFA_MAKE_VERSION(major, minor)	(((uint32_t)(major) << 16) | (minor))
#define FFA_VERSION_MAJOR(v)		(((v) >> 16) & 0x7fffU)
#define FFA_VERSION_MINOR(v)		((v) & 0xffffU)
#define FFA_VERSION_MBZ			(1U << 31)
#define FFA_VERSION_1_0			FFA_MAKE_VERSION(1, 0)
#define FFA_VERSION_1_1			FFA_MAKE_VERSION(1, 1)
#define FFA_VERSION_1_2			FFA_MAKE_VERSION(1, 2)

#define FFA_PAGE_SIZE			4096U
#define FFA_ID_SECURE			0x8000U	/* bit 15: secure world ID */

/* FFA_FEATURES of a feature ID (w1 bit 31 clear): the interrupts */
#define FFA_FEAT_NOTIFICATION_PENDING_INT	1U
#define FFA_FEAT_SCHEDULE_RECEIVER_INT		2U

/* FFA_FEATURES(FFA_RXTX_MAP) w2 */
#define FFA_RXTX_MIN_4K			0U
#define FFA_RXTX_MIN_64K		1U
#define FFA_RXTX_MIN_16K		2U
#define FFA_RXTX_MAX_PAGES_SHIFT	16	/* FF-A 1.2 */
#define FFA_RXTX_PAGE_COUNT_MASK	0x3fU	/* w3[5:0] of RXTX_MAP */

/* FFA_PARTITION_INFO_GET */
#define FFA_PARTINFO_COUNT_ONLY		(1U << 0)
#define FFA_PARTINFO_DESC_SIZE_1_0	8U
#define FFA_PARTINFO_DESC_SIZE_1_1	24U
#define FFA_PARTINFO_ID			0
#define FFA_PARTINFO_EXEC_CTX		2
#define FFA_PARTINFO_PROPS		4
#define FFA_PARTINFO_UUID		8	/* 1.1+ */

#define FFA_PROP_DIRECT_REQ_RECV	(1U << 0)
#define FFA_PROP_DIRECT_REQ_SEND	(1U << 1)
#define FFA_PROP_INDIRECT_MSG		(1U << 2)
#define FFA_PROP_NOTIFICATIONS		(1U << 3)
#define FFA_PROP_AARCH64		(1U << 8)
#define FFA_PROP_DIRECT_REQ2_RECV	(1U << 9)	/* 1.2 */
#define FFA_PROP_DIRECT_REQ2_SEND	(1U << 10)	/* 1.2 */

/* Direct messages: w1 = sender [31:16] | receiver [15:0]; w2 flags. */
#define FFA_MSG_FLAG_FRAMEWORK		(1U << 31)
#define FFA_MSG_FRAMEWORK_TYPE_MASK	0xffU
#define FFA_FWK_PSCI_REQ		0x0U
#define FFA_FWK_PSCI_RESP		0x2U
#define FFA_FWK_VM_CREATED_REQ		0x4U
#define FFA_FWK_VM_CREATED_RESP		0x5U
#define FFA_FWK_VM_DESTROYED_REQ	0x6U
#define FFA_FWK_VM_DESTROYED_RESP	0x7U

/* Memory transaction descriptor header (byte offsets). */
#define FFA_MTD_SENDER			0	/* u16 */
#define FFA_MTD_ATTRS			2	/* u8 in 1.0, u16 from 1.1 */
#define FFA_MTD_V1_0_RESERVED_3		3	/* u8, 1.0 only */
#define FFA_MTD_FLAGS			4	/* u32 */
#define FFA_MTD_HANDLE			8	/* u64 */
#define FFA_MTD_TAG			16	/* u64 */
#define FFA_MTD_EMAD_SIZE		24	/* u32, 1.1+ (1.0: MBZ) */
#define FFA_MTD_EMAD_COUNT		28	/* u32 */
#define FFA_MTD_EMAD_OFFSET		32	/* u32, 1.1+ */
#define FFA_MTD_RESERVED_36		36	/* 12 bytes, 1.1+ */
#define FFA_MTD_SIZE_1_0		32U
#define FFA_MTD_SIZE_1_1		48U

/* Endpoint memory access descriptor. */
#define FFA_EMAD_ID			0	/* u16 */
#define FFA_EMAD_PERMS			2	/* u8 */
#define FFA_EMAD_FLAGS			3	/* u8 */
#define FFA_EMAD_COMP_OFFSET		4	/* u32 */
#define FFA_EMAD_RESERVED_1_0		8	/* u64 in 1.0/1.1 */
#define FFA_EMAD_IMPDEF_1_2		8	/* 16 bytes in 1.2 */
#define FFA_EMAD_RESERVED_1_2		24	/* u64 in 1.2 */
#define FFA_EMAD_SIZE_1_0		16U
#define FFA_EMAD_SIZE_1_2		32U
#define FFA_EMAD_IMPDEF_LEN		16U
#define FFA_EMAD_FLAG_NON_RETRIEVAL	(1U << 0)

/* Composite memory region descriptor and constituents. */
#define FFA_COMP_TOTAL_PAGES		0	/* u32 */
#define FFA_COMP_RANGE_COUNT		4	/* u32 */
#define FFA_COMP_RESERVED		8	/* u64 */
#define FFA_COMP_SIZE			16U
#define FFA_CONS_ADDR			0	/* u64 */
#define FFA_CONS_PAGES			8	/* u32 */
#define FFA_CONS_RESERVED		12	/* u32 */
#define FFA_CONS_SIZE			16U

/* Access permissions (EMAD byte 2). */
#define FFA_PERM_DATA_MASK		0x3U
#define FFA_PERM_INSTR_SHIFT		2
#define FFA_PERM_INSTR_MASK		(0x3U << FFA_PERM_INSTR_SHIFT)
#define FFA_DATA_NOT_SPECIFIED		0U
#define FFA_DATA_RO			1U
#define FFA_DATA_RW			2U
#define FFA_DATA_RESERVED		3U
#define FFA_INSTR_NOT_SPECIFIED		0U
#define FFA_INSTR_NX			1U
#define FFA_INSTR_X			2U
#define FFA_INSTR_RESERVED		3U
#define FFA_PERMS(data, instr)		((uint8_t)((data) | ((instr) << 2)))
#define FFA_PERM_DATA(p)		((p) & FFA_PERM_DATA_MASK)
#define FFA_PERM_INSTR(p)		(((p) & FFA_PERM_INSTR_MASK) >> 2)

/* Memory region attributes. */
#define FFA_ATTR_SHARE_MASK		0x3U
#define FFA_ATTR_CACHE_SHIFT		2
#define FFA_ATTR_CACHE_MASK		(0x3U << FFA_ATTR_CACHE_SHIFT)
#define FFA_ATTR_TYPE_SHIFT		4
#define FFA_ATTR_TYPE_MASK		(0x3U << FFA_ATTR_TYPE_SHIFT)
#define FFA_ATTR_NS			(1U << 6)	/* 1.1+, SPMC sets it */
#define FFA_MEM_TYPE_NOT_SPECIFIED	0U
#define FFA_MEM_TYPE_DEVICE		1U
#define FFA_MEM_TYPE_NORMAL		2U
#define FFA_MEM_CACHE_NON_CACHEABLE	1U
#define FFA_MEM_CACHE_WRITE_BACK	3U
#define FFA_MEM_DEV_NGNRNE		0U
#define FFA_MEM_NON_SHAREABLE		0U
#define FFA_MEM_OUTER_SHAREABLE		2U
#define FFA_MEM_INNER_SHAREABLE		3U
#define FFA_ATTRS(type, cache, share) \
	((uint16_t)(((type) << 4) | ((cache) << 2) | (share)))
#define FFA_ATTRS_NORMAL_WB_IS \
	FFA_ATTRS(FFA_MEM_TYPE_NORMAL, FFA_MEM_CACHE_WRITE_BACK, \
		  FFA_MEM_INNER_SHAREABLE)

/* Transaction flags. */
#define FFA_MTD_FLAG_ZERO_MEMORY	(1U << 0)
#define FFA_MTD_FLAG_TIME_SLICE		(1U << 1)
#define FFA_MTD_FLAG_TYPE_SHIFT		3
#define FFA_MTD_FLAG_TYPE_MASK		(0x3U << FFA_MTD_FLAG_TYPE_SHIFT)
#define FFA_MTD_TYPE_SHARE		1U
#define FFA_MTD_TYPE_LEND		2U
#define FFA_MTD_TYPE_DONATE		3U

/* FFA_MEM_RECLAIM w3 */
#define FFA_RECLAIM_ZERO_MEMORY		(1U << 0)
#define FFA_RECLAIM_TIME_SLICE		(1U << 1)

/* Handle: bit 63 names the allocator (0 = SPMC). */
#define FFA_HANDLE_HYP_ALLOCATED	(UINT64_C(1) << 63)

/* Little-endian field access in descriptor buffers. */
static inline uint16_t ffa_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t ffa_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	       ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t ffa_get64(const uint8_t *p)
{
	return (uint64_t)ffa_get32(p) | ((uint64_t)ffa_get32(p + 4) << 32);
}

static inline void ffa_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void ffa_put32(uint8_t *p, uint32_t v)
{
	ffa_put16(p, (uint16_t)v);
	ffa_put16(p + 2, (uint16_t)(v >> 16));
}

static inline void ffa_put64(uint8_t *p, uint64_t v)
{
	ffa_put32(p, (uint32_t)v);
	ffa_put32(p + 4, (uint32_t)(v >> 32));
}

/* Decode helpers for a function ID as it arrives in x0. */
static inline uint32_t ffa_fid_strip_hint(uint64_t x0)
{
	return (uint32_t)x0 & ~SMCCC_SVE_HINT;
}

static inline bool ffa_fid_is_smc64(uint32_t fid)
{
	return fid & SMCCC_SMC64;
}

/* Owner "standard secure service", fast call, function number 0x60..0xff. */
static inline bool ffa_fid_is_ffa(uint32_t fid)
{
	uint32_t num = fid & SMCCC_FUNC_MASK;

	return (fid & SMCCC_FAST_CALL) &&
	       ((fid >> SMCCC_OWNER_SHIFT) & SMCCC_OWNER_MASK) ==
			SMCCC_OWNER_STANDARD &&
	       !(fid & 0x00fe0000U) &&	/* [23:17] MBZ */
	       num >= FFA_FUNC_MIN && num <= FFA_FUNC_MAX;
}

static inline size_t ffa_emad_size_for(uint32_t version)
{
	return version >= FFA_VERSION_1_2 ? FFA_EMAD_SIZE_1_2 :
					    FFA_EMAD_SIZE_1_0;
}

static inline size_t ffa_mtd_size_for(uint32_t version)
{
	return version >= FFA_VERSION_1_1 ? FFA_MTD_SIZE_1_1 :
					    FFA_MTD_SIZE_1_0;
}

/* ffa_names.c: name <-> value tables for traces and scenario files. */
const char *ffa_func_name(uint32_t fid);
bool ffa_func_lookup(const char *name, uint32_t *fid);
const char *ffa_error_name(int32_t err);
bool ffa_error_lookup(const char *name, int32_t *err);
/* Iterate all functions: returns false past the end. */
bool ffa_func_at(size_t idx, const char **name, uint32_t *fid);
bool ffa_error_at(size_t idx, const char **name, int32_t *err);

#endif /* SPMC_MOCK_FFA_ABI_H */
