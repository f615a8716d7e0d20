// SPDX-License-Identifier: GPL-2.0-only
/*
 * FF-A values in words: endpoint IDs, versions, handles, access
 * permissions, memory attributes, UUIDs.  The register decoder and the
 * descriptor decoder both describe these, so they say it the same way.
 * Bit layouts are DEN0077A's; reserved encodings are named as such and
 * flagged, never guessed at.
 */
#include <stdio.h>
#include <string.h>

#include "sim/decode/decode.h"
#include "spmc_mock/ffa_abi.h"

static void flag(bool *bad)
{
	if (bad)
		*bad = true;
}

char *decode_endpoint(uint16_t id)
{
	return g_strdup_printf("0x%04x (%s)", id,
			       id & FFA_ID_SECURE ? "secure" : "normal world");
}

char *decode_version(uint32_t v, bool *bad)
{
	if (!(v & FFA_VERSION_MBZ))
		return g_strdup_printf("%u.%u", FFA_VERSION_MAJOR(v),
				       FFA_VERSION_MINOR(v));
	flag(bad);
	return g_strdup_printf("%u.%u with bit 31 set, which must be zero",
			       FFA_VERSION_MAJOR(v), FFA_VERSION_MINOR(v));
}

char *decode_handle(uint64_t h)
{
	if (!h)
		return g_strdup("0");
	return g_strdup_printf("%#llx (allocated by the %s)",
			       (unsigned long long)h,
			       h & FFA_HANDLE_HYP_ALLOCATED ? "hypervisor" :
							      "SPMC");
}

static const char *const data_words[] = {
	"data access not specified", "read-only", "read-write",
	"data access reserved (3)",
};

static const char *const instr_words[] = {
	"execute not specified", "no execute", "execute",
	"instruction access reserved (3)",
};

char *decode_perms(uint8_t perms, bool *bad)
{
	unsigned int data = FFA_PERM_DATA(perms);
	unsigned int instr = FFA_PERM_INSTR(perms);
	GString *s = g_string_new(NULL);

	g_string_append_printf(s, "%s, %s", data_words[data],
			       instr_words[instr]);
	if (data == FFA_DATA_RESERVED || instr == FFA_INSTR_RESERVED)
		flag(bad);
	if (perms & 0xf0) {
		g_string_append_printf(s, ", reserved bits 7:4 = %#x",
				       perms >> 4);
		flag(bad);
	}
	return g_string_free(s, FALSE);
}

static const char *const device_words[] = {
	"device nGnRnE", "device nGnRE", "device nGRE", "device GRE",
};

static const char *const cache_words[] = {
	"cacheability reserved (0)", "non-cacheable",
	"cacheability reserved (2)", "write-back",
};

static const char *const share_words[] = {
	"non-shareable", "shareability reserved (1)", "outer shareable",
	"inner shareable",
};

static void attrs_type(GString *s, uint16_t attrs, bool *bad)
{
	unsigned int type = (attrs & FFA_ATTR_TYPE_MASK) >> FFA_ATTR_TYPE_SHIFT;
	unsigned int cache = (attrs & FFA_ATTR_CACHE_MASK) >>
			     FFA_ATTR_CACHE_SHIFT;
	unsigned int share = attrs & FFA_ATTR_SHARE_MASK;

	switch (type) {
	case FFA_MEM_TYPE_NOT_SPECIFIED:
		g_string_append(s, "memory type not specified");
		break;
	case FFA_MEM_TYPE_DEVICE:
		g_string_append(s, device_words[cache]);
		break;
	case FFA_MEM_TYPE_NORMAL:
		g_string_append_printf(s, "normal memory, %s, %s",
				       cache_words[cache], share_words[share]);
		if (!(cache & 1) || share == 1)
			flag(bad);
		break;
	default:
		g_string_append(s, "memory type reserved (3)");
		flag(bad);
		break;
	}
}

char *decode_attrs(uint16_t attrs, bool v1_0, bool *bad)
{
	uint16_t reserved = v1_0 ? attrs & 0xffc0 : attrs & 0xff80;
	GString *s = g_string_new(NULL);

	attrs_type(s, attrs, bad);
	if (!v1_0 && (attrs & FFA_ATTR_NS))
		g_string_append(s, ", non-secure (set by the SPMC)");
	if (reserved) {
		g_string_append_printf(s, ", reserved bits %s = %#x",
				       v1_0 ? "7:6" : "15:7", reserved);
		flag(bad);
	}
	return g_string_free(s, FALSE);
}

char *decode_uuid(const uint8_t u[16])
{
	static const uint8_t nil[16];

	if (!memcmp(u, nil, sizeof(nil)))
		return g_strdup("nil (any partition)");
	return g_strdup_printf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
			       u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
			       u[8], u[9], u[10], u[11], u[12], u[13], u[14],
			       u[15]);
}
