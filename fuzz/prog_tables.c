// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the symbolic values of a program can stand for.  Each entry carries
 * the text the scenario language writes it as, so that the emitter prints
 * `version(1, 1)` where the fuzzer picked that constant, not 0x10001.
 */
#include "fuzz/prog.h"
#include "proxy/hyp/hyp.h"
#include "spmc_mock/ffa_abi.h"
#include "spmc_mock/spmc.h"

static uint64_t ffa_pages_per_page(size_t page_size)
{
	return page_size / FFA_PAGE_SIZE;
}

static uint64_t page_size_value(size_t page_size)
{
	return page_size;
}

/* Values a host passes often, and the edges around them. */
const struct fz_const fz_consts[] = {
	{ "0", NULL, 0 },
	{ "1", NULL, 1 },
	{ "2", NULL, 2 },
	{ "PAGE_SIZE / FFA_PAGE_SIZE", ffa_pages_per_page, 0 },
	{ "PAGE_SIZE", page_size_value, 0 },
	{ "FFA_PAGE_SIZE", NULL, FFA_PAGE_SIZE },
	{ "sp1", NULL, FZ_PART_1 },
	{ "sp2", NULL, FZ_PART_2 },
	{ "SPMC_ID", NULL, SPMC_DEFAULT_ID },
	{ "sp1 << 16", NULL, (uint64_t)FZ_PART_1 << 16 },
	{ "version(1, 0)", NULL, FFA_VERSION_1_0 },
	{ "version(1, 1)", NULL, FFA_VERSION_1_1 },
	{ "version(1, 2)", NULL, FFA_VERSION_1_2 },
	{ "version(1, 3)", NULL, 0x10003 },
	{ "version(2, 0)", NULL, 0x20000 },
	{ "FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_CREATED_REQ", NULL,
	  FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_CREATED_REQ },
	{ "16", NULL, 16 },
	{ "48", NULL, 48 },
	{ "64", NULL, 64 },
	{ "0xff", NULL, 0xff },
	{ "0xffff", NULL, 0xffff },
	{ "0x7fffffff", NULL, 0x7fffffff },
	{ "0x80000000", NULL, 0x80000000 },
	{ "0xfffffff0", NULL, 0xfffffff0 },
	{ "0xffffffff", NULL, 0xffffffff },
	{ "0x100000000", NULL, 0x100000000ULL },
	{ "1M", NULL, 1 << 20 },
	{ "FFA_ATTRS_NORMAL_WB_IS", NULL, FFA_ATTRS_NORMAL_WB_IS },
	{ "FFA_HANDLE_HYP_ALLOCATED", NULL, FFA_HANDLE_HYP_ALLOCATED },
	{ "SMCCC_NOT_SUPPORTED", NULL, SMCCC_RET_NOT_SUPPORTED },
};
const unsigned int fz_nr_consts = sizeof(fz_consts) / sizeof(fz_consts[0]);

/* The calls an SPMC fault can be armed for: what the SPMC receives. */
const uint32_t fz_spmc_fids[] = {
	0,			/* any */
	FFA_VERSION,
	FFA_ID_GET,
	FFA_FEATURES,
	FFA_FN64_RXTX_MAP,
	FFA_RXTX_UNMAP,
	FFA_PARTITION_INFO_GET,
	FFA_FN64_MEM_SHARE,
	FFA_FN64_MEM_LEND,
	FFA_MEM_FRAG_TX,
	FFA_MEM_FRAG_RX,
	FFA_FN64_MEM_RETRIEVE_REQ,
	FFA_RX_RELEASE,
	FFA_MEM_RECLAIM,
	FFA_MSG_SEND_DIRECT_REQ,
};
const unsigned int fz_nr_spmc_fids =
	sizeof(fz_spmc_fids) / sizeof(fz_spmc_fids[0]);

const struct fz_errno fz_errnos[] = {
	{ "EPERM", 1 }, { "ENOENT", 2 }, { "E2BIG", 7 }, { "EAGAIN", 11 },
	{ "ENOMEM", 12 }, { "EFAULT", 14 }, { "EBUSY", 16 }, { "EEXIST", 17 },
	{ "EINVAL", 22 }, { "ERANGE", 34 }, { "EOPNOTSUPP", 95 },
};
const unsigned int fz_nr_errnos = sizeof(fz_errnos) / sizeof(fz_errnos[0]);

const char *const fz_access_words[3] = { "unspecified", "ro", "rw" };
const char *const fz_exec_words[3] = { "unspecified", "nx", "x" };
const char *const fz_type_words[4] = { "any", "share", "lend", "donate" };
unsigned int fz_nr_fids(void)
{
	static unsigned int n;
	const char *name;
	uint32_t fid;

	if (!n)
		while (ffa_func_at(n, &name, &fid))
			n++;
	return n;
}

uint32_t fz_fid_base(uint64_t v)
{
	const char *name;
	uint32_t fid = 0;

	ffa_func_at((v & 0xff) % fz_nr_fids(), &name, &fid);
	return fid;
}

uint64_t fz_fid_value(uint64_t v)
{
	uint64_t fid = fz_fid_base(v);

	switch ((v >> 8) & 3) {
	case FF_SVE_HINT:
		return fid | SMCCC_SVE_HINT;
	case FF_UPPER:
		return fid | (1ULL << 32);
	case FF_OTHER_CONV:
		return fid ^ SMCCC_SMC64;
	default:
		return fid;
	}
}

uint32_t fz_layout_version(uint8_t layout)
{
	static const uint32_t versions[] = {
		FFA_VERSION_1_0, FFA_VERSION_1_1, FFA_VERSION_1_2,
	};

	return versions[layout % 3];
}
