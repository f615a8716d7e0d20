/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bytes back from a hex dump, whichever tool printed it: xxd, hexdump -C,
 * od -A x -t x1z, the kernel's print_hex_dump() (also with a log
 * timestamp or prefix in front), bare hex pairs or groups, or a C array
 * of 0x.. bytes.  Offsets at the start of a line are checked against the
 * bytes read so far, and the '*' that hexdump and od print for repeated
 * lines is expanded up to the next offset.  Groups are read in the order
 * they are written (as xxd prints them), except the 16-bit words that
 * plain hexdump (and od -x) print after an offset with no colon: those
 * are little-endian and read so.  od's default octal words are refused.
 */
#ifndef SIM_HEXDUMP_H
#define SIM_HEXDUMP_H

/* Largest dump read: one memory transaction descriptor at most. */
#define HEXDUMP_MAX_LEN	(1U << 20)

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Printable ASCII and blanks only: a dump, not the bytes themselves. */
bool hexdump_is_text(const uint8_t *data, size_t len);

/* False with "line N: ..." in *err (g_free() it). */
bool hexdump_parse(const char *text, GByteArray *out, char **err);

#endif /* SIM_HEXDUMP_H */
