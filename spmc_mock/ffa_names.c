// SPDX-License-Identifier: GPL-2.0-only
/*
 * Name tables for FF-A function IDs and error codes, shared by the mock
 * SPMC's traces and the scenario engine's parser.
 */
#include <string.h>

#include "spmc_mock/ffa_abi.h"

struct ffa_func_entry {
	const char *name;
	uint32_t fid;
};

struct ffa_error_entry {
	const char *name;
	int32_t err;
};

#define FUNC(n)		{ #n, n }

static const struct ffa_func_entry ffa_funcs[] = {
	FUNC(FFA_ERROR),
	FUNC(FFA_SUCCESS),
	FUNC(FFA_FN64_SUCCESS),
	FUNC(FFA_INTERRUPT),
	FUNC(FFA_VERSION),
	FUNC(FFA_FEATURES),
	FUNC(FFA_RX_RELEASE),
	FUNC(FFA_RXTX_MAP),
	FUNC(FFA_FN64_RXTX_MAP),
	FUNC(FFA_RXTX_UNMAP),
	FUNC(FFA_PARTITION_INFO_GET),
	FUNC(FFA_ID_GET),
	FUNC(FFA_MSG_POLL),
	FUNC(FFA_MSG_WAIT),
	FUNC(FFA_MSG_YIELD),
	FUNC(FFA_RUN),
	FUNC(FFA_MSG_SEND),
	FUNC(FFA_MSG_SEND_DIRECT_REQ),
	FUNC(FFA_FN64_MSG_SEND_DIRECT_REQ),
	FUNC(FFA_MSG_SEND_DIRECT_RESP),
	FUNC(FFA_FN64_MSG_SEND_DIRECT_RESP),
	FUNC(FFA_MEM_DONATE),
	FUNC(FFA_FN64_MEM_DONATE),
	FUNC(FFA_MEM_LEND),
	FUNC(FFA_FN64_MEM_LEND),
	FUNC(FFA_MEM_SHARE),
	FUNC(FFA_FN64_MEM_SHARE),
	FUNC(FFA_MEM_RETRIEVE_REQ),
	FUNC(FFA_FN64_MEM_RETRIEVE_REQ),
	FUNC(FFA_MEM_RETRIEVE_RESP),
	FUNC(FFA_MEM_RELINQUISH),
	FUNC(FFA_MEM_RECLAIM),
	FUNC(FFA_MEM_OP_PAUSE),
	FUNC(FFA_MEM_OP_RESUME),
	FUNC(FFA_MEM_FRAG_RX),
	FUNC(FFA_MEM_FRAG_TX),
	FUNC(FFA_NORMAL_WORLD_RESUME),
	FUNC(FFA_NOTIFICATION_BITMAP_CREATE),
	FUNC(FFA_NOTIFICATION_BITMAP_DESTROY),
	FUNC(FFA_NOTIFICATION_BIND),
	FUNC(FFA_NOTIFICATION_UNBIND),
	FUNC(FFA_NOTIFICATION_SET),
	FUNC(FFA_NOTIFICATION_GET),
	FUNC(FFA_NOTIFICATION_INFO_GET),
	FUNC(FFA_FN64_NOTIFICATION_INFO_GET),
	FUNC(FFA_RX_ACQUIRE),
	FUNC(FFA_SPM_ID_GET),
	FUNC(FFA_MSG_SEND2),
	FUNC(FFA_SECONDARY_EP_REGISTER),
	FUNC(FFA_FN64_SECONDARY_EP_REGISTER),
	FUNC(FFA_MEM_PERM_GET),
	FUNC(FFA_FN64_MEM_PERM_GET),
	FUNC(FFA_MEM_PERM_SET),
	FUNC(FFA_FN64_MEM_PERM_SET),
	FUNC(FFA_CONSOLE_LOG),
	FUNC(FFA_FN64_CONSOLE_LOG),
	FUNC(FFA_FN64_PARTITION_INFO_GET_REGS),
	FUNC(FFA_EL3_INTR_HANDLE),
	FUNC(FFA_FN64_MSG_SEND_DIRECT_REQ2),
	FUNC(FFA_FN64_MSG_SEND_DIRECT_RESP2),
};

#define ERR(n)		{ #n, FFA_RET_##n }

static const struct ffa_error_entry ffa_errors[] = {
	ERR(SUCCESS),
	ERR(NOT_SUPPORTED),
	ERR(INVALID_PARAMETERS),
	ERR(NO_MEMORY),
	ERR(BUSY),
	ERR(INTERRUPTED),
	ERR(DENIED),
	ERR(RETRY),
	ERR(ABORTED),
	ERR(NO_DATA),
	ERR(NOT_READY),
};

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

const char *ffa_func_name(uint32_t fid)
{
	size_t i;

	fid &= ~SMCCC_SVE_HINT;
	for (i = 0; i < ARRAY_LEN(ffa_funcs); i++)
		if (ffa_funcs[i].fid == fid)
			return ffa_funcs[i].name;
	return NULL;
}

bool ffa_func_lookup(const char *name, uint32_t *fid)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(ffa_funcs); i++) {
		if (!strcmp(ffa_funcs[i].name, name)) {
			*fid = ffa_funcs[i].fid;
			return true;
		}
	}
	return false;
}

bool ffa_func_at(size_t idx, const char **name, uint32_t *fid)
{
	if (idx >= ARRAY_LEN(ffa_funcs))
		return false;
	*name = ffa_funcs[idx].name;
	*fid = ffa_funcs[idx].fid;
	return true;
}

/*
 * Accept both the bare name ("DENIED") and the prefixed one
 * ("FFA_RET_DENIED") so scenario files can use either spelling.
 */
static const char *strip_error_prefix(const char *name)
{
	static const char prefix[] = "FFA_RET_";

	if (!strncmp(name, prefix, sizeof(prefix) - 1))
		return name + sizeof(prefix) - 1;
	return name;
}

const char *ffa_error_name(int32_t err)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(ffa_errors); i++)
		if (ffa_errors[i].err == err)
			return ffa_errors[i].name;
	return NULL;
}

bool ffa_error_lookup(const char *name, int32_t *err)
{
	size_t i;

	name = strip_error_prefix(name);
	for (i = 0; i < ARRAY_LEN(ffa_errors); i++) {
		if (!strcmp(ffa_errors[i].name, name)) {
			*err = ffa_errors[i].err;
			return true;
		}
	}
	return false;
}

bool ffa_error_at(size_t idx, const char **name, int32_t *err)
{
	if (idx >= ARRAY_LEN(ffa_errors))
		return false;
	*name = ffa_errors[idx].name;
	*err = ffa_errors[idx].err;
	return true;
}
