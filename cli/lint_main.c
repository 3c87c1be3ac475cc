/* SPDX-License-Identifier: GPL-3.0-or-later */
/* abiguard-lint: what `abiguard lint ARGS` runs (see lint_helper.c). */
#include "cli.h"

int main(int argc, char **argv)
{
	return cmd_lint(argc, argv);
}
