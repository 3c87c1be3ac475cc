/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the ELF reader (libraries and objects are untrusted
 * input too: the checker runs on whatever a build produced), and each
 * note it finds read back from the file and decoded, as the post-link
 * check reads them. */
#include "abiguard/elf_reader.h"
#include "abiguard/note.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_notes(const struct abg_elf_file *f)
{
	struct abg_strbuf raw = {0}, text = {0};
	for (size_t i = 0; i < f->nnotes; i++) {
		const unsigned char *payload;
		const char *summary;
		size_t len;
		struct abg_error err;
		if (abg_elf_note_read(f, i, &raw, &payload, &err) != 0)
			continue;
		/* What was read is what the reader said lies there. */
		if (raw.len != f->notes[i].size)
			abort();
		(void)abg_note_text(f->path, payload, f->notes[i].size, &text,
				    &summary, &len, &err);
	}
	abg_strbuf_free(&raw);
	abg_strbuf_free(&text);
}

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
	if (abg_elf_read(path, &f, &err) == 0) {
		read_notes(f);
		abg_elf_free(f);
	}
	unlink(path);
	return 0;
}
