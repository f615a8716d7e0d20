// SPDX-License-Identifier: GPL-2.0-only
/*
 * Read-only views of the SPMC's books for scenario checks and the safety
 * invariant (which normal-world pages the secure side holds).  Each holds
 * the SPMC's lock, callbacks included: what they see is one moment.
 */
#include <string.h>

#include "spmc_mock/spmc_internal.h"

static void fill_info(const struct spmc_txn *t, struct spmc_txn_info *info)
{
	unsigned int i;

	memset(info, 0, sizeof(*info));
	info->handle = t->handle;
	info->sender = t->sender;
	info->op = t->op;
	info->complete = t->complete;
	info->donated = t->donated;
	info->version = t->version;
	info->total_len = t->total_len;
	info->received_len = t->received_len;
	info->attrs = t->attrs;
	info->flags = t->flags;
	info->tag = t->tag;
	info->nr_receivers = t->nr_receivers;
	for (i = 0; i < t->nr_receivers; i++) {
		info->receivers[i].id = t->receivers[i].id;
		info->receivers[i].perms = t->receivers[i].perms;
		info->receivers[i].flags = t->receivers[i].flags;
		info->receivers[i].retrieved = t->receivers[i].retrieved;
		info->receivers[i].retrieved_perms =
			t->receivers[i].retrieved_perms;
	}
	info->nr_ranges = t->nr_ranges;
	info->ranges = t->ranges;
}

void spmc_for_each_txn(struct spmc *s, spmc_txn_fn fn, void *ctx)
{
	struct spmc_txn_info info;
	unsigned int i;

	spmc_lock(s);
	for (i = 0; i < SPMC_MAX_TXNS; i++) {
		if (!s->txns[i].in_use)
			continue;
		fill_info(&s->txns[i], &info);
		fn(ctx, &info);
	}
	spmc_unlock(s);
}

bool spmc_txn_find(struct spmc *s, uint64_t handle,
		   struct spmc_txn_info *info)
{
	struct spmc_txn *t;

	spmc_lock(s);
	t = spmc_txn_lookup(s, handle);
	if (t)
		fill_info(t, info);
	spmc_unlock(s);
	return t != NULL;
}

unsigned int spmc_txn_count(const struct spmc *s)
{
	unsigned int i, n = 0;

	spmc_lock(s);
	for (i = 0; i < SPMC_MAX_TXNS; i++)
		n += s->txns[i].in_use;
	spmc_unlock(s);
	return n;
}

/*
 * Ranges appear only when a fragment arrives (txn_progress()) and go only
 * with their transaction (spmc_txn_free()): both take a new generation
 * and log their handle (spmc_held_changed()); a new SPMC takes one too.
 * One word, written atomically under the lock: a watcher that finds it
 * unchanged pays no lock.
 */
uint64_t spmc_held_generation(struct spmc *s)
{
	return __atomic_load_n(&s->held_gen, __ATOMIC_ACQUIRE);
}

/* Into @handles, kept ascending and without repeats; false when full. */
static bool add_handle(uint64_t *handles, unsigned int *n, unsigned int max,
		       uint64_t handle)
{
	unsigned int i = *n, k;

	while (i && handles[i - 1] > handle)
		i--;
	if (i && handles[i - 1] == handle)
		return true;
	if (*n == max)
		return false;
	for (k = (*n)++; k > i; k--)
		handles[k] = handles[k - 1];
	handles[i] = handle;
	return true;
}

/*
 * Newest change first, back to @since: reaching it, or the start of what
 * the ring remembers when that is @since, lists every change after it.
 * Generations are never repeated across SPMCs, so another SPMC's
 * generation is found nowhere and a walk is asked for.
 */
static int changes_since(const struct spmc *s, uint64_t since,
			 uint64_t *handles, unsigned int max)
{
	const struct spmc_held_change *c;
	unsigned int n = 0, k;

	for (k = 1; k <= s->held_log_len; k++) {
		c = &s->held_log[(s->held_log_next - k) % SPMC_HELD_LOG];
		if (c->gen == since)
			return n;
		if (c->gen < since || !add_handle(handles, &n, max, c->handle))
			return -1;
	}
	return since == s->held_since ? (int)n : -1;
}

static bool listed(const uint64_t *handles, int n, uint64_t handle)
{
	int i;

	for (i = 0; i < n; i++)
		if (handles[i] == handle)
			return true;
	return false;
}

int spmc_held_changes(struct spmc *s, uint64_t since, uint64_t *gen,
		      uint64_t *handles, unsigned int max, spmc_range_fn fn,
		      void *ctx)
{
	unsigned int i, j;
	int n;

	spmc_lock(s);
	*gen = s->held_gen;
	n = since == s->held_gen ? 0 : changes_since(s, since, handles, max);
	for (i = 0; n > 0 && i < s->txns_end; i++) {
		const struct spmc_txn *t = &s->txns[i];

		if (!t->in_use || !listed(handles, n, t->handle))
			continue;
		for (j = 0; j < t->nr_ranges; j++)
			fn(ctx, t->handle, &t->ranges[j]);
	}
	spmc_unlock(s);
	return n;
}

void spmc_for_each_held_range(struct spmc *s, spmc_range_fn fn, void *ctx)
{
	unsigned int i, j;

	spmc_lock(s);
	for (i = 0; i < s->txns_end; i++) {
		const struct spmc_txn *t = &s->txns[i];

		if (!t->in_use)
			continue;
		for (j = 0; j < t->nr_ranges; j++)
			fn(ctx, t->handle, &t->ranges[j]);
	}
	spmc_unlock(s);
}
