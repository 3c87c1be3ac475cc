/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The LibTooling front end of `abiguard lint`: the compile commands of a
 * build (compile_commands.json), and the model of one translation unit
 * parsed with Clang's tooling library and built by the Clang converter the
 * compiler plugin uses (lint_tooling.cc). Clang's C++ types stay inside;
 * the command (cli/cmd_lint.c) sees only this C interface.
 */
#ifndef ABIGUARD_LINT_H
#define ABIGUARD_LINT_H

#include "abiguard/engine.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_lint_db;

/* One compile command, without the compiler plugin flags. */
struct abg_lint_command {
	char *directory; /* where it runs; relative paths start there */
	char *file;	 /* the source file, as the database names it */
	char **args;	 /* argv, compiler first */
	size_t nargs;
	/* "KEY=VALUE" of every -fplugin-arg-abiguard-KEY=VALUE, in order:
	 * the build's own baseline, version script and public headers. */
	char **plugin_args;
	size_t nplugin_args;
};

/* Read BUILD_DIR/compile_commands.json. */
int abg_lint_db_open(const char *build_dir, struct abg_lint_db **out,
		     struct abg_error *err);
void abg_lint_db_close(struct abg_lint_db *db);
/* The first command that compiles `path`; false when there is none. */
bool abg_lint_db_find(struct abg_lint_db *db, const char *path,
		      struct abg_lint_command *out);
/* The first command of the database; false when it is empty. */
bool abg_lint_db_first(struct abg_lint_db *db, struct abg_lint_command *out);
void abg_lint_command_free(struct abg_lint_command *c);

/*
 * Parse `source` with the flags of `cmd` (in its place on the command
 * line), from the current directory; with `contents`, source is an unsaved
 * file with that text. Fills the session's model and returns 0. When Clang
 * reports errors, they go to sink as findings "clang-diagnostic-error" and
 * the model stays empty (the declarations of a broken unit mean nothing):
 * returns 1. Returns -1 with err set when Clang cannot parse at all.
 */
int abg_lint_build_model(struct abg_session *session,
			 const struct abg_lint_command *cmd, const char *source,
			 const char *contents, struct abg_sink *sink,
			 struct abg_error *err);

#ifdef __cplusplus
}
#endif
#endif
