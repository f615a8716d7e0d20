/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by decode.c (x0 and what is left over), decode_call.c (the
 * registers of each function) and decode_answer.c (what FFA_SUCCESS
 * carries in answer to each call).
 */
#ifndef SIM_DECODE_INTERNAL_H
#define SIM_DECODE_INTERNAL_H

#include "sim/decode/decode.h"

struct dec {
	const uint64_t *r;	/* the registers being decoded */
	const uint64_t *req;	/* the call they answer, or NULL */
	uint32_t fid;		/* w0 without the SVE hint */
	bool smc64;		/* wide parameters live in xN, not wN */
	bool answer;		/* unused registers are noted, not flagged */
	uint32_t used;		/* registers a field has described */
	/* Words for non-zero registers no field described, or NULL. */
	const char *leftover;
	struct decoded *out;
	GString *brief;
	bool brief_args;	/* the summary has words after the name */
};

/* x0 as a whole, described by @text (taken over). */
struct decode_field *dec_x0(struct dec *d, char *text);
/* wN: the low 32 bits; a set upper half is noted. */
struct decode_field *dec_w(struct dec *d, int reg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* xN for SMC64, wN for SMC32 (addresses, payload). */
struct decode_field *dec_x(struct dec *d, int reg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum dec_group {
	DEC_SPAN,	/* w1-w4: one value in consecutive wN (a UUID) */
	DEC_PAIR,	/* w2/w3: a 64-bit value, low half first (a handle) */
	DEC_XPAIR,	/* x2/x3: a 128-bit value in two xN (a UUID) */
};

/* Registers @first..@last as one value. */
struct decode_field *dec_group(struct dec *d, int first, int last,
			       enum dec_group how, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void dec_problem(struct dec *d, struct decode_field *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Words appended to the one-line summary. */
void dec_brief(struct dec *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static inline uint32_t dec_w32(const struct dec *d, int reg)
{
	return (uint32_t)d->r[reg];
}

/* A handle in wLO/wHI, as FF-A splits it in every register interface. */
void dec_handle(struct dec *d, int lo, int hi);
/* w1 as [31:16] source and [15:0] destination endpoint. */
void dec_endpoints(struct dec *d, int reg, const char *hi_name,
		   const char *lo_name);
/* Non-zero registers @first..@last, each labelled @what. */
void dec_payload(struct dec *d, int first, int last, const char *what);

/* The parts of @reg (a wN) that are not zero although they must be. */
void dec_mbz(struct dec *d, struct decode_field *f, int reg, uint32_t mask,
	     const char *bits);

/* decode_call.c: the parameter registers (w1 on) of d->fid. */
void decode_call_args(struct dec *d);
/* decode_answer.c: the results FFA_SUCCESS carries for the call d->req. */
void decode_success(struct dec *d);
/* decode_answer.c: FFA_ERROR's error code. */
void decode_error(struct dec *d);

#endif /* SIM_DECODE_INTERNAL_H */
