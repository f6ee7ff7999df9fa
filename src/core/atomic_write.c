/*
 * atomic_write.c - temp file + fsync + rename.
 */
#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ecs_write_atomic(const char *path, const char *data, size_t len, struct ecs_buf *err)
{
	struct ecs_buf tmp = ECS_BUF_INIT;
	struct stat st;
	mode_t mode = 0644;
	int fd = -1, rc = -1;
	size_t off = 0;

	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			ecs_buf_addf(err, "cannot write '%s': not a regular file", path);
			return -1;
		}
		mode = st.st_mode & 07777;
	}
	ecs_buf_addf(&tmp, "%s.ecslint-XXXXXX", path);
	if (tmp.failed) {
		ecs_buf_addf(err, "out of memory");
		goto out;
	}
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		ecs_buf_addf(err, "cannot create a temporary file beside '%s': %s", path, strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ecs_buf_addf(err, "cannot write '%s': %s", tmp.data, strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, mode) != 0 || fsync(fd) != 0) {
		ecs_buf_addf(err, "cannot write '%s': %s", tmp.data, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		ecs_buf_addf(err, "cannot write '%s': %s", tmp.data, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0) {
		ecs_buf_addf(err, "cannot replace '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0 && tmp.data)
		unlink(tmp.data);
	ecs_buf_release(&tmp);
	return rc;
}
