// SPDX-License-Identifier: GPL-2.0-only
/*
 * Direct messaging from the normal world to a partition:
 * FFA_MSG_SEND_DIRECT_REQ(_64) and, from FF-A 1.2, DIRECT_REQ2.
 *
 * Partitions never run here: each answers at once according to its
 * configured behaviour, and the request is recorded for the scenario's
 * checks.
 */
#include <string.h>

#include "spmc_mock/spmc_internal.h"

#define REQ_PAYLOAD_FIRST	3	/* x3..x7 */
#define REQ_PAYLOAD_LAST	7
#define REQ2_PAYLOAD_FIRST	4	/* x4..x17 */
#define REQ2_PAYLOAD_LAST	17

struct direct_call {
	uint32_t resp_fid;
	unsigned int first;
	unsigned int last;
	uint16_t sender;
	uint16_t receiver;
};

/*
 * w1[31:16] sender, w1[15:0] receiver.  The SPMC cannot tell the host
 * from the hypervisor, but it can tell that a secure-world ID did not
 * come from the normal world; by default only endpoint 0 exists there.
 */
static int check_endpoints(struct spmc *s, const struct smc_regs *in,
			   struct direct_call *c, struct spmc_partition **part)
{
	uint32_t w1 = (uint32_t)in->x[1];

	c->sender = (uint16_t)(w1 >> 16);
	c->receiver = (uint16_t)w1;
	if ((c->sender & FFA_ID_SECURE) ||
	    (!s->cfg.any_nwd_sender && c->sender != 0))
		return FFA_RET_INVALID_PARAMETERS;
	*part = spmc_find_partition(s, c->receiver);
	return *part ? 0 : FFA_RET_INVALID_PARAMETERS;
}

static void record(struct spmc *s, struct spmc_partition *p,
		   const struct smc_regs *in, bool framework)
{
	p->last.count++;
	p->last.seq = ++s->msg_seq;
	p->last.fid = ffa_fid_strip_hint(in->x[0]);
	p->last.regs = *in;
	p->last.framework = framework;
	spmc_log(s, "partition 0x%04x received %s%s", p->cfg.id,
		 ffa_func_name(p->last.fid), framework ? " (framework)" : "");
}

static void ret_response(struct smc_regs *out, const struct direct_call *c,
			 uint32_t w2, const uint64_t *payload)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	out->x[0] = c->resp_fid;
	out->x[1] = ((uint32_t)c->receiver << 16) | c->sender;
	out->x[2] = w2;
	for (i = c->first; i <= c->last; i++)
		out->x[i] = payload[i];
}

static void run_scripted(struct spmc *s, const struct spmc_partition *p,
			 const struct smc_regs *in, const struct direct_call *c,
			 struct smc_regs *out)
{
	struct smc_regs resp = { 0 };
	int ret;

	if (!s->direct_fn) {
		ffa_ret_error(out, FFA_RET_ABORTED);
		return;
	}
	ret = s->direct_fn(s->direct_ctx, p->cfg.id, in, &resp);
	if (ret < 0)
		ffa_ret_error(out, ret);
	else
		ret_response(out, c, 0, resp.x);
}

static void run_behaviour(struct spmc *s, const struct spmc_partition *p,
			  const struct smc_regs *in,
			  const struct direct_call *c, struct smc_regs *out)
{
	switch (p->cfg.behaviour) {
	case SPMC_DIRECT_ECHO:
		ret_response(out, c, 0, in->x);
		break;
	case SPMC_DIRECT_FIXED:
		ret_response(out, c, 0, p->cfg.fixed_resp);
		break;
	case SPMC_DIRECT_ERROR:
		ffa_ret_error(out, p->cfg.error);
		break;
	case SPMC_DIRECT_BUSY:
		ffa_ret_error(out, FFA_RET_BUSY);
		break;
	case SPMC_DIRECT_SCRIPTED:
		run_scripted(s, p, in, c, out);
		break;
	}
}

/*
 * Framework messages are answered by the SPMC on the partition's behalf:
 * the known request types get their response type with status 0 in w3.
 */
