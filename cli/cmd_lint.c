/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * abiguard lint: the checks of the compiler plugins, run over libclang for
 * editors and CI, printed as clang-tidy prints (file:line:col: error:
 * message [rule-id]).
 *
 *   abiguard lint -p BUILD_DIR FILE...   each file with its compile command
 *   abiguard lint -p BUILD_DIR           the public headers, once, through
 *                                        one unit that includes them all
 *
 * The options of a unit are those of its build: the -fplugin-arg-abiguard-
 * flags of its compile command (baseline, version script, public headers),
 * then what this command line says (it wins), then the nearest .abiguard
 * above the file for what is still unset, then ABIGUARD_OPTIONS. Plugin
 * paths are relative to the command's directory, and the unit is parsed
 * there, as the compiler would.
 *
 * Findings name their files as the directory lint was run from sees them:
 * relative below it, absolute elsewhere, so that an editor or a terminal
 * opened there can follow them (the core keeps them relative to the
 * project root).
 */
#include "cli.h"

#include "abiguard/engine.h"
#include "abiguard/paths.h"
#include "abiguard/rule_names.h"
#include "lint.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: abiguard lint -p BUILD_DIR [--baseline FILE] "
	"[--version-script MAP]\n"
	"                     [--public DIR]... [--format=text|json|sarif] "
	"[--severity RULE=LEVEL]\n"
	"                     " CLI_OUTPUT_USAGE " [FILE...]\n"
	"Check FILEs with the flags of BUILD_DIR/compile_commands.json; "
	"without FILE,\n"
	"check the public headers once. Exit status: 0 clean, 1 findings of "
	"severity\nerror, 2 usage or I/O error.\n";

/* One --KEY VALUE of the shared option keys, kept to be replayed over the
 * options of each unit's compile command. */
struct pair {
	char *key;
	char *value;
};

struct lint_args {
	const char *build_dir;
	enum abg_format format;
	bool dump_summary; /* hidden: print each unit's summary, for tests */
	struct pair *pairs;
	size_t npairs, pairs_cap;
	bool sets_public, sets_mode;
	unsigned max_findings; /* the last --max-findings, for the report */
	const char **files;
	size_t nfiles, files_cap;
};

static char *xstrdup(const char *s)
{
	char *copy = strdup(s);
	if (!copy)
		abort();
	return copy;
}

static char *join_path(const char *dir, const char *path)
{
	size_t n = strlen(dir) + strlen(path) + 2;
	char *out = malloc(n);
	if (!out)
		abort();
	snprintf(out, n, "%s/%s", dir, path);
	return out;
}

/* The command line is relative to where it was typed; units are parsed
 * elsewhere. */
static char *absolute_path(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(path);
	return join_path(cwd, path);
}

static bool is_path_key(const char *key)
{
	return strcmp(key, "baseline") == 0 ||
	       strcmp(key, "version-script") == 0 || strcmp(key, "root") == 0 ||
	       strcmp(key, "sidecar") == 0;
}

