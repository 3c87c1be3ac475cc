/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Allocation failure is not an input problem we can report: abort loudly
 * rather than continue with a half-built model. */
static void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q) {
		fputs("abiguard: out of memory\n", stderr);
		abort();
	}
	return q;
}

static void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p) {
		fputs("abiguard: out of memory\n", stderr);
		abort();
	}
	return p;
}

/* ---- arena ------------------------------------------------------------ */

struct abg_arena_block {
	struct abg_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

#define ARENA_BLOCK_SIZE (64u * 1024u)

void *abg_arena_alloc(struct abg_arena *arena, size_t size)
{
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	struct abg_arena_block *b = arena->head;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
		b = xrealloc(NULL, sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = arena->head;
		arena->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *abg_arena_strndup(struct abg_arena *arena, const char *s, size_t n)
{
	char *p = abg_arena_alloc(arena, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *abg_arena_strdup(struct abg_arena *arena, const char *s)
{
	return abg_arena_strndup(arena, s, strlen(s));
}

void abg_arena_free(struct abg_arena *arena)
{
	struct abg_arena_block *b = arena->head;
	while (b) {
		struct abg_arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->head = NULL;
}

/* ---- growable string -------------------------------------------------- */

void abg_strbuf_reserve(struct abg_strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->data = xrealloc(sb->data, cap);
	sb->cap = cap;
}

void abg_strbuf_append_n(struct abg_strbuf *sb, const char *s, size_t n)
{
	abg_strbuf_reserve(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void abg_strbuf_append(struct abg_strbuf *sb, const char *s)
{
	abg_strbuf_append_n(sb, s, strlen(s));
}

void abg_strbuf_vprintf(struct abg_strbuf *sb, const char *fmt, va_list ap)
{
	if (!fmt)
		return;
	/* Print into the room there is; only when it does not fit, make
	 * room and print again: messages are printed by the million. */
	abg_strbuf_reserve(sb, 120);
	size_t room = sb->cap - sb->len;
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(sb->data + sb->len, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		sb->data[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		abg_strbuf_reserve(sb, (size_t)n);
		vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void abg_strbuf_printf(struct abg_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	abg_strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

const char *abg_strbuf_cstr(struct abg_strbuf *sb)
{
	return sb->data ? sb->data : "";
}

void abg_strbuf_reset(struct abg_strbuf *sb)
{
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
}

void abg_strbuf_free(struct abg_strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

/* The capacity for index count: doubled, at least 8. */
static size_t grown_cap(size_t cap, size_t count)
{
	size_t new_cap = cap ? cap * 2 : 8;
	while (new_cap <= count)
		new_cap *= 2;
	return new_cap;
}

void abg_grow(void **items, size_t *cap, size_t count, size_t elem_size)
{
	if (count < *cap)
		return;
	size_t new_cap = grown_cap(*cap, count);
	*items = xrealloc(*items, new_cap * elem_size);
	memset((char *)*items + *cap * elem_size, 0,
	       (new_cap - *cap) * elem_size);
	*cap = new_cap;
}

void abg_grow_unzeroed(void **items, size_t *cap, size_t count,
		       size_t elem_size)
{
	if (count < *cap)
		return;
	size_t new_cap = grown_cap(*cap, count);
	*items = xrealloc(*items, new_cap * elem_size);
	*cap = new_cap;
}

/* ---- hash table (open addressing, linear probing) ---------------------- */

/*
 * Eight bytes at a time with a multiply-xorshift mix: names and type
 * spellings are hashed millions of times when a baseline or a library's
 * summaries are read, and byte-at-a-time hashing was a sixth of that.
 */
/* The last n < 8 bytes of a string of `whole` bytes ending at end, in
 * the low bytes of a word: one load that reaches back into bytes already
 * hashed when the string is long enough, not a loop over the bytes. */
static uint64_t hash_tail(const char *end, size_t n, size_t whole)
{
	uint64_t v = 0;
	if (!n)
		return 0;
	if (whole >= 8) {
		memcpy(&v, end - 8, 8);
		return v >> (8 - n) * 8;
	}
	const unsigned char *p = (const unsigned char *)end - n;
	if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, p, 4);
		memcpy(&hi, end - 4, 4);
		return lo | (uint64_t)hi << (n - 4) * 8;
	}
	/* 1 to 3 bytes: the first, the middle and the last */
	return p[0] | (uint64_t)p[n / 2] << 8 | (uint64_t)p[n - 1] << 16;
}

uint64_t abg_hash_string_n(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	const size_t whole = n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t v;
		memcpy(&v, s, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t tail = hash_tail(s + n, n, whole);
	/* The whole of murmur3's finalizer: tables index by the low bits,
	 * and names that differ only in their last bytes ("sym_123456")
	 * must still spread over them. */
	h ^= tail;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

uint64_t abg_hash_string(const char *s)
{
	return abg_hash_string_n(s, strlen(s));
}

/* Keys are compared only when their hashes agree: a probe past
 * other keys costs a comparison of two integers, not of two names. */
static size_t hash_slot(const struct abg_hash *h, const char *key,
			uint64_t hash)
{
	size_t mask = h->cap - 1;
	size_t i = (size_t)hash & mask;
	while (h->slots[i].key && (h->hashes[i] != (uint32_t)hash ||
				   strcmp(h->slots[i].key, key) != 0))
		i = (i + 1) & mask;
	return i;
}

void *abg_hash_get(const struct abg_hash *h, const char *key)
{
	if (!h->count)
		return NULL;
	struct abg_hash_entry *e =
		&h->slots[hash_slot(h, key, abg_hash_string(key))];
	return e->key ? e->value : NULL;
}

void *abg_hash_get_n(const struct abg_hash *h, const char *s, size_t n,
		     uint64_t hash)
{
	if (!h->count)
		return NULL;
	size_t mask = h->cap - 1;
	for (size_t i = (size_t)hash & mask; h->slots[i].key;
	     i = (i + 1) & mask) {
		const struct abg_hash_entry *e = &h->slots[i];
		if (h->hashes[i] == (uint32_t)hash &&
		    strnlen(e->key, n + 1) == n && memcmp(e->key, s, n) == 0)
			return e->value;
	}
	return NULL;
}

bool abg_hash_contains(const struct abg_hash *h, const char *key)
{
	return h->count &&
	       h->slots[hash_slot(h, key, abg_hash_string(key))].key != NULL;
}

/* Keys in a table are distinct: each old entry goes to the first free
 * slot of its probe sequence, with no key compared or hashed again. */
static void hash_resize(struct abg_hash *h, size_t cap)
{
	struct abg_hash old = *h;
	/* calloc: a large table comes as pages the system zeroed. */
	h->slots = xcalloc(cap, sizeof *h->slots);
	h->hashes = xrealloc(NULL, cap * sizeof *h->hashes);
	h->cap = cap;
	size_t mask = cap - 1; /* cap < 2^32: the low half picks the slot */
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.slots[i].key)
			continue;
		size_t j = (size_t)old.hashes[i] & mask;
		while (h->slots[j].key)
			j = (j + 1) & mask;
		h->slots[j] = old.slots[i];
		h->hashes[j] = old.hashes[i];
	}
	free(old.slots);
	free(old.hashes);
}

void abg_hash_put_hashed(struct abg_hash *h, const char *key, uint64_t hash,
			 void *value)
{
	if ((h->count + 1) * 4 > h->cap * 3)
		hash_resize(h, h->cap ? h->cap * 2 : 64);
	size_t i = hash_slot(h, key, hash);
	struct abg_hash_entry *e = &h->slots[i];
	if (!e->key) {
		e->key = key;
		h->hashes[i] = (uint32_t)hash;
		h->count++;
	}
	e->value = value;
}

size_t abg_table_room(size_t cap, size_t first, size_t count)
{
	if (!cap)
		cap = first;
	while ((count + 1) * 4 > cap * 3)
		cap *= 2;
	return cap;
}

void abg_hash_reserve(struct abg_hash *h, size_t count)
{
	size_t cap = h->cap ? h->cap : 64;
	while (count * 4 > cap * 3)
		cap *= 2;
	if (cap > h->cap)
		hash_resize(h, cap);
}

void abg_hash_put(struct abg_hash *h, const char *key, void *value)
{
	abg_hash_put_hashed(h, key, abg_hash_string(key), value);
}

void abg_hash_free(struct abg_hash *h)
{
	free(h->slots);
	free(h->hashes);
	h->slots = NULL;
	h->hashes = NULL;
	h->cap = h->count = 0;
}

/* ---- errors ------------------------------------------------------------ */

int abg_error_set(struct abg_error *err, const char *file, unsigned line,
		  const char *fmt, ...)
{
	if (!err)
		return -1;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return -1;
}

const char *abg_error_format(const struct abg_error *err, char *buf,
			     size_t size)
{
	if (err->file[0] && err->line)
		snprintf(buf, size, "%s:%u: error: %s", err->file, err->line,
			 err->message);
	else if (err->file[0])
		snprintf(buf, size, "%s: error: %s", err->file, err->message);
	else
		snprintf(buf, size, "error: %s", err->message);
	return buf;
}

/* ---- files ------------------------------------------------------------- */

static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

long long abg_pread_full(int fd, void *buf, size_t size, uint64_t offset)
{
	size_t done = 0;
	while (done < size) {
		ssize_t n = pread(fd, (char *)buf + done, size - done,
				  (off_t)(offset + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return (long long)done;
}

int abg_open_regular(const char *path, struct abg_error *err)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		abg_error_set(err, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	const char *kind = NULL; /* what it is, when not a regular file */
	int rc = 0;
	if (fstat(fd, &st) != 0) {
		rc = abg_error_set(err, path, 0, "cannot read: %s",
				   strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		kind = file_kind(st.st_mode);
		rc = abg_error_set(err, path, 0, "not a regular file (%s)",
				   kind);
	} else if ((uint64_t)st.st_size > ABG_MAX_INPUT_SIZE) {
		rc = abg_error_set(err, path, 0,
				   "cannot read: larger than %zu MiB",
				   ABG_MAX_INPUT_SIZE >> 20);
	} else {
		int flags = fcntl(fd, F_GETFL);
		if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
			rc = abg_error_set(err, path, 0, "cannot read: %s",
					   strerror(errno));
	}
	if (rc == 0)
		return fd;
	close(fd);
	return -1;
}

char *abg_read_file(const char *path, size_t *len, struct abg_error *err)
{
	int fd = abg_open_regular(path, err);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		abg_error_set(err, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct abg_strbuf sb = {0};
	struct stat st;
	/* Room for the whole file at once (abg_open_regular checked its
	 * size), read in place: no chunk is copied, no buffer regrown. */
	size_t size =
		fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size : 0;
	abg_strbuf_reserve(&sb, size < ABG_MAX_INPUT_SIZE ? size
							  : ABG_MAX_INPUT_SIZE);
	size_t n;
	/* The file may grow while it is read: the limit holds anyway. */
	for (;;) {
		if (sb.cap - sb.len < 2)
			abg_strbuf_reserve(&sb, 65536);
		if (sb.len > ABG_MAX_INPUT_SIZE ||
		    (n = fread(sb.data + sb.len, 1, sb.cap - sb.len - 1, f)) ==
			    0)
			break;
		sb.len += n;
	}
	sb.data[sb.len] = '\0';
	bool failed = ferror(f);
	fclose(f);
	if (!failed && sb.len > ABG_MAX_INPUT_SIZE) {
		abg_strbuf_free(&sb);
		abg_error_set(err, path, 0, "cannot read: larger than %zu MiB",
			      ABG_MAX_INPUT_SIZE >> 20);
		return NULL;
	}
	if (failed) {
		abg_strbuf_free(&sb);
		abg_error_set(err, path, 0, "read error");
		return NULL;
	}
	if (!sb.data)
		abg_strbuf_append_n(&sb, "", 0);
	if (len)
		*len = sb.len;
	return sb.data;
}

/*
 * Temporary files are named PATH.tmp.PID.XXXXXX. A signal that can be
 * caught (INT, TERM, HUP, PIPE) removes the one being written; after a
 * SIGKILL the next write to PATH removes those whose process is gone
 * (kill(pid, 0) says so; a live process, ours or not, keeps its file).
 */
static char pending_tmp[4096];
static volatile sig_atomic_t have_pending_tmp;
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define NCLEANUP_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])

static void remove_pending_tmp(int sig)
{
	if (have_pending_tmp)
		unlink(pending_tmp);
	have_pending_tmp = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard_tmp(const char *tmp, struct sigaction *saved)
{
	snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp);
	have_pending_tmp = strlen(tmp) < sizeof pending_tmp;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = remove_pending_tmp;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NCLEANUP_SIGNALS; i++)
		sigaction(cleanup_signals[i], &sa, &saved[i]);
}

static void unguard_tmp(const struct sigaction *saved)
{
	have_pending_tmp = 0;
	for (size_t i = 0; i < NCLEANUP_SIGNALS; i++)
		sigaction(cleanup_signals[i], &saved[i], NULL);
}

/* Remove PATH.tmp.PID.* left by processes that no longer exist. */
static void remove_stale_tmps(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct abg_strbuf dir = {0}, prefix = {0}, victim = {0};
	if (slash)
		abg_strbuf_append_n(&dir, path, (size_t)(slash - path + 1));
	else
		abg_strbuf_append(&dir, "./");
	abg_strbuf_printf(&prefix, "%s.tmp.", slash ? slash + 1 : path);
	DIR *d = opendir(dir.data);
	for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
		if (strncmp(e->d_name, prefix.data, prefix.len) != 0)
			continue;
		char *end;
		long pid = strtol(e->d_name + prefix.len, &end, 10);
		if (end == e->d_name + prefix.len || *end != '.' || pid <= 0 ||
		    strlen(end + 1) != 6)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		abg_strbuf_reset(&victim);
		abg_strbuf_printf(&victim, "%s%s", dir.data, e->d_name);
		unlink(victim.data);
	}
	if (d)
		closedir(d);
	abg_strbuf_free(&dir);
	abg_strbuf_free(&prefix);
	abg_strbuf_free(&victim);
}

int abg_write_file_atomic(const char *path, const char *data, size_t len,
			  struct abg_error *err)
{
	remove_stale_tmps(path);
	struct abg_strbuf tmp = {0};
	abg_strbuf_printf(&tmp, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
	struct sigaction saved[NCLEANUP_SIGNALS];
	/* Guarded before it exists, so no signal can leave it behind. */
	guard_tmp(tmp.data, saved);
	int fd = mkstemp(tmp.data);
	if (fd < 0) {
		unguard_tmp(saved);
		abg_error_set(err, path, 0, "cannot create temporary file: %s",
			      strerror(errno));
		abg_strbuf_free(&tmp);
		return -1;
	}
	snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp.data);
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	int rc = 0;
	if (off != len || fsync(fd) != 0 || fchmod(fd, 0644) != 0) {
		abg_error_set(err, path, 0, "cannot write: %s",
			      strerror(errno));
		rc = -1;
	}
	if (close(fd) != 0 && rc == 0)
		rc = abg_error_set(err, path, 0, "cannot write: %s",
				   strerror(errno));
	if (rc == 0 && rename(tmp.data, path) != 0)
		rc = abg_error_set(err, path, 0, "cannot replace: %s",
				   strerror(errno));
	if (rc != 0)
		unlink(tmp.data);
	unguard_tmp(saved);
	abg_strbuf_free(&tmp);
	return rc;
}
