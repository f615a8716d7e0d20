/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a child process tells its parent over a pipe, as records "type
 * byte, u32 length, payload" (isolate.c: a scenario's progress and result;
 * explore.c: how one order of a concurrently: step went).  The parent
 * reads what came; a child that died mid-record left the records before.
 */
#ifndef SIM_RECORD_H
#define SIM_RECORD_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/types.h>

/*
 * A child with a pipe to its parent: in the child 0, with *@fd the end to
 * write; in the parent the child's pid, with *@fd the end to read; -1
 * (errno set) when either cannot be made.
 */
pid_t record_fork(int *fd);

/* All of @data, or the process ends (_exit(3)): the parent is gone. */
void record_write(int fd, const void *data, size_t len);
void record_put(int fd, char type, const void *data, uint32_t len);

/* The whole record at *@off of @buf, and *@off past it; false at the end. */
bool record_next(const GByteArray *buf, size_t *off, char *type,
		 const uint8_t **payload, uint32_t *len);

#endif /* SIM_RECORD_H */