/* "public" takes DIR[:DIR]: each part made absolute. */
static char *absolute_list(const char *value)
{
	struct abg_strbuf sb = {0};
	char *copy = xstrdup(value);
	for (char *part = strtok(copy, ":"); part; part = strtok(NULL, ":")) {
		char *abs = absolute_path(part);
		abg_strbuf_printf(&sb, "%s%s", sb.len ? ":" : "", abs);
		free(abs);
	}
	free(copy);
	char *out = xstrdup(abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return out;
}

static int add_pair(struct lint_args *a, const char *key, const char *value)
{
	/* Validate now, so that a typo is a usage error before any work. */
	struct abg_options scratch;
	struct abg_error err;
	abg_options_init(&scratch);
	int rc = abg_options_set(&scratch, key, value, "--", &err) ||
		 abg_rules_check_option_names(&scratch, &err);
	if (strcmp(key, "max-findings") == 0)
		a->max_findings = scratch.max_findings;
	abg_options_free(&scratch);
	if (rc)
		return cli_fail(&err);
	struct pair *p = ABG_PUSH(a->pairs, a->npairs, a->pairs_cap);
	p->key = xstrdup(key);
	p->value = strcmp(key, "public") == 0 ? absolute_list(value)
		   : is_path_key(key)	      ? absolute_path(value)
					      : xstrdup(value);
	a->sets_public |= strcmp(key, "public") == 0;
	a->sets_mode |= strcmp(key, "mode") == 0;
	return 0;
}

static int set_format(struct lint_args *a, const char *v)
{
	static const char *const names[] = {"text", "json", "sarif"};
	for (int i = 0; i < 3; i++)
		if (strcmp(v, names[i]) == 0) {
			a->format = (enum abg_format)i;
			return 0;
		}
	return cli_usage_error("--format must be text, json or sarif, not '%s'",
			       v);
}

static int set_option(struct lint_args *a, const char *key, const char *value)
{
	if (strcmp(key, "p") == 0) {
		a->build_dir = value;
		return 0;
	}
	if (strcmp(key, "format") == 0)
		return set_format(a, value);
	return add_pair(a, key, value);
}

/* -p DIR, --KEY VALUE, --KEY=VALUE, --dump-summary, FILE. */
static int parse_args(struct lint_args *a, int argc, char **argv)
{
	memset(a, 0, sizeof *a);
	a->max_findings = ABG_DEFAULT_MAX_FINDINGS;
	bool quiet = false, verbose = false;
	enum cli_color color = CLI_COLOR_AUTO;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--dump-summary") == 0) {
			a->dump_summary = true;
			continue;
		}
		bool used_next = false;
		int flag =
			cli_output_flag(arg, i + 1 < argc ? argv[i + 1] : NULL,
					&used_next, &quiet, &verbose, &color);
		if (flag < 0)
			return ABG_EXIT_ERROR;
		if (flag) {
			i += used_next;
			continue;
		}
		bool dash_p = strcmp(arg, "-p") == 0;
		if (!dash_p && strncmp(arg, "--", 2) != 0) {
			*ABG_PUSH(a->files, a->nfiles, a->files_cap) = arg;
			continue;
		}
		const char *key = dash_p ? "p" : arg + 2;
		const char *eq = strchr(key, '=');
		char name[64];
		const char *value;
		if (eq) {
			snprintf(name, sizeof name, "%.*s", (int)(eq - key),
				 key);
			value = eq + 1;
		} else {
			snprintf(name, sizeof name, "%s", key);
			if (i + 1 >= argc)
				return cli_usage_error(
					"option '%s' needs a value", arg);
			value = argv[++i];
		}
		if (set_option(a, name, value))
			return ABG_EXIT_ERROR;
	}
	cli_output_setup(quiet, verbose, color);
	if (!a->build_dir)
		return cli_usage_error("lint needs -p BUILD_DIR (the directory "
				       "of compile_commands.json)");
	return 0;
}

static void free_args(struct lint_args *a)
{
	for (size_t i = 0; i < a->npairs; i++) {
		free(a->pairs[i].key);
		free(a->pairs[i].value);
	}
	free(a->pairs);
	free(a->files);
}

/* ---- the options of one unit -------------------------------------------- */

static char *directory_of(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash) {
		free(dir);
		return xstrdup(".");
	}
	slash[slash == dir ? 1 : 0] = '\0';
	return dir;
}

/*
 * The build's plugin arguments, then this command line over them. The
 * build's mode is not taken: `mode=record` makes a first baseline, while
 * lint is asked to check (it checks whenever there is a baseline).
 */
static int unit_options(const struct lint_args *a,
			const struct abg_lint_command *cmd, const char *source,
			struct abg_options *o)
{
	struct abg_error err;
	abg_options_init(o);
	for (size_t i = 0; i < cmd->nplugin_args; i++) {
		char *key = xstrdup(cmd->plugin_args[i]);
		char *eq = strchr(key, '=');
		if (eq)
			*eq = '\0';
		int rc = 0;
		if (strcmp(key, "mode") != 0 && strcmp(key, "sidecar") != 0)
			rc = abg_options_set(o, key, eq ? eq + 1 : "",
					     "-fplugin-arg-abiguard-", &err);
		free(key);
		if (rc)
			return cli_fail(&err);
	}
	if (a->sets_public)
		o->npublic = 0; /* --public replaces the build's list */
	for (size_t i = 0; i < a->npairs; i++)
		if (abg_options_set(o, a->pairs[i].key, a->pairs[i].value, "--",
				    &err))
			return cli_fail(&err);
	char *dir = directory_of(source);
	int rc = abg_options_load_config(o, dir, &err) ||
		 abg_options_apply_env(o, &err);
	free(dir);
	return rc ? cli_fail(&err) : 0;
}

/* ---- one unit ------------------------------------------------------------- */

struct run {
	const struct lint_args *args;
	struct abg_sink *sink;
	int status;	    /* worst exit status so far */
	char cwd[PATH_MAX]; /* where lint was run, "" when unknown */
};

/* ---- paths as the user's directory sees them ------------------------------ */

/* A sink that renames the files of findings from the project root's view
 * to the working directory's, then passes them on. */