static int framework_response(uint32_t w2, uint32_t *resp_w2)
{
	static const uint8_t resp_of[][2] = {
		{ FFA_FWK_PSCI_REQ, FFA_FWK_PSCI_RESP },
		{ FFA_FWK_VM_CREATED_REQ, FFA_FWK_VM_CREATED_RESP },
		{ FFA_FWK_VM_DESTROYED_REQ, FFA_FWK_VM_DESTROYED_RESP },
	};
	uint32_t type = w2 & FFA_MSG_FRAMEWORK_TYPE_MASK;
	unsigned int i;

	if (w2 & ~(FFA_MSG_FLAG_FRAMEWORK | FFA_MSG_FRAMEWORK_TYPE_MASK))
		return FFA_RET_INVALID_PARAMETERS;
	for (i = 0; i < sizeof(resp_of) / sizeof(resp_of[0]); i++) {
		if (resp_of[i][0] == type) {
			*resp_w2 = FFA_MSG_FLAG_FRAMEWORK | resp_of[i][1];
			return 0;
		}
	}
	return FFA_RET_INVALID_PARAMETERS;
}

static void answer_framework(const struct smc_regs *in,
			     const struct direct_call *c, struct smc_regs *out)
{
	static const uint64_t status_ok[SMC_NR_REGS];
	uint32_t resp_w2;
	int ret = framework_response((uint32_t)in->x[2], &resp_w2);

	if (ret)
		ffa_ret_error(out, ret);
	else
		ret_response(out, c, resp_w2, status_ok);
}

/* w2: bit 31 framework message, else MBZ; payload x3..x7. */
void spmc_do_direct_req(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out)
{
	bool is64 = ffa_fid_is_smc64((uint32_t)in->x[0]);
	uint32_t w2 = (uint32_t)in->x[2];
	bool framework = w2 & FFA_MSG_FLAG_FRAMEWORK;
	struct direct_call c = {
		.resp_fid = is64 ? FFA_FN64_MSG_SEND_DIRECT_RESP :
				   FFA_MSG_SEND_DIRECT_RESP,
		.first = REQ_PAYLOAD_FIRST,
		.last = REQ_PAYLOAD_LAST,
	};
	struct spmc_partition *p;
	int ret;

	ret = check_endpoints(s, in, &c, &p);
	if (!ret && !framework && w2)
		ret = FFA_RET_INVALID_PARAMETERS;
	if (!ret && !(p->cfg.properties & FFA_PROP_DIRECT_REQ_RECV))
		ret = FFA_RET_DENIED;
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	record(s, p, in, framework);
	if (framework)
		answer_framework(in, &c, out);
	else
		run_behaviour(s, p, in, &c, out);
}

/* x2/x3 the target UUID (bytes 0..7, 8..15); nil means "any service". */
static bool uuid_accepted(const struct spmc_partition *p,
			  const struct smc_regs *in)
{
	static const uint8_t nil[16];
	uint8_t uuid[16];

	ffa_put64(uuid, in->x[2]);
	ffa_put64(uuid + 8, in->x[3]);
	return !memcmp(uuid, nil, 16) || !memcmp(uuid, p->cfg.uuid, 16);
}

void spmc_do_direct_req2(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out)
{
	struct direct_call c = {
		.resp_fid = FFA_FN64_MSG_SEND_DIRECT_RESP2,
		.first = REQ2_PAYLOAD_FIRST,
		.last = REQ2_PAYLOAD_LAST,
	};
	struct spmc_partition *p;
	int ret;

	ret = check_endpoints(s, in, &c, &p);
	if (!ret && !uuid_accepted(p, in))
		ret = FFA_RET_INVALID_PARAMETERS;
	if (!ret && !(p->cfg.properties & FFA_PROP_DIRECT_REQ2_RECV))
		ret = FFA_RET_DENIED;
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	record(s, p, in, false);
	run_behaviour(s, p, in, &c, out);
}

/* Only a partition answers a request; the normal world has none pending. */
void spmc_do_direct_resp(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out)
{
	(void)s;
	(void)in;
	ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
}

bool spmc_partition_last_msg(const struct spmc *s, uint16_t part_id,
			     struct spmc_msg_info *info)
{
	const struct spmc_partition *p;

	spmc_lock(s);
	p = spmc_find_partition((struct spmc *)s, part_id);
	if (p)
		*info = p->last;
	spmc_unlock(s);
	return p;
}
