/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A memory transaction descriptor dump in words: the header, each
 * endpoint memory access descriptor, each composite memory region and its
 * address ranges, field by field with its byte offset, in the FF-A 1.0,
 * 1.1 or 1.2 layout.  Every inconsistency is flagged at the offset of the
 * field that shows it: offsets and counts that run past the end or
 * contradict each other, reserved fields and encodings that are not
 * zero, page counts that do not add up.  Reads only inside @len bytes,
 * whatever the fields claim.
 */
#ifndef SIM_DECODE_DESC_H
#define SIM_DECODE_DESC_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Describe @buf into @out.  @layout is FFA_VERSION_1_0/_1_1/_1_2, or 0
 * to guess it from the header (the first line then says why).  Returns
 * the number of problems flagged.
 */
unsigned int decode_descriptor(const uint8_t *buf, size_t len,
			       uint32_t layout, GString *out);

/*
 * The same in one line, for a trace: who sends what memory to whom, with
 * which permissions and ranges, and how many problems the full decoding
 * flags (unless @whole is false: the first fragment of a longer one is
 * cut short by design).  The layout is guessed.
 */
unsigned int decode_descriptor_brief(const uint8_t *buf, size_t len,
				     bool whole, GString *out);

#endif /* SIM_DECODE_DESC_H */