struct cwd_paths {
	struct abg_sink sink;
	struct abg_sink *next;
	const char *root, *cwd;
	struct abg_arena arena;
};

static const char *from_cwd(struct cwd_paths *c, const char *file)
{
	if (!file || file[0] == '/' || !c->root || !*c->cwd)
		return file;
	struct abg_strbuf abs = {0};
	abg_strbuf_printf(&abs, "%s/%s", c->root, file);
	size_t n = strlen(c->cwd);
	const char *shown = abs.data;
	if (strcmp(c->cwd, "/") == 0)
		shown = abs.data + 1;
	else if (strncmp(abs.data, c->cwd, n) == 0 && abs.data[n] == '/')
		shown = abs.data + n + 1;
	const char *kept = abg_arena_strdup(&c->arena, shown);
	abg_strbuf_free(&abs);
	return kept;
}

static void cwd_paths_emit(void *ctx, const struct abg_finding *f)
{
	struct cwd_paths *c = ctx;
	struct abg_finding copy = *f;
	copy.loc.file = from_cwd(c, f->loc.file);
	copy.notes = f->nnotes ? calloc(f->nnotes, sizeof *copy.notes) : NULL;
	if (f->nnotes && !copy.notes)
		abort();
	for (size_t i = 0; i < f->nnotes; i++) {
		copy.notes[i] = f->notes[i];
		copy.notes[i].loc.file = from_cwd(c, f->notes[i].loc.file);
	}
	abg_sink_emit(c->next, &copy);
	free(copy.notes);
}

/* Parse, build the model, check it (or print its summary), in the
 * command's directory. contents: an unsaved source (the public headers). */
static int lint_unit_here(struct run *r, const struct abg_lint_command *cmd,
			  const char *source, const char *contents)
{
	struct abg_options options;
	if (unit_options(r->args, cmd, source, &options)) {
		abg_options_free(&options);
		return ABG_EXIT_ERROR;
	}
	struct abg_error err;
	struct abg_session *session = abg_session_open(&options, &err);
	if (!session) {
		abg_options_free(&options);
		return cli_fail(&err);
	}
	struct abg_project_paths paths;
	if (abg_project_paths_init(&paths, &options, &err)) {
		abg_session_close(session);
		abg_options_free(&options);
		return cli_fail(&err);
	}
	struct cwd_paths shown = {
		.sink = {.emit = cwd_paths_emit, .forwards = true},
		.next = r->sink,
		.root = paths.root,
		.cwd = r->cwd,
	};
	shown.sink.ctx = &shown;
	cli_verbose("%s: baseline %s, version script %s, root %s", source,
		    options.baseline ? options.baseline : "none",
		    options.version_script ? options.version_script : "none",
		    paths.root);
	int status = ABG_EXIT_CLEAN;
	int built = abg_lint_build_model(session, cmd, source, contents,
					 &shown.sink, &err);
	if (built < 0) {
		status = cli_fail(&err);
	} else if (built == 0) {
		/* The plugins' order, so that the summary is theirs; a dump
		 * is for comparing summaries, without the findings. */
		struct abg_sink quiet = {0};
		abg_session_check_tu(
			session, r->args->dump_summary ? &quiet : &shown.sink);
		if (r->args->dump_summary) {
			struct abg_strbuf text = {0};
			abg_session_summary(session, &text);
			fputs(abg_strbuf_cstr(&text), stdout);
			abg_strbuf_free(&text);
		}
	}
	abg_session_close(session);
	abg_project_paths_free(&paths);
	abg_arena_free(&shown.arena);
	abg_options_free(&options);
	return status;
}

static int lint_unit(struct run *r, const struct abg_lint_command *cmd,
		     const char *source, const char *contents)
{
	int here = open(".", O_RDONLY | O_DIRECTORY);
	if (here < 0 || chdir(cmd->directory) != 0) {
		if (here >= 0)
			close(here);
		return cli_usage_error("cannot enter '%s', the directory of "
				       "the compile command",
				       cmd->directory);
	}
	int status = lint_unit_here(r, cmd, source, contents);
	if (fchdir(here) != 0)
		status = cli_usage_error("cannot return to the working "
					 "directory");
	close(here);
	return status;
}

/* ---- files ---------------------------------------------------------------- */

/* A file without a command of its own (a header being edited) borrows the
 * flags of the first command, as clangd does. */
