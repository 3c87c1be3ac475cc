/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `abiguard lint` runs the abiguard-lint helper, so that the other
 * commands do not load libclang. The helper sits next to the abiguard
 * executable in a build tree, and in LIBEXECDIR/abiguard once installed;
 * both are found from the executable's own path, so an installed tree can
 * be moved.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINT_HELPER "abiguard-lint"

/* The directory of the running executable, with a trailing '/'. */
static bool self_dir(char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);
	if (n <= 0 || (size_t)n >= size - 1)
		return false;
	out[n] = '\0';
	char *slash = strrchr(out, '/');
	if (!slash)
		return false;
	slash[1] = '\0';
	return true;
}

static bool find_helper(char *path, size_t size)
{
	char dir[PATH_MAX];
	if (!self_dir(dir, sizeof dir))
		return false;
	const char *const candidates[] = {"", ABIGUARD_LINT_HELPER_DIR "/"};
	for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
		int n = snprintf(path, size, "%s%s" LINT_HELPER, dir,
				 candidates[i]);
		if (n > 0 && (size_t)n < size && access(path, X_OK) == 0)
			return true;
	}
	return false;
}

int cli_run_lint_helper(int argc, char **argv)
{
	(void)argc;
	char path[PATH_MAX];
	if (!find_helper(path, sizeof path))
		return cli_usage_error(
			"cannot find the lint helper '" LINT_HELPER
			"' (next to abiguard, or in " ABIGUARD_LINT_HELPER_DIR
			"): abiguard was built without its Clang front ends, "
			"or not installed completely");
	argv[0] = path;
	execv(path, argv);
	return cli_usage_error("cannot run '%s': %s", path, strerror(errno));
}
