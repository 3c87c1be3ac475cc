/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The API surface a baseline records (abiguard/model.h, struct
 * abg_api_entry): public declarations and unexported version-script
 * listings, found by name.
 */
#include "abiguard/model.h"

#include <stdint.h>
#include <string.h>

/* "name" or "name@node", in buf when it fits (lookups come by the
 * million), else in sb. */
static const char *api_key(char *buf, size_t size, struct abg_strbuf *sb,
			   const char *name, const char *node)
{
	size_t name_len = strlen(name), node_len = node ? strlen(node) : 0;
	if (name_len + node_len + 2 > size) {
		abg_strbuf_append(sb, name);
		if (node) {
			abg_strbuf_append(sb, "@");
			abg_strbuf_append(sb, node);
		}
		return sb->data;
	}
	memcpy(buf, name, name_len);
	if (node) {
		buf[name_len] = '@';
		memcpy(buf + name_len + 1, node, node_len);
		name_len += node_len + 1;
	}
	buf[name_len] = '\0';
	return buf;
}

static struct abg_api_entry *lookup(const struct abg_model *m, const char *name,
				    const char *node)
{
	char buf[256];
	struct abg_strbuf sb = {0};
	uintptr_t i = (uintptr_t)abg_hash_get(
		&m->api_index, api_key(buf, sizeof buf, &sb, name, node));
	abg_strbuf_free(&sb);
	return i ? &m->api[i - 1] : NULL;
}

void abg_model_reserve_api(struct abg_model *m, size_t entries)
{
	size_t want = m->napi + entries;
	if (want > m->api_cap)
		abg_grow((void **)&m->api, &m->api_cap, want, sizeof *m->api);
	abg_hash_reserve(&m->api_index, want);
}

struct abg_api_entry *abg_model_add_api(struct abg_model *m,
					const struct abg_api_entry *e)
{
	const char *node = e->kind == ABG_API_LISTED ? e->node : NULL;
	struct abg_api_entry *seen = lookup(m, e->name, node);
	if (seen) {
		seen->exported |= e->exported;
		seen->internal |= e->internal;
		if (!seen->header_type)
			seen->header_type = e->header_type;
		return seen;
	}
	struct abg_api_entry *n = ABG_PUSH(m->api, m->napi, m->api_cap);
	*n = *e;
	n->name = abg_model_intern(m, e->name);
	n->node = node ? abg_model_intern(m, node) : NULL;
	n->loc.file = e->loc.file ? abg_model_intern(m, e->loc.file) : NULL;
	/* A declaration's key is its name, interned already. */
	const char *key = n->name;
	char buf[256];
	struct abg_strbuf sb = {0};
	if (node)
		key = abg_model_intern(
			m, api_key(buf, sizeof buf, &sb, n->name, node));
	abg_strbuf_free(&sb);
	abg_hash_put(&m->api_index, key, (void *)(uintptr_t)m->napi);
	return n;
}

const struct abg_api_entry *abg_model_find_api(const struct abg_model *m,
					       const char *name)
{
	return lookup(m, name, NULL);
}

bool abg_model_api_listed(const struct abg_model *m, const char *name,
			  const char *node)
{
	return node && lookup(m, name, node) != NULL;
}