static int lint_file(struct run *r, struct abg_lint_db *db, const char *file)
{
	char *path = realpath(file, NULL);
	if (!path)
		return cli_usage_error("cannot read '%s'", file);
	struct abg_lint_command cmd;
	bool found = abg_lint_db_find(db, path, &cmd);
	if (!found && !abg_lint_db_first(db, &cmd)) {
		free(path);
		return cli_usage_error("%s/compile_commands.json has no "
				       "compile command",
				       r->args->build_dir);
	}
	int status = lint_unit(r, &cmd, path, NULL);
	abg_lint_command_free(&cmd);
	free(path);
	return status;
}

/* ---- the public headers, as one unit -------------------------------------- */

struct header_list {
	char **paths;
	size_t count, cap;
};

static bool is_header(const char *name)
{
	size_t n = strlen(name);
	return n > 2 && strcmp(name + n - 2, ".h") == 0;
}

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void find_headers(const char *dir, struct header_list *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = join_path(dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			find_headers(path, out);
			free(path);
		} else if (S_ISREG(st.st_mode) && is_header(e->d_name)) {
			*ABG_PUSH(out->paths, out->count, out->cap) = path;
		} else {
			free(path);
		}
	}
	closedir(d);
}

/* "#include" of every public header, sorted so that the unit is the same
 * on every machine. Paths are absolute: the unit has no directory of its
 * own. */
static char *public_headers_unit(const struct abg_options *o)
{
	struct header_list list = {0};
	for (size_t i = 0; i < o->npublic; i++) {
		char *abs = realpath(o->public_paths[i], NULL);
		struct stat st;
		if (abs && stat(abs, &st) == 0 && S_ISDIR(st.st_mode))
			find_headers(abs, &list);
		else if (abs)
			*ABG_PUSH(list.paths, list.count, list.cap) =
				xstrdup(abs);
		free(abs);
	}
	if (list.count)
		qsort(list.paths, list.count, sizeof *list.paths, cmp_paths);
	struct abg_strbuf sb = {0};
	abg_strbuf_append(&sb, "/* abiguard lint: the public headers */\n");
	for (size_t i = 0; i < list.count; i++) {
		abg_strbuf_printf(&sb, "#include \"%s\"\n", list.paths[i]);
		free(list.paths[i]);
	}
	free(list.paths);
	char *text = xstrdup(abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return text;
}

static int lint_public_headers(struct run *r, struct abg_lint_db *db)
{
	struct abg_lint_command cmd;
	if (!abg_lint_db_first(db, &cmd))
		return cli_usage_error("%s/compile_commands.json has no "
				       "compile command",
				       r->args->build_dir);
	int status = ABG_EXIT_ERROR;
	int here = open(".", O_RDONLY | O_DIRECTORY);
	if (here >= 0 && chdir(cmd.directory) == 0) {
		char *source =
			join_path(cmd.directory, "abiguard-public-headers.c");
		struct abg_options options;
		char *text = NULL;
		if (unit_options(r->args, &cmd, source, &options) == 0) {
			if (options.npublic)
				text = public_headers_unit(&options);
			else
				cli_usage_error(
					"no public headers: give --public DIR, "
					"or -fplugin-arg-abiguard-public in the "
					"build");
		}
		abg_options_free(&options);
		if (fchdir(here) == 0 && text)
			status = lint_unit(r, &cmd, source, text);
		free(text);
		free(source);
	}
	if (here >= 0)
		close(here);
	abg_lint_command_free(&cmd);
	return status;
}

/* ---- the command ----------------------------------------------------------- */

static int worst(int a, int b)
{
	return a > b ? a : b;
}

int cmd_lint(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return ABG_EXIT_CLEAN;
		}
	struct lint_args a;
	if (parse_args(&a, argc, argv)) {
		free_args(&a);
		fputs(usage, stderr);
		return ABG_EXIT_ERROR;
	}
	struct abg_lint_db *db;
	struct abg_error err;
	if (abg_lint_db_open(a.build_dir, &db, &err)) {
		free_args(&a);
		return cli_fail(&err);
	}
	struct abg_sink sink = {0};
	struct cli_reporter *reporter = cli_reporter_new(a.format, &sink);
	struct run r = {&a, &sink, ABG_EXIT_CLEAN, ""};
	if (!getcwd(r.cwd, sizeof r.cwd))
		r.cwd[0] = '\0';
	if (a.nfiles == 0)
		r.status = lint_public_headers(&r, db);
	for (size_t i = 0; i < a.nfiles; i++)
		r.status = worst(r.status, lint_file(&r, db, a.files[i]));
	cli_reporter_finish(reporter, a.max_findings);
	abg_lint_db_close(db);
	free_args(&a);
	if (r.status != ABG_EXIT_CLEAN)
		return r.status;
	return sink.errors ? ABG_EXIT_VIOLATIONS : ABG_EXIT_CLEAN;
}
