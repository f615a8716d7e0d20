// SPDX-License-Identifier: GPL-2.0-only
/*
 * Endpoint 0's RX/TX buffer pair: FFA_RXTX_MAP, FFA_RXTX_UNMAP,
 * FFA_RX_RELEASE, and RX ownership (producer = SPMC, consumer = caller).
 */
#include "spmc_mock/spmc_internal.h"

static uint32_t min_buffer_pages(const struct spmc *s)
{
	static const uint32_t pages[] = { 1, 16, 4 };

	return pages[s->cfg.rxtx_min_code];
}

static bool ranges_overlap(uint64_t a, uint64_t b, uint64_t len)
{
	return a < b + len && b < a + len;
}

static int check_buffers(const struct spmc *s, uint64_t tx, uint64_t rx,
			 uint32_t pages)
{
	uint32_t min = min_buffer_pages(s);
	uint64_t align = (uint64_t)min * FFA_PAGE_SIZE;
	uint64_t size = (uint64_t)pages * FFA_PAGE_SIZE;

	if (!pages || pages % min)
		return FFA_RET_INVALID_PARAMETERS;
	if (s->cfg.rxtx_max_pages && pages > s->cfg.rxtx_max_pages)
		return FFA_RET_INVALID_PARAMETERS;
	if (tx % align || rx % align)
		return FFA_RET_INVALID_PARAMETERS;
	if (ranges_overlap(tx, rx, size))
		return FFA_RET_INVALID_PARAMETERS;
	if (!physmem_is_ram(s->pm, tx, size) ||
	    !physmem_is_ram(s->pm, rx, size))
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

/* Read without the lock (spmc_rx_generation()). */
static void mbox_moved(struct spmc *s)
{
	__atomic_store_n(&s->mbox_gen, spmc_new_generation(), __ATOMIC_RELEASE);
}

/* x1 = TX, x2 = RX (w1/w2 for the SMC32 form), w3[5:0] = 4K pages. */
void spmc_do_rxtx_map(struct spmc *s, const struct smc_regs *in,
		      struct smc_regs *out)
{
	bool is64 = ffa_fid_is_smc64((uint32_t)in->x[0]);
	uint64_t tx = is64 ? in->x[1] : (uint32_t)in->x[1];
	uint64_t rx = is64 ? in->x[2] : (uint32_t)in->x[2];
	uint32_t w3 = (uint32_t)in->x[3];
	uint32_t pages = w3 & FFA_RXTX_PAGE_COUNT_MASK;
	int ret;

	if (s->mbox.mapped) {
		ffa_ret_error(out, FFA_RET_DENIED);
		return;
	}
	if (w3 & ~FFA_RXTX_PAGE_COUNT_MASK) {
		ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	ret = check_buffers(s, tx, rx, pages);
	if (ret) {
		ffa_ret_error(out, ret);
		return;
	}
	s->mbox = (struct spmc_mailbox){
		.mapped = true, .tx_pa = tx, .rx_pa = rx, .pages = pages,
	};
	mbox_moved(s);
	spmc_log(s, "RXTX mapped: TX 0x%llx RX 0x%llx, %u pages",
		 (unsigned long long)tx, (unsigned long long)rx, pages);
	ffa_ret_success(out, 0, 0);
}

/* w1[31:16] names the endpoint; the physical instance can only be 0. */
void spmc_do_rxtx_unmap(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out)
{
	uint16_t id = (uint16_t)((uint32_t)in->x[1] >> 16);

	if (id != 0 || !s->mbox.mapped) {
		ffa_ret_error(out, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	s->mbox = (struct spmc_mailbox){ 0 };
	mbox_moved(s);
	spmc_xfer_reset(s);
	spmc_log(s, "RXTX unmapped");
	ffa_ret_success(out, 0, 0);
}

void spmc_do_rx_release(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out)
{
	(void)in;
	if (!s->mbox.mapped || !s->mbox.consumer_owns_rx) {
		ffa_ret_error(out, FFA_RET_DENIED);
		return;
	}
	s->mbox.consumer_owns_rx = false;
	ffa_ret_success(out, 0, 0);
}

int spmc_rx_fill(struct spmc *s, const void *buf, size_t len)
{
	if (len > spmc_rx_size(s))
		return FFA_RET_NO_MEMORY;
	if (len && physmem_write(s->pm, s->mbox.rx_pa, buf, len))
		return FFA_RET_ABORTED;
	s->mbox.consumer_owns_rx = true;
	return 0;
}

uint64_t spmc_rx_generation(const struct spmc *s)
{
	return __atomic_load_n(&s->mbox_gen, __ATOMIC_ACQUIRE);
}

void spmc_rx_state(const struct spmc *s, struct spmc_rx_info *info)
{
	spmc_lock(s);
	info->mapped = s->mbox.mapped;
	info->tx_pa = s->mbox.tx_pa;
	info->rx_pa = s->mbox.rx_pa;
	info->pages = s->mbox.pages;
	info->consumer_owns_rx = s->mbox.consumer_owns_rx;
	spmc_unlock(s);
}
