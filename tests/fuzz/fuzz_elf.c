/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the ELF reader (libraries and objects are untrusted
 * input too: the checker runs on whatever a build produced). */
#include "abiguard/elf_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/abiguard-fuzz-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	struct abg_elf_file *f = NULL;
	struct abg_error err;
	if (abg_elf_read(path, &f, &err) == 0)
		abg_elf_free(f);
	unlink(path);
	return 0;
}
