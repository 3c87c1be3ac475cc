/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct path_info {
	bool is_public;
	const char *relative; /* NULL: outside the root */
};

static char *absolute(const char *path)
{
	return realpath(path, NULL);
}

static bool is_dot_or_dotdot(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

static const char *real_dir_of(struct abg_project_paths *p, const char *path,
			       size_t dir_len)
{
	char *dir = dir_len ? strndup(path, dir_len) : strdup("/");
	if (!dir)
		abort();
	const char *real = abg_hash_get(&p->dirs, dir);
	if (!real) {
		char *r = realpath(dir, NULL);
		if (r) {
			real = abg_arena_strdup(&p->arena, r);
			abg_hash_put(&p->dirs, abg_arena_strdup(&p->arena, dir),
				     (void *)real);
			free(r);
		}
	}
	free(dir);
	return real;
}

/*
 * realpath() costs a readlink() per component of the path, and a unit asks
 * about many files in few directories (the headers of /usr/include, the
 * public headers): a directory's real path is resolved once, and a file in
 * it costs one lstat(). A symlink, or a path this does not cover, goes back
 * to realpath(). As realpath(): NULL with errno set when the file is
 * missing.
 */
static char *absolute_in(struct abg_project_paths *p, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || !slash[1] || is_dot_or_dotdot(slash + 1))
		return absolute(path);
	const char *dir = real_dir_of(p, path, (size_t)(slash - path));
	if (!dir)
		return absolute(path);
	const char *name = slash + 1;
	size_t n = strlen(dir), m = strlen(name);
	bool root = n == 1 && dir[0] == '/';
	char *abs = malloc(n + m + 2);
	if (!abs)
		abort();
	memcpy(abs, dir, n);
	if (!root)
		abs[n++] = '/';
	memcpy(abs + n, name, m + 1);
	struct stat st;
	if (lstat(abs, &st) != 0) {
		int e = errno;
		free(abs);
		errno = e;
		return NULL;
	}
	if (S_ISLNK(st.st_mode)) {
		free(abs);
		return absolute(path);
	}
	return abs;
}

static char *parent_dir(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		abort();
	char *slash = strrchr(copy, '/');
	if (slash && slash != copy)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	return copy;
}

static char *with_slash(const char *dir)
{
	size_t n = strlen(dir);
	char *s = malloc(n + 2);
	if (!s)
		abort();
	memcpy(s, dir, n);
	if (n && dir[n - 1] != '/')
		s[n++] = '/';
	s[n] = '\0';
	return s;
}

/*
 * A public header the build generates (libgpg-error's gpg-error.h, made by a
 * helper program compiled with the library's own CFLAGS) does not exist yet
 * when the first units compile. Its directory does: the header is named by
 * the directory's real path and its own name. A unit compiled before it
 * exists cannot include it, so nothing is judged differently.
 */
static char *absolute_of_missing_file(const char *given)
{
	char *dir = parent_dir(given);
	const char *slash = strrchr(given, '/');
	const char *name = slash ? slash + 1 : given;
	char *absdir = slash ? absolute(dir) : absolute(".");
	free(dir);
	if (!absdir || !*name) {
		free(absdir);
		return NULL;
	}
	size_t n = strlen(absdir), m = strlen(name);
	char *abs = malloc(n + m + 2);
	if (!abs)
		abort();
	memcpy(abs, absdir, n);
	abs[n] = '/';
	memcpy(abs + n + 1, name, m + 1);
	free(absdir);
	return abs;
}

static void add_public_file(struct abg_project_paths *p, char *abs)
{
	p->public_files = realloc(p->public_files,
				  (p->npublic_files + 1) * sizeof(char *));
	p->public_files[p->npublic_files++] = abs;
}

static int add_public(struct abg_project_paths *p, const char *given,
		      struct abg_error *err)
{
	char *abs = absolute_in(p, given);
	struct stat st;
	if (!abs && errno == ENOENT) {
		abs = absolute_of_missing_file(given);
		if (abs) {
			add_public_file(p, abs);
			return 0;
		}
		errno = ENOENT;
	}
	if (!abs || stat(abs, &st) != 0) {
		free(abs);
		return abg_error_set(err, given, 0,
				     "public header path does not exist: %s",
				     strerror(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		p->public_dirs = realloc(
			p->public_dirs, (p->npublic_dirs + 1) * sizeof(char *));
		p->public_dirs[p->npublic_dirs++] = with_slash(abs);
		free(abs);
	} else {
		p->public_files =
			realloc(p->public_files,
				(p->npublic_files + 1) * sizeof(char *));
		p->public_files[p->npublic_files++] = abs;
	}
	return 0;
}

static char *default_root(const struct abg_options *o)
{
	if (o->npublic) {
		char *abs = absolute(o->public_paths[0]);
		if (abs) {
			struct stat st;
			char *dir = abs;
			if (stat(abs, &st) == 0 && !S_ISDIR(st.st_mode)) {
				dir = parent_dir(abs);
				free(abs);
			}
			char *root = parent_dir(dir);
			free(dir);
			return root;
		}
	}
	return getcwd(NULL, 0);
}

int abg_project_paths_init(struct abg_project_paths *p,
			   const struct abg_options *options,
			   struct abg_error *err)
{
	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < options->npublic; i++)
		if (add_public(p, options->public_paths[i], err))
			return -1;
	p->root =
		options->root ? absolute(options->root) : default_root(options);
	if (!p->root)
		return abg_error_set(err, options->root ? options->root : ".",
				     0, "project root does not exist: %s",
				     strerror(errno));
	size_t n = strlen(p->root);
	if (n > 1 && p->root[n - 1] == '/')
		p->root[n - 1] = '\0';
	return 0;
}

void abg_project_paths_free(struct abg_project_paths *p)
{
	for (size_t i = 0; i < p->npublic_dirs; i++)
		free(p->public_dirs[i]);
	for (size_t i = 0; i < p->npublic_files; i++)
		free(p->public_files[i]);
	free(p->public_dirs);
	free(p->public_files);
	free(p->root);
	abg_hash_free(&p->cache);
	abg_hash_free(&p->dirs);
	abg_arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}

static bool under(const char *abs, const char *dir_with_slash)
{
	return strncmp(abs, dir_with_slash, strlen(dir_with_slash)) == 0;
}

static struct path_info *classify(struct abg_project_paths *p, const char *path)
{
	struct path_info *info = abg_hash_get(&p->cache, path);
	if (info)
		return info;
	info = abg_arena_alloc(&p->arena, sizeof *info);
	char *abs = absolute_in(p, path);
	if (abs) {
		for (size_t i = 0; i < p->npublic_dirs; i++)
			info->is_public |= under(abs, p->public_dirs[i]);
		for (size_t i = 0; i < p->npublic_files; i++)
			info->is_public |= strcmp(abs, p->public_files[i]) == 0;
		size_t n = strlen(p->root);
		if (strncmp(abs, p->root, n) == 0 && abs[n] == '/')
			info->relative =
				abg_arena_strdup(&p->arena, abs + n + 1);
		else if (strcmp(p->root, "/") == 0)
			info->relative = abg_arena_strdup(&p->arena, abs + 1);
		free(abs);
	}
	abg_hash_put(&p->cache, abg_arena_strdup(&p->arena, path), info);
	return info;
}

bool abg_project_paths_is_public(struct abg_project_paths *p, const char *path)
{
	return path && classify(p, path)->is_public;
}

const char *abg_project_paths_relative(struct abg_project_paths *p,
				       const char *path)
{
	return path ? classify(p, path)->relative : NULL;
}
