// SPDX-License-Identifier: GPL-2.0-only
/*
 * FFA_MSG_SEND2 (FF-A 1.1): an indirect message, read from the TX buffer
 * of the normal world's endpoint 0 as mapped with FFA_RXTX_MAP.  The
 * header says who sends to whom, where the payload starts and how long it
 * is; a partition that takes indirect messages gets it (the mock keeps
 * the last one for scenarios to check).
 */
#include <string.h>

#include "spmc_mock/spmc_internal.h"

/* DEN0077A 1.1 header: flags, reserved, offset, sender/receiver, size. */
#define MSG2_OFFSET		8
#define MSG2_SEND_RECV		12
#define MSG2_SIZE		16
#define MSG2_HDR_MIN		20

static int read_message(struct spmc *s, uint16_t *sender, uint16_t *receiver,
			uint32_t *offset, uint32_t *size)
{
	uint32_t bytes = s->mbox.pages * FFA_PAGE_SIZE;
	uint8_t hdr[MSG2_HDR_MIN];
	uint32_t ids;

	if (!s->mbox.mapped)
		return FFA_RET_DENIED;
	if (physmem_read(s->pm, s->mbox.tx_pa, hdr, sizeof(hdr)))
		return FFA_RET_INVALID_PARAMETERS;
	*offset = ffa_get32(hdr + MSG2_OFFSET);
	*size = ffa_get32(hdr + MSG2_SIZE);
	ids = ffa_get32(hdr + MSG2_SEND_RECV);
	*sender = ids >> 16;
	*receiver = ids & 0xffff;
	if (*offset < MSG2_HDR_MIN || *offset > bytes || !*size ||
	    *size > bytes - *offset)
		return FFA_RET_INVALID_PARAMETERS;
	/* Only endpoint 0 has this buffer: it cannot send for another. */
	if (*sender != 0)
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

void spmc_do_msg_send2(struct spmc *s, const struct smc_regs *in,
		       struct smc_regs *out)
{
	struct spmc_indirect_info *last;
	struct spmc_partition *p = NULL;
	uint16_t sender, receiver;
	uint32_t offset, size;
	int ret;

	(void)in;
	ret = read_message(s, &sender, &receiver, &offset, &size);
	if (!ret && !(p = spmc_find_partition(s, receiver)))
		ret = FFA_RET_INVALID_PARAMETERS;
	if (!ret && !(p->cfg.properties & FFA_PROP_INDIRECT_MSG))
		ret = FFA_RET_DENIED;
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	last = &p->last_indirect;
	last->count++;
	last->sender = sender;
	last->size = size;
	memset(last->data, 0, sizeof(last->data));
	physmem_read(s->pm, s->mbox.tx_pa + offset, last->data,
		     size < sizeof(last->data) ? size : sizeof(last->data));
	spmc_log(s, "indirect message of %u bytes to %#x", size, receiver);
	ffa_ret_success(out, 0, 0);
}

bool spmc_partition_last_indirect(const struct spmc *s, uint16_t part_id,
				  struct spmc_indirect_info *info)
{
	bool found = false;
	unsigned int i;

	spmc_lock(s);
	for (i = 0; i < s->cfg.nr_partitions && !found; i++) {
		if (s->parts[i].cfg.id == part_id) {
			*info = s->parts[i].last_indirect;
			found = true;
		}
	}
	spmc_unlock(s);
	return found;
}
