/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The image of a baseline: the model its text reads as, in a binary form
 * that is loaded without parsing. A tool that needs the whole baseline (the
 * post-link check, diff, update) reads the text once per content and keeps
 * its image in the cache directory, under the text's content hash; the text
 * stays the reviewed source of truth, and an image that does not load is
 * never an error, only a reason to read the text again.
 *
 * An image is native to the machine and to this build of abiguard: its
 * header names the byte order, the image format and the text formats.
 * Everything in it is checked as untrusted input: a checksum first, then
 * every count against the bytes left, every string and type reference
 * against its table, and the types are rebuilt through the model's own
 * builders, which must give each type the id the image says.
 */
#ifndef ABIGUARD_BASELINE_IMAGE_H
#define ABIGUARD_BASELINE_IMAGE_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Append the image of m, read from a text whose content hash is text_hash,
 * to out. Locations in `self_file` (the baseline's own path, which the
 * reader gives every symbol and type) are stored as "the baseline",
 * whatever path it is loaded from next.
 */
void abg_baseline_image_write(const struct abg_model *m, const char *self_file,
			      uint64_t text_hash, struct abg_strbuf *out);

/*
 * The model of an image made from a text with content hash text_hash,
 * with the baseline's own locations in `self_file`. 0 with *out set, or -1
 * when the bytes are not such an image (another text, another build,
 * damaged, forged).
 */
int abg_baseline_image_read(const void *data, size_t len, const char *self_file,
			    uint64_t text_hash, struct abg_model **out);

#ifdef __cplusplus
}
#endif
#endif
