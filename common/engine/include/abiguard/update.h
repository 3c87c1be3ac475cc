/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `baseline update`: which baseline a library may get. This is policy, not
 * mechanics, so it has its own file; it sits above the library check
 * (abg_check_library), which it runs first. engine.h includes this header
 * for the callers that already use it from there.
 */
#ifndef ABIGUARD_UPDATE_H
#define ABIGUARD_UPDATE_H

#include "abiguard/diag.h"
#include "abiguard/options.h"
#include "abiguard/vscript.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The baseline that `baseline update` would write: the library's symbols and
 * types, node states carried over from the old baseline (new nodes open;
 * every node released when there is no old baseline, except those listed in
 * open_nodes). Returns NULL when the policy forbids the update; the reasons
 * went to sink.
 */
struct abg_model *abg_baseline_from_library(
	const struct abg_model *library, const struct abg_model *old,
	const struct abg_vscript *vscript, const char *const *open_nodes,
	size_t nopen, const struct abg_options *options, struct abg_sink *sink);

#ifdef __cplusplus
}
#endif
#endif
