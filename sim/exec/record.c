// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/exec/record.h"

pid_t record_fork(int *fd)
{
	int fds[2], err;
	pid_t pid;

	if (pipe(fds))
		return -1;
	/* What stdio holds would be written twice. */
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		err = errno;
		close(fds[0]);
		close(fds[1]);
		errno = err;
		return -1;
	}
	close(fds[pid ? 1 : 0]);
	*fd = fds[pid ? 0 : 1];
	return pid;
}

void record_write(int fd, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(3);
		p += n;
		len -= (size_t)n;
	}
}

void record_put(int fd, char type, const void *data, uint32_t len)
{
	record_write(fd, &type, 1);
	record_write(fd, &len, sizeof(len));
	record_write(fd, data, len);
}

bool record_next(const GByteArray *buf, size_t *off, char *type,
		 const uint8_t **payload, uint32_t *len)
{
	if (*off + 5 > buf->len)
		return false;
	memcpy(len, buf->data + *off + 1, sizeof(*len));
	if (*off + 5 + *len > buf->len)
		return false;
	*type = (char)buf->data[*off];
	*payload = buf->data + *off + 5;
	*off += 5 + *len;
	return true;
}
