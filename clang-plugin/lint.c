/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The libclang front end of `abiguard lint`. It builds the model of a
 * translation unit by the rules of the two compiler plugins, so that the
 * summary it makes is the one the plugins embed, byte for byte. Where the
 * C API shows less than the C++ AST, this file works around it:
 *   - declarations are grouped by their canonical cursor, as the Clang
 *     plugin groups Decls;
 *   - libclang shows an array or function parameter with the type written,
 *     not the adjusted one: the decay to a pointer is done here;
 *   - there is no "remove qualifiers" call in libclang 14: qualifiers are
 *     carried down as a number while sugar is peeled;
 *   - a top-level asm statement has no cursor kind of its own: its text is
 *     read back from its tokens.
 * Known gaps, none of which a C library on x86-64 Linux runs into in its
 * public headers: regparm(N) is not visible through the C API; -fgnu89-inline
 * is not applied (the gnu_inline attribute is); a return type spelled
 * differently in a header and in the definition is taken from the header
 * (GCC and the Clang plugin take the definition's spelling).
 */
#include "lint.h"

#include "abiguard/model.h"
#include "abiguard/symver.h"

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- small helpers ------------------------------------------------------- */

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

static char *xstrdup(const char *s)
{
	char *copy = strdup(s ? s : "");
	if (!copy)
		abort();
	return copy;
}

/* A CXString as a malloc'd C string (never NULL); disposes of s. */
static char *take_string(CXString s)
{
	char *copy = xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return copy;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- the compilation database ------------------------------------------- */

struct abg_lint_db {
	CXCompilationDatabase db;
};

int abg_lint_db_open(const char *build_dir, struct abg_lint_db **out,
		     struct abg_error *err)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/compile_commands.json", build_dir);
	/* Checked here first: libclang would print its own complaint. */
	CXCompilationDatabase_Error status = CXCompilationDatabase_CanNotLoadDatabase;
	CXCompilationDatabase db = NULL;
	if (access(path, R_OK) == 0)
		db = clang_CompilationDatabase_fromDirectory(build_dir, &status);
	if (status != CXCompilationDatabase_NoError || !db) {
		return abg_error_set(err, path, 0,
				     "cannot read the compilation database "
				     "(generate it with "
				     "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, meson, "
				     "or bear)");
	}
	*out = xcalloc(1, sizeof **out);
	(*out)->db = db;
	return 0;
}

void abg_lint_db_close(struct abg_lint_db *db)
{
	if (!db)
		return;
	clang_CompilationDatabase_dispose(db->db);
	free(db);
}

static const char plugin_arg_prefix[] = "-fplugin-arg-abiguard-";

/* Flags only a compiler loading a plugin understands; libclang cannot load
 * a GCC plugin, and needs no Clang one. */
static bool is_plugin_flag(const char *arg)
{
	return starts_with(arg, "-fplugin=") ||
	       starts_with(arg, "-fplugin-arg-");
}

static void push_string(char ***items, size_t *count, char *s)
{
	*items = realloc(*items, (*count + 2) * sizeof **items);
	if (!*items)
		abort();
	(*items)[(*count)++] = s;
	(*items)[*count] = NULL;
}

static void command_from(CXCompileCommand cc, struct abg_lint_command *out)
{
	memset(out, 0, sizeof *out);
	out->directory = take_string(clang_CompileCommand_getDirectory(cc));
	out->file = take_string(clang_CompileCommand_getFilename(cc));
	unsigned n = clang_CompileCommand_getNumArgs(cc);
	for (unsigned i = 0; i < n; i++) {
		char *arg = take_string(clang_CompileCommand_getArg(cc, i));
		if (starts_with(arg, plugin_arg_prefix)) {
			push_string(&out->plugin_args, &out->nplugin_args,
				    xstrdup(arg + sizeof plugin_arg_prefix - 1));
			free(arg);
		} else if (is_plugin_flag(arg)) {
			free(arg);
		} else {
			push_string(&out->args, &out->nargs, arg);
		}
	}
}

static bool first_command(CXCompileCommands cmds, struct abg_lint_command *out)
{
	bool found = cmds && clang_CompileCommands_getSize(cmds) > 0;
	if (found)
		command_from(clang_CompileCommands_getCommand(cmds, 0), out);
	clang_CompileCommands_dispose(cmds);
	return found;
}

bool abg_lint_db_find(struct abg_lint_db *db, const char *path,
		      struct abg_lint_command *out)
{
	return first_command(
		clang_CompilationDatabase_getCompileCommands(db->db, path), out);
}

bool abg_lint_db_first(struct abg_lint_db *db, struct abg_lint_command *out)
{
	return first_command(
		clang_CompilationDatabase_getAllCompileCommands(db->db), out);
}

static void free_strings(char **items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

void abg_lint_command_free(struct abg_lint_command *c)
{
	free(c->directory);
	free(c->file);
	free_strings(c->args, c->nargs);
	free_strings(c->plugin_args, c->nplugin_args);
	memset(c, 0, sizeof *c);
}

/* ---- tables keyed by cursor and by type --------------------------------- */

/* Cursor -> size_t, open addressing; the keys are libclang's own. */
struct cursor_map {
	struct cursor_slot {
		CXCursor key;
		unsigned hash;
		bool used;
		size_t value;
	} *slots;
	size_t cap, count;
};

/* The slot of key, or the empty slot where it would go. */
static struct cursor_slot *cursor_slot(struct cursor_map *m, CXCursor key,
				       unsigned hash)
{
	size_t i = hash & (m->cap - 1);
	while (m->slots[i].used &&
	       !(m->slots[i].hash == hash &&
		 clang_equalCursors(m->slots[i].key, key)))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void cursor_map_grow(struct cursor_map *m)
{
	struct cursor_map bigger = {xcalloc(m->cap ? m->cap * 2 : 64,
					    sizeof *m->slots),
				    m->cap ? m->cap * 2 : 64, m->count};
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].used)
			*cursor_slot(&bigger, m->slots[i].key,
				     m->slots[i].hash) = m->slots[i];
	free(m->slots);
	*m = bigger;
}

static bool cursor_map_get(struct cursor_map *m, CXCursor key, size_t *value)
{
	if (!m->cap)
		return false;
	struct cursor_slot *s = cursor_slot(m, key, clang_hashCursor(key));
	if (s->used)
		*value = s->value;
	return s->used;
}

/* Insert unless present (the first value wins). */
static void cursor_map_add(struct cursor_map *m, CXCursor key, size_t value)
{
	if ((m->count + 1) * 2 > m->cap)
		cursor_map_grow(m);
	unsigned hash = clang_hashCursor(key);
	struct cursor_slot *s = cursor_slot(m, key, hash);
	if (s->used)
		return;
	s->key = key;
	s->hash = hash;
	s->used = true;
	s->value = value;
	m->count++;
}

/* Type (libclang's QualType pointer, qualifiers included) -> model id. */
struct type_map {
	struct type_slot {
		const void *key;
		abg_type_id id;
	} *slots;
	size_t cap, count;
};

static struct type_slot *type_slot(struct type_map *m, const void *key)
{
	size_t i = ((uintptr_t)key >> 4) * 0x9E3779B97F4A7C15ull >> 20;
	i &= m->cap - 1;
	while (m->slots[i].key && m->slots[i].key != key)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static abg_type_id type_map_get(struct type_map *m, const void *key)
{
	return m->cap && key ? type_slot(m, key)->id : ABG_NO_TYPE;
}

static void type_map_put(struct type_map *m, const void *key, abg_type_id id)
{
	if (!key)
		return;
	if ((m->count + 1) * 2 > m->cap) {
		struct type_map bigger = {
			xcalloc(m->cap ? m->cap * 2 : 256, sizeof *m->slots),
			m->cap ? m->cap * 2 : 256, m->count};
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*type_slot(&bigger, m->slots[i].key) =
					m->slots[i];
		free(m->slots);
		*m = bigger;
	}
	struct type_slot *s = type_slot(m, key);
	if (!s->key)
		m->count++;
	s->key = key;
	s->id = id;
}

/* ---- the unit being converted --------------------------------------------- */

/* The declarations of one entity, in source order. */
struct entry {
	CXCursor *redecls;
	size_t n, cap;
	CXCursor public_decl; /* the first one in a public header */
	bool in_public;
};

struct lint {
	struct abg_session *session;
	struct abg_model *model;
	CXTranslationUnit tu;
	struct type_map types;
	struct cursor_map anonymous_names; /* tagless tag -> typedef cursor */
	CXCursor *typedef_cursors;
	size_t ntypedefs, typedefs_cap;
	struct entry *entries;
	size_t nentries, entries_cap;
	struct cursor_map entry_index; /* canonical decl -> entries[] */
	CXCursor *public_typedefs;
	size_t npublic_typedefs, public_typedefs_cap;
	char **asm_texts;
	size_t nasm;
	/* one-entry cache of the public-header test */
	char *public_file;
	bool public_result;
};

/* ---- locations ------------------------------------------------------------ */

/* The file as the compiler reports it (expansion point, #line honoured);
 * NULL for builtins. *line and *column may be NULL. */
static char *location_file(CXSourceLocation loc, unsigned *line,
			   unsigned *column)
{
	CXString file;
	unsigned l, c;
	clang_getPresumedLocation(loc, &file, &l, &c);
	char *name = take_string(file);
	if (line)
		*line = l;
	if (column)
		*column = c;
	if (!*name) {
		free(name);
		return NULL;
	}
	return name;
}

static bool is_public(struct lint *L, CXSourceLocation loc)
{
	char *file = location_file(loc, NULL, NULL);
	if (!file)
		return false;
	if (!L->public_file || strcmp(file, L->public_file) != 0) {
		free(L->public_file);
		L->public_file = xstrdup(file);
		L->public_result = abg_session_is_public(L->session, file);
	}
	free(file);
	return L->public_result;
}

static struct abg_location convert_location(struct lint *L,
					    CXSourceLocation loc)
{
	struct abg_location out = {0};
	char *file = location_file(loc, &out.line, &out.column);
	if (file)
		out.file = abg_session_relative_path(L->session, file);
	free(file);
	return out;
}

/* In the project but not in a public header: a definition there is
 * invisible to the library's users. */
static bool is_private(struct lint *L, CXSourceLocation loc)
{
	if (is_public(L, loc))
		return false;
	char *file = location_file(loc, NULL, NULL);
	bool inside = file && abg_session_relative_path(L->session, file);
	free(file);
	return inside;
}

/* Clang's own declarations (__builtin_va_list) have no file. */
static bool is_implicit(CXCursor decl)
{
	char *file = location_file(clang_getCursorLocation(decl), NULL, NULL);
	free(file);
	return file == NULL;
}

static const char *intern_spelling(struct lint *L, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *name = abg_model_intern(L->model, clang_getCString(s));
	clang_disposeString(s);
	return name;
}

/* ---- types: classification ------------------------------------------------ */

static unsigned local_quals(CXType t)
{
	unsigned q = 0;
	if (clang_isConstQualifiedType(t))
		q |= ABG_QUAL_CONST;
	if (clang_isVolatileQualifiedType(t))
		q |= ABG_QUAL_VOLATILE;
	if (clang_isRestrictQualifiedType(t))
		q |= ABG_QUAL_RESTRICT;
	return q;
}

static bool is_array_kind(enum CXTypeKind k)
{
	return k == CXType_ConstantArray || k == CXType_IncompleteArray ||
	       k == CXType_VariableArray || k == CXType_DependentSizedArray;
}

static bool is_function_kind(enum CXTypeKind k)
{
	return k == CXType_FunctionProto || k == CXType_FunctionNoProto;
}

/* Every qualifier, those inside typedefs too; none for arrays, whose
 * qualifiers belong to the elements (as in GCC's model). */
static unsigned full_quals(CXType t)
{
	CXType c = clang_getCanonicalType(t);
	return is_array_kind(c.kind) ? 0 : local_quals(c);
}

static bool is_signed_kind(enum CXTypeKind k)
{
	switch (k) {
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
	case CXType_Int128:
		return true;
	default:
		return false;
	}
}

/* Clang's names of the builtins (BuiltinType::getName in C). */
static const char *builtin_name(enum CXTypeKind k)
{
	switch (k) {
	case CXType_Bool: return "_Bool";
	case CXType_Char_U:
	case CXType_Char_S: return "char";
	case CXType_UChar: return "unsigned char";
	case CXType_SChar: return "signed char";
	case CXType_Short: return "short";
	case CXType_UShort: return "unsigned short";
	case CXType_Int: return "int";
	case CXType_UInt: return "unsigned int";
	case CXType_Long: return "long";
	case CXType_ULong: return "unsigned long";
	case CXType_LongLong: return "long long";
	case CXType_ULongLong: return "unsigned long long";
	case CXType_Int128: return "__int128";
	case CXType_UInt128: return "unsigned __int128";
	case CXType_Half: return "__fp16";
	case CXType_Float16: return "_Float16";
	case CXType_BFloat16: return "__bf16";
	case CXType_Float: return "float";
	case CXType_Double: return "double";
	case CXType_LongDouble: return "long double";
	case CXType_Float128: return "__float128";
	default: return NULL;
	}
}

/* ---- types: conversion ---------------------------------------------------- */

static abg_type_id convert_q(struct lint *L, CXType t, unsigned extra);

static abg_type_id convert(struct lint *L, CXType t)
{
	return convert_q(L, t, 0);
}

/* A typedef's own type, converted once; its target after its name, since
 * the target may refer back to it through a pointer. */
static abg_type_id convert_typedef(struct lint *L, CXCursor decl)
{
	CXType named = clang_getCursorType(decl);
	abg_type_id id = type_map_get(&L->types, named.data[0]);
	if (id)
		return id;
	id = abg_model_named(L->model, ABG_TYPE_TYPEDEF,
			     intern_spelling(L, decl));
	type_map_put(&L->types, named.data[0], id);
	abg_type_id target =
		convert(L, clang_getTypedefDeclUnderlyingType(decl));
	abg_model_define_typedef(L->model, id, target,
				 convert_location(L, clang_getCursorLocation(decl)));
	return id;
}

/* `t` spelled with a typedef, under `quals`: the qualifiers the typedef
 * carries already are not repeated. */
static abg_type_id convert_typedef_use(struct lint *L, CXType t,
				       CXCursor decl, unsigned quals)
{
	unsigned named_quals = full_quals(clang_getCursorType(decl));
	if (is_array_kind(clang_getCanonicalType(t).kind))
		quals = 0;
	abg_type_id id = convert_typedef(L, decl);
	return abg_model_qualified(L->model, id, quals & ~named_quals);
}

/* "<typedef>" or "<FIRST_ENUMERATOR>" for a tagless type; NULL: anonymous. */
static enum CXChildVisitResult first_enumerator(CXCursor c, CXCursor parent,
						CXClientData data)
{
	(void)parent;
	if (c.kind != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

static const char *bracketed(struct lint *L, CXCursor named)
{
	CXString s = clang_getCursorSpelling(named);
	struct abg_strbuf sb = {0};
	abg_strbuf_printf(&sb, "<%s>", clang_getCString(s));
	clang_disposeString(s);
	const char *name = abg_model_intern(L->model, abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return name;
}

static const char *aggregate_name(struct lint *L, CXCursor decl)
{
	CXString s = clang_getCursorSpelling(decl);
	bool tagged = *clang_getCString(s) != '\0';
	clang_disposeString(s);
	if (tagged)
		return intern_spelling(L, decl);
	size_t at;
	if (cursor_map_get(&L->anonymous_names, clang_getCanonicalCursor(decl),
			   &at))
		return bracketed(L, L->typedef_cursors[at]);
	if (decl.kind == CXCursor_EnumDecl) {
		CXCursor first = clang_getNullCursor();
		clang_visitChildren(clang_getCursorDefinition(decl),
				    first_enumerator, &first);
		if (!clang_Cursor_isNull(first))
			return bracketed(L, first);
	}
	return NULL;
}

static enum abg_type_kind record_kind(CXCursor decl)
{
	return decl.kind == CXCursor_UnionDecl ? ABG_TYPE_UNION
					       : ABG_TYPE_STRUCT;
}

static uint64_t size_bits(CXType t)
{
	long long bytes = clang_Type_getSizeOf(t);
	return bytes > 0 ? (uint64_t)bytes * 8 : 0;
}

static uint32_t align_bits(CXType t)
{
	long long bytes = clang_Type_getAlignOf(t);
	return bytes > 0 ? (uint32_t)bytes * 8 : 0;
}

/* The record a member's type names when it is a struct/union with no tag
 * and no typedef. */
static bool anonymous_record(struct lint *L, CXType t, CXType *record)
{
	for (;;) {
		switch (t.kind) {
		case CXType_Elaborated:
			t = clang_Type_getNamedType(t);
			continue;
		case CXType_Attributed:
			t = clang_Type_getModifiedType(t);
			continue;
		case CXType_Typedef: {
			CXCursor decl = clang_getTypeDeclaration(t);
			if (!is_implicit(decl))
				return false;
			t = clang_getTypedefDeclUnderlyingType(decl);
			continue;
		}
		default:
			break;
		}
		break;
	}
	if (t.kind != CXType_Record ||
	    aggregate_name(L, clang_getTypeDeclaration(t)))
		return false;
	*record = t;
	return true;
}

static abg_type_id anonymous_member_type(struct lint *L, CXType record,
					 unsigned quals)
{
	abg_type_id id = abg_model_anonymous_record(
		L->model, record_kind(clang_getTypeDeclaration(record)),
		size_bits(record), align_bits(record));
	return abg_model_qualified(L->model, id, quals);
}

static void mark_if_private(struct lint *L, abg_type_id id, CXCursor def)
{
	if (is_private(L, clang_getCursorLocation(def)))
		abg_model_mark_private(L->model, id);
}

struct field_walk {
	struct lint *L;
	abg_type_id record;
	uint64_t base;
	const char *prefix;
};

static void add_fields(struct lint *L, abg_type_id record, CXType type,
		       uint64_t base, const char *prefix);

/* Field name with the access path of flattened members ("u.a"). */
static const char *field_name(struct lint *L, CXCursor field,
			      const char *prefix)
{
	CXString s = clang_getCursorSpelling(field);
	const char *own = clang_getCString(s);
	const char *name = "";
	if (*own) {
		struct abg_strbuf sb = {0};
		abg_strbuf_printf(&sb, "%s%s", prefix, own);
		name = abg_model_intern(L->model, abg_strbuf_cstr(&sb));
		abg_strbuf_free(&sb);
	}
	clang_disposeString(s);
	return name;
}

static enum CXVisitorResult visit_field(CXCursor field, CXClientData data)
{
	struct field_walk *w = data;
	struct lint *L = w->L;
	long long offset = clang_Cursor_getOffsetOfField(field);
	if (offset < 0)
		return CXVisit_Continue;
	uint64_t at = w->base + (uint64_t)offset;
	const char *name = field_name(L, field, w->prefix);
	CXType type = clang_getCursorType(field);
	bool bit_field = clang_Cursor_isBitField(field);

	CXType inner;
	if (!bit_field && anonymous_record(L, type, &inner)) {
		/* Flatten: the member, then its own fields. */
		abg_model_add_field(L->model, w->record, name, at, -1,
				    anonymous_member_type(L, inner,
							  full_quals(type)));
		const char *inner_prefix = w->prefix;
		if (*name) {
			struct abg_strbuf sb = {0};
			abg_strbuf_printf(&sb, "%s.", name);
			inner_prefix =
				abg_model_intern(L->model, abg_strbuf_cstr(&sb));
			abg_strbuf_free(&sb);
		}
		add_fields(L, w->record, inner, at, inner_prefix);
		return CXVisit_Continue;
	}
	int32_t width = bit_field ? clang_getFieldDeclBitWidth(field) : -1;
	abg_model_add_field(L->model, w->record, name, at, width,
			    convert(L, type));
	return CXVisit_Continue;
}

static void add_fields(struct lint *L, abg_type_id record, CXType type,
		       uint64_t base, const char *prefix)
{
	struct field_walk w = {L, record, base, prefix};
	clang_Type_visitFields(type, visit_field, &w);
}

static enum CXChildVisitResult find_packed(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	(void)parent;
	if (c.kind != CXCursor_PackedAttr)
		return CXChildVisit_Continue;
	*(bool *)data = true;
	return CXChildVisit_Break;
}

static void define_record(struct lint *L, abg_type_id id, CXType type,
			  CXCursor def)
{
	if (clang_Type_getSizeOf(type) < 0)
		return;
	bool packed = false;
	clang_visitChildren(def, find_packed, &packed);
	if (!abg_model_define_record(
		    L->model, id, size_bits(type), align_bits(type), packed,
		    convert_location(L, clang_getCursorLocation(def))))
		return; /* the first definition seen wins */
	mark_if_private(L, id, def);
	add_fields(L, id, type, 0, "");
}

static abg_type_id convert_record(struct lint *L, CXType t)
{
	CXCursor decl = clang_getTypeDeclaration(t);
	const char *name = aggregate_name(L, decl);
	if (!name)
		return anonymous_member_type(L, t, 0);
	abg_type_id id = abg_model_named(L->model, record_kind(decl), name);
	CXCursor def = clang_getCursorDefinition(decl);
	if (!clang_Cursor_isNull(def) && !abg_model_type(L->model, id)->complete)
		define_record(L, id, t, def);
	return id;
}

struct enum_walk {
	struct lint *L;
	abg_type_id id;
	bool is_signed;
};

static enum CXChildVisitResult visit_enumerator(CXCursor c, CXCursor parent,
						CXClientData data)
{
	(void)parent;
	struct enum_walk *w = data;
	if (c.kind != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	int64_t value =
		w->is_signed
			? (int64_t)clang_getEnumConstantDeclValue(c)
			: (int64_t)clang_getEnumConstantDeclUnsignedValue(c);
	abg_model_add_enumerator(w->L->model, w->id, intern_spelling(w->L, c),
				 value);
	return CXChildVisit_Continue;
}

/* The first of the cursor's tokens spelled `text`, or the null location. */
static CXSourceLocation token_location(struct lint *L, CXCursor c,
				       const char *text)
{
	CXToken *tokens = NULL;
	unsigned n = 0;
	CXSourceLocation found = clang_getNullLocation();
	clang_tokenize(L->tu, clang_getCursorExtent(c), &tokens, &n);
	for (unsigned i = 0; i < n; i++) {
		char *s = take_string(clang_getTokenSpelling(L->tu, tokens[i]));
		bool match = strcmp(s, text) == 0;
		free(s);
		if (match) {
			found = clang_getTokenLocation(L->tu, tokens[i]);
			break;
		}
	}
	clang_disposeTokens(L->tu, tokens, n);
	return found;
}

/* Where GCC places an enumeration: at its tag, or, without one, at the
 * '{' that follows `enum`. */
static CXSourceLocation enum_location(struct lint *L, CXCursor def)
{
	CXString s = clang_getCursorSpelling(def);
	bool tagged = *clang_getCString(s) != '\0';
	clang_disposeString(s);
	if (!tagged) {
		CXSourceLocation brace = token_location(L, def, "{");
		if (!clang_equalLocations(brace, clang_getNullLocation()))
			return brace;
	}
	return clang_getCursorLocation(def);
}

static abg_type_id convert_enum(struct lint *L, CXType t)
{
	CXCursor decl = clang_getTypeDeclaration(t);
	const char *name = aggregate_name(L, decl);
	abg_type_id id = abg_model_named(L->model, ABG_TYPE_ENUM,
					 name ? name : "<anonymous>");
	CXCursor def = clang_getCursorDefinition(decl);
	if (clang_Cursor_isNull(def) || clang_Type_getSizeOf(t) < 0 ||
	    abg_model_type(L->model, id)->complete)
		return id;
	CXType integer = clang_getCanonicalType(clang_getEnumDeclIntegerType(def));
	bool is_signed = is_signed_kind(integer.kind);
	CXSourceLocation where = enum_location(L, def);
	if (!abg_model_define_enum(L->model, id, size_bits(t), align_bits(t),
				   is_signed, convert_location(L, where)))
		return id;
	if (is_private(L, where))
		abg_model_mark_private(L->model, id);
	struct enum_walk w = {L, id, is_signed};
	clang_visitChildren(def, visit_enumerator, &w);
	return id;
}

/* GCC's spelling, before abg_canonical_base_name() maps it. */
static const char *base_name(struct lint *L, CXType t)
{
	const char *name = builtin_name(t.kind);
	if (name)
		return name;
	struct abg_strbuf sb = {0};
	if (t.kind == CXType_Complex || t.kind == CXType_Vector) {
		CXType element = clang_getCanonicalType(clang_getElementType(t));
		const char *e = abg_canonical_base_name(base_name(L, element));
		if (t.kind == CXType_Complex)
			abg_strbuf_printf(&sb, "complex %s", e);
		else
			abg_strbuf_printf(&sb, "__vector(%llu) %s",
					  (unsigned long long)size_bits(t) / 8,
					  e);
	} else {
		CXString s = clang_getTypeSpelling(clang_getCanonicalType(t));
		abg_strbuf_append(&sb, clang_getCString(s));
		clang_disposeString(s);
	}
	name = abg_model_intern(L->model, abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return name;
}

static abg_type_id convert_base(struct lint *L, CXType t)
{
	return abg_model_base(L->model,
			      abg_canonical_base_name(base_name(L, t)),
			      size_bits(t), align_bits(t),
			      is_signed_kind(t.kind));
}

static const char *calling_convention(CXType function)
{
	switch (clang_getFunctionTypeCallingConv(function)) {
	case CXCallingConv_X86_64Win64:
		return "ms_abi";
	case CXCallingConv_X86StdCall:
		return "stdcall";
	case CXCallingConv_X86FastCall:
		return "fastcall";
	case CXCallingConv_X86ThisCall:
		return "thiscall";
	default:
		return NULL;
	}
}

static abg_type_id strip_qualifiers(struct lint *L, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(L->model, id);
	return t && t->kind == ABG_TYPE_QUALIFIED ? t->target : id;
}

/* One step through sugar other than a written typedef; false at a type
 * that is not sugar. Qualifiers met on the way are added to *quals. */
static bool peel_sugar(CXType *t, unsigned *quals)
{
	*quals |= local_quals(*t);
	switch (t->kind) {
	case CXType_Elaborated:
		*t = clang_Type_getNamedType(*t);
		return true;
	case CXType_Attributed:
		if (is_function_kind(clang_getCanonicalType(*t).kind))
			return false; /* keeps the calling convention */
		*t = clang_Type_getModifiedType(*t);
		return true;
	case CXType_Unexposed: {
		CXType c = clang_getCanonicalType(*t);
		if (c.kind == CXType_Unexposed)
			return false;
		*t = c;
		return true;
	}
	default:
		return false;
	}
}

/* The element type an array parameter decays to, with the qualifiers
 * written on the array (typedef) pushed into it, as Clang does. */
static abg_type_id decayed_element(struct lint *L, CXType t)
{
	unsigned quals = 0;
	for (;;) {
		if (is_array_kind(t.kind))
			return convert_q(L, clang_getArrayElementType(t),
					 quals | local_quals(t));
		if (t.kind == CXType_Typedef) {
			quals |= local_quals(t);
			t = clang_getTypedefDeclUnderlyingType(
				clang_getTypeDeclaration(t));
			continue;
		}
		if (!peel_sugar(&t, &quals))
			return convert_q(L, t, quals);
	}
}

/* A parameter as the function type holds it: arrays and functions decay
 * to pointers; a qualifier written on it is dropped, one inside a typedef
 * is not (as in GCC). */
static abg_type_id convert_param(struct lint *L, CXType t)
{
	enum CXTypeKind canonical = clang_getCanonicalType(t).kind;
	if (is_array_kind(canonical))
		return abg_model_pointer(L->model, decayed_element(L, t));
	if (is_function_kind(canonical))
		return abg_model_pointer(L->model, convert(L, t));
	return strip_qualifiers(L, convert(L, t));
}

static abg_type_id convert_shape(struct lint *L, CXType t);

/* A return type loses its qualifiers, and a typedef that carries one
 * itself goes with them (GCC's C front end does so). */
static abg_type_id convert_return(struct lint *L, CXType t)
{
	for (;;) {
		if (t.kind == CXType_Typedef) {
			CXCursor decl = clang_getTypeDeclaration(t);
			if (!is_implicit(decl) &&
			    !full_quals(clang_getCursorType(decl)))
				return convert_typedef(L, decl);
			t = clang_getTypedefDeclUnderlyingType(decl);
			continue;
		}
		unsigned ignored = 0;
		if (!peel_sugar(&t, &ignored))
			return convert_shape(L, t);
	}
}

static abg_type_id build_function(struct lint *L, CXType function,
				  const abg_type_id *params, uint32_t nparams)
{
	bool unprototyped =
		clang_getCanonicalType(function).kind == CXType_FunctionNoProto;
	return abg_model_function(
		L->model, convert_return(L, clang_getResultType(function)),
		params, nparams,
		!unprototyped && clang_isFunctionTypeVariadic(function),
		unprototyped, calling_convention(function));
}

static abg_type_id convert_function(struct lint *L, CXType function)
{
	int n = clang_getNumArgTypes(function);
	abg_type_id *params = xcalloc(n > 0 ? (size_t)n : 1, sizeof *params);
	for (int i = 0; i < n; i++)
		params[i] = convert_param(L, clang_getArgType(function, i));
	abg_type_id id =
		build_function(L, function, params, n > 0 ? (uint32_t)n : 0);
	free(params);
	return id;
}

static abg_type_id convert_array(struct lint *L, CXType t)
{
	int64_t count = t.kind == CXType_ConstantArray
				? (int64_t)clang_getArraySize(t)
				: -1;
	return abg_model_array(L->model,
			       convert(L, clang_getArrayElementType(t)), count);
}

/* A type that is not sugar, its own qualifiers left out. */
static abg_type_id convert_shape(struct lint *L, CXType t)
{
	if (is_function_kind(clang_getCanonicalType(t).kind))
		return convert_function(L, t);
	switch (t.kind) {
	case CXType_Void:
		return abg_model_void(L->model);
	case CXType_Pointer:
	case CXType_BlockPointer:
		return abg_model_pointer(L->model,
					 convert(L, clang_getPointeeType(t)));
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		return convert_array(L, t);
	case CXType_Record:
		return convert_record(L, t);
	case CXType_Enum:
		return convert_enum(L, t);
	case CXType_Atomic:
		/* GCC keeps _Atomic as a variant of the plain type. */
		return convert(L, clang_Type_getValueType(t));
	default:
		return convert_base(L, t);
	}
}

static abg_type_id convert_uncached(struct lint *L, CXType t, unsigned quals)
{
	for (;;) {
		if (t.kind == CXType_Typedef) {
			CXCursor decl = clang_getTypeDeclaration(t);
			quals |= local_quals(t);
			if (!is_implicit(decl))
				return convert_typedef_use(L, t, decl, quals);
			t = clang_getTypedefDeclUnderlyingType(decl);
			continue;
		}
		if (!peel_sugar(&t, &quals))
			break;
	}
	/* The qualifiers of an array belong to its elements. */
	if (is_array_kind(t.kind))
		return convert_array(L, t);
	return abg_model_qualified(L->model, convert_shape(L, t),
				   quals | local_quals(t));
}

static abg_type_id convert_q(struct lint *L, CXType t, unsigned extra)
{
	if (t.kind == CXType_Invalid)
		return ABG_NO_TYPE;
	if (!extra) {
		abg_type_id cached = type_map_get(&L->types, t.data[0]);
		if (cached)
			return cached;
	}
	abg_type_id id = convert_uncached(L, t, extra);
	if (!extra)
		type_map_put(&L->types, t.data[0], id);
	return id;
}

/* ---- collecting declarations ---------------------------------------------- */

static void note_declaration(struct lint *L, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	bool named = *clang_getCString(s) != '\0';
	clang_disposeString(s);
	if (!named || clang_isInvalidDeclaration(c) ||
	    clang_getCursorLinkage(c) != CXLinkage_External)
		return;
	CXCursor key = clang_getCanonicalCursor(c);
	size_t at;
	if (!cursor_map_get(&L->entry_index, key, &at)) {
		at = L->nentries;
		struct entry *e =
			ABG_PUSH(L->entries, L->nentries, L->entries_cap);
		memset(e, 0, sizeof *e);
		cursor_map_add(&L->entry_index, key, at);
	}
	struct entry *e = &L->entries[at];
	*ABG_PUSH(e->redecls, e->n, e->cap) = c;
	/* The first public-header declaration: users fix the ABI there. */
	if (!e->in_public && is_public(L, clang_getCursorLocation(c))) {
		e->in_public = true;
		e->public_decl = c;
	}
}

static void note_typedef(struct lint *L, CXCursor c)
{
	if (is_implicit(c) || clang_isInvalidDeclaration(c))
		return;
	/* typedef struct { ... } foo_t; names the struct "<foo_t>"; the
	 * first typedef of a tagless type names it. */
	CXType target =
		clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(c));
	if (target.kind == CXType_Record || target.kind == CXType_Enum) {
		CXCursor tag = clang_getTypeDeclaration(target);
		CXString s = clang_getCursorSpelling(tag);
		bool tagless = *clang_getCString(s) == '\0';
		clang_disposeString(s);
		if (tagless) {
			*ABG_PUSH(L->typedef_cursors, L->ntypedefs,
				  L->typedefs_cap) = c;
			cursor_map_add(&L->anonymous_names,
				       clang_getCanonicalCursor(tag),
				       L->ntypedefs - 1);
		}
	}
	if (is_public(L, clang_getCursorLocation(c)))
		*ABG_PUSH(L->public_typedefs, L->npublic_typedefs,
			  L->public_typedefs_cap) = c;
}

/* The bytes of one C string literal token ("..." with escapes). */
static void unescape_literal(const char *tok, struct abg_strbuf *out)
{
	const char *p = strchr(tok, '"');
	if (!p)
		return;
	for (p++; *p && *p != '"'; p++) {
		char c = *p;
		if (c == '\\' && p[1]) {
			p++;
			switch (*p) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			case 'x': {
				unsigned v = 0;
				while (strchr("0123456789abcdefABCDEF", p[1]) &&
				       p[1]) {
					char h = *++p;
					v = v * 16 + (unsigned)(h <= '9' ? h - '0'
							: (h | 0x20) - 'a' + 10);
				}
				c = (char)v;
				break;
			}
			default:
				if (*p >= '0' && *p <= '7') {
					unsigned v = (unsigned)(*p - '0');
					for (int i = 0; i < 2 && p[1] >= '0' &&
							p[1] <= '7';
					     i++)
						v = v * 8 + (unsigned)(*++p - '0');
					c = (char)v;
				} else {
					c = *p; /* \\ \" \' \? */
				}
			}
		}
		abg_strbuf_append_n(out, &c, 1);
	}
}

/* A top-level asm statement is an "unexposed" declaration: its text is the
 * concatenation of the string literals among its tokens. */
static void note_asm(struct lint *L, CXCursor c)
{
	CXToken *tokens = NULL;
	unsigned n = 0;
	clang_tokenize(L->tu, clang_getCursorExtent(c), &tokens, &n);
	struct abg_strbuf text = {0};
	bool is_asm = false;
	for (unsigned i = 0; i < n; i++) {
		char *spelling = take_string(clang_getTokenSpelling(L->tu, tokens[i]));
		if (i == 0)
			is_asm = strcmp(spelling, "asm") == 0 ||
				 strcmp(spelling, "__asm__") == 0 ||
				 strcmp(spelling, "__asm") == 0;
		else if (is_asm &&
			 clang_getTokenKind(tokens[i]) == CXToken_Literal)
			unescape_literal(spelling, &text);
		free(spelling);
	}
	clang_disposeTokens(L->tu, tokens, n);
	if (is_asm)
		push_string(&L->asm_texts, &L->nasm,
			    xstrdup(abg_strbuf_cstr(&text)));
	abg_strbuf_free(&text);
}

static enum CXChildVisitResult visit_top_level(CXCursor c, CXCursor parent,
					       CXClientData data)
{
	(void)parent;
	struct lint *L = data;
	switch (c.kind) {
	case CXCursor_FunctionDecl:
	case CXCursor_VarDecl:
		note_declaration(L, c);
		break;
	case CXCursor_TypedefDecl:
		note_typedef(L, c);
		break;
	case CXCursor_UnexposedDecl:
		note_asm(L, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/* ---- emitting declarations ------------------------------------------------ */

/* __attribute__((gnu_inline)) (glibc's __extern_inline) has no cursor of
 * its own; the declaration printed without its body shows it. Only inline
 * definitions pay for this. */
static bool has_gnu_inline(CXCursor c)
{
	CXPrintingPolicy policy = clang_getCursorPrintingPolicy(c);
	clang_PrintingPolicy_setProperty(policy, CXPrintingPolicy_TerseOutput,
					 1);
	char *text = take_string(clang_getCursorPrettyPrinted(c, policy));
	clang_PrintingPolicy_dispose(policy);
	bool found = strstr(text, "gnu_inline") != NULL;
	free(text);
	return found;
}

/*
 * Whether an inline definition emits a symbol (GCC's !DECL_EXTERNAL). C99:
 * only when some declaration of the function is extern or not inline.
 * GNU inline: unless the definition is `extern inline`.
 */
static bool inline_emits_symbol(const struct entry *e, CXCursor def)
{
	if (has_gnu_inline(def))
		return clang_Cursor_getStorageClass(def) != CX_SC_Extern;
	for (size_t i = 0; i < e->n; i++)
		if (!clang_Cursor_isFunctionInlined(e->redecls[i]) ||
		    clang_Cursor_getStorageClass(e->redecls[i]) == CX_SC_Extern)
			return true;
	return false;
}

static bool is_definition(const struct entry *e, CXCursor c)
{
	if (c.kind == CXCursor_VarDecl) /* tentative definitions too */
		return clang_isCursorDefinition(c) ||
		       !clang_Cursor_hasVarDeclExternalStorage(c);
	if (!clang_isCursorDefinition(c))
		return false;
	return !clang_Cursor_isFunctionInlined(c) || inline_emits_symbol(e, c);
}

static bool has_exported_visibility(CXCursor c)
{
	enum CXVisibilityKind v = clang_getCursorVisibility(c);
	return v == CXVisibility_Default || v == CXVisibility_Protected;
}

/* Where GCC's merged declaration says it is: the definition (the one with
 * the initializer, for a variable), else the latest declaration. */
static CXCursor located_declaration(const struct entry *e)
{
	for (size_t i = 0; i < e->n; i++) {
		CXCursor c = e->redecls[i];
		if (c.kind == CXCursor_VarDecl
			    ? !clang_Cursor_isNull(
				      clang_Cursor_getVarDeclInitializer(c))
			    : is_definition(e, c))
			return c;
	}
	return e->redecls[e->n - 1];
}

/*
 * `fn_t f;` declares f with the typedef's type; a later `void f(int x) {}`
 * writes the type out, and GCC keeps that. libclang shows both with the
 * merged (typedef) type: the tokens tell them apart.
 */
static bool writes_parameter_list(struct lint *L, CXCursor c)
{
	char *name = take_string(clang_getCursorSpelling(c));
	CXToken *tokens = NULL;
	unsigned n = 0;
	clang_tokenize(L->tu, clang_getCursorExtent(c), &tokens, &n);
	bool writes = false;
	for (unsigned i = 0; i + 1 < n && !writes; i++) {
		if (clang_getTokenKind(tokens[i]) != CXToken_Identifier)
			continue;
		char *s = take_string(clang_getTokenSpelling(L->tu, tokens[i]));
		char *next =
			take_string(clang_getTokenSpelling(L->tu, tokens[i + 1]));
		writes = strcmp(s, name) == 0 && strcmp(next, "(") == 0;
		free(s);
		free(next);
	}
	clang_disposeTokens(L->tu, tokens, n);
	free(name);
	return writes;
}

/* A function's parameters as the chosen declaration writes them. */
static abg_type_id function_from_declaration(struct lint *L, CXCursor c,
					     CXType type)
{
	int n = clang_Cursor_getNumArguments(c);
	abg_type_id *params = xcalloc(n > 0 ? (size_t)n : 1, sizeof *params);
	for (int i = 0; i < n; i++)
		params[i] = convert_param(
			L, clang_getCursorType(clang_Cursor_getArgument(c, i)));
	abg_type_id id = build_function(L, type, params, n > 0 ? (uint32_t)n : 0);
	free(params);
	return id;
}

/*
 * The type GCC's composite type gives the entity: spelled as the latest
 * declaration that is prototyped (a function) or complete (an array
 * variable) spells it. libclang shows a function declaration with the
 * merged type, so its parameters are read from its own parameter cursors.
 */
static abg_type_id declared_type(struct lint *L, const struct entry *e)
{
	for (size_t i = e->n; i-- > 0;) {
		CXCursor c = e->redecls[i];
		CXType type = clang_getCursorType(c);
		enum CXTypeKind canonical = clang_getCanonicalType(type).kind;
		if (c.kind == CXCursor_VarDecl) {
			if (canonical != CXType_IncompleteArray || i == 0)
				return convert(L, type);
			continue;
		}
		bool written_params =
			canonical == CXType_FunctionNoProto ||
			clang_Cursor_getNumArguments(c) ==
				clang_getNumArgTypes(type);
		if (!written_params && i > 0)
			continue;
		if (type.kind == CXType_FunctionProto ||
		    type.kind == CXType_FunctionNoProto ||
		    type.kind == CXType_Attributed ||
		    writes_parameter_list(L, c))
			return function_from_declaration(L, c, type);
		return convert(L, type); /* declared with a typedef name */
	}
	return ABG_NO_TYPE;
}

static void emit_entry(struct lint *L, const struct entry *e)
{
	CXCursor definition = clang_getNullCursor();
	for (size_t i = 0; i < e->n; i++)
		if (is_definition(e, e->redecls[i]))
			definition = e->redecls[i];
	bool defined = !clang_Cursor_isNull(definition);
	bool exported = defined && has_exported_visibility(definition);
	if (!e->in_public && !exported)
		return;

	CXCursor last = e->redecls[e->n - 1];
	char *name = take_string(clang_getCursorSpelling(e->redecls[0]));
	char *symbol = take_string(clang_Cursor_getMangling(last));
	struct abg_decl d = {0};
	d.kind = last.kind == CXCursor_FunctionDecl ? ABG_DECL_FUNCTION
						    : ABG_DECL_VARIABLE;
	d.name = name;
	d.symbol = *symbol ? symbol : name;
	d.type = declared_type(L, e);
	d.defined = defined;
	d.public_header = e->in_public;
	d.exported = exported;
	CXCursor where = e->in_public ? e->public_decl : located_declaration(e);
	d.loc = convert_location(L, clang_getCursorLocation(where));
	abg_model_add_decl(L->model, &d);
	free(name);
	free(symbol);
}

static void emit_model(struct lint *L)
{
	for (size_t i = 0; i < L->nentries; i++)
		emit_entry(L, &L->entries[i]);
	for (size_t i = 0; i < L->npublic_typedefs; i++)
		convert_typedef(L, L->public_typedefs[i]);

	/* As in the plugins: the main file and line 0; the core finds the
	 * directive's line. */
	struct abg_location loc = {0};
	char *main_file = take_string(clang_getTranslationUnitSpelling(L->tu));
	loc.file = abg_session_relative_path(L->session, main_file);
	free(main_file);
	for (size_t i = 0; i < L->nasm; i++)
		abg_symver_parse_asm(L->model, L->asm_texts[i],
				     strlen(L->asm_texts[i]), loc);
}

static void lint_free(struct lint *L)
{
	for (size_t i = 0; i < L->nentries; i++)
		free(L->entries[i].redecls);
	free(L->entries);
	free(L->entry_index.slots);
	free(L->anonymous_names.slots);
	free(L->typedef_cursors);
	free(L->public_typedefs);
	free(L->types.slots);
	free_strings(L->asm_texts, L->nasm);
	free(L->public_file);
}

/* ---- parsing -------------------------------------------------------------- */

/* Is arg (relative to the command's directory) the command's own file,
 * which the database may spell differently (absolute)? */
static bool names_command_file(const struct abg_lint_command *cmd,
			       const char *arg)
{
	if (strcmp(arg, cmd->file) == 0)
		return true;
	if (arg[0] == '-')
		return false;
	struct abg_strbuf path = {0};
	if (arg[0] != '/')
		abg_strbuf_printf(&path, "%s/", cmd->directory);
	abg_strbuf_append(&path, arg);
	char *a = realpath(abg_strbuf_cstr(&path), NULL);
	char *b = a ? realpath(cmd->file, NULL) : NULL;
	bool same = a && b && strcmp(a, b) == 0;
	free(a);
	free(b);
	abg_strbuf_free(&path);
	return same;
}

/*
 * A header is parsed as C, not as a header to precompile: the command that
 * libclang infers for one says "-x c-header"; a command borrowed from a .c
 * file says nothing, and the driver would pick c-header from the name.
 */
static void parse_headers_as_c(char ***args, size_t *n, const char *source)
{
	size_t len = strlen(source);
	if (len < 2 || strcmp(source + len - 2, ".h") != 0)
		return;
	for (size_t i = 1; i + 1 < *n; i++)
		if (strcmp((*args)[i], "-x") == 0) {
			free((*args)[i + 1]);
			(*args)[i + 1] = xstrdup("c");
			return;
		}
	push_string(args, n, NULL); /* room for two more */
	push_string(args, n, NULL);
	memmove(*args + 3, *args + 1, (*n - 3) * sizeof **args);
	(*args)[1] = xstrdup("-x");
	(*args)[2] = xstrdup("c");
}

/* The command line with `source` in the place of the command's own file. */
static char **unit_arguments(const struct abg_lint_command *cmd,
			     const char *source, size_t *count)
{
	char **args = NULL;
	size_t n = 0;
	bool replaced = false;
	for (size_t i = 0; i < cmd->nargs; i++) {
		/* libclang fails on the "--" of inferred commands (error 4). */
		if (i > 0 && strcmp(cmd->args[i], "--") == 0)
			continue;
		bool is_file = !replaced && i > 0 &&
			       strcmp(cmd->args[i - 1], "-o") != 0 &&
			       names_command_file(cmd, cmd->args[i]);
		push_string(&args, &n, xstrdup(is_file ? source : cmd->args[i]));
		replaced |= is_file;
	}
	if (!replaced)
		push_string(&args, &n, xstrdup(source));
	parse_headers_as_c(&args, &n, source);
	*count = n;
	return args;
}

/* Drop every argument equal to `unknown`; true when one was dropped. */
static bool drop_argument(char **args, size_t *count, const char *unknown)
{
	size_t kept = 0;
	for (size_t i = 0; i < *count; i++) {
		if (i > 0 && strcmp(args[i], unknown) == 0) {
			free(args[i]);
			continue;
		}
		args[kept++] = args[i];
	}
	args[kept] = NULL;
	bool dropped = kept != *count;
	*count = kept;
	return dropped;
}

/*
 * Flags of another compiler in the database (GCC's) that Clang's driver
 * rejects as "unknown argument: '-fconserve-stack'": dropped, and the unit
 * parsed again.
 */
static bool drop_unknown_arguments(CXTranslationUnit tu, char **args,
				   size_t *count)
{
	static const char marker[] = "unknown argument: '";
	bool dropped = false;
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		char *text = take_string(clang_getDiagnosticSpelling(d));
		clang_disposeDiagnostic(d);
		char *arg = strstr(text, marker);
		char *end = arg ? strchr(arg + sizeof marker - 1, '\'') : NULL;
		if (end) {
			*end = '\0';
			dropped |= drop_argument(args, count,
						 arg + sizeof marker - 1);
		}
		free(text);
	}
	return dropped;
}

/* Clang's errors, as clang-tidy shows them: "[clang-diagnostic-error]". */
static size_t report_errors(struct abg_session *session, CXTranslationUnit tu,
			    struct abg_sink *sink)
{
	size_t errors = 0;
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			struct abg_location loc = {0};
			char *file = location_file(clang_getDiagnosticLocation(d),
						   &loc.line, &loc.column);
			if (file) {
				const char *rel =
					abg_session_relative_path(session, file);
				loc.file = rel ? rel
					       : abg_model_intern(
							 abg_session_model(session),
							 file);
			}
			char *text = take_string(clang_getDiagnosticSpelling(d));
			struct abg_finding *f = abg_finding_new(
				"clang-diagnostic-error", ABG_SEVERITY_ERROR,
				loc, "%s", text);
			abg_sink_emit(sink, f);
			abg_finding_free(f);
			free(text);
			free(file);
			errors++;
		}
		clang_disposeDiagnostic(d);
	}
	return errors;
}

static CXTranslationUnit parse_unit(CXIndex index, char **args, size_t *nargs,
				    const char *source, const char *contents,
				    struct abg_error *err)
{
	struct CXUnsavedFile unsaved = {source, contents,
					contents ? strlen(contents) : 0};
	unsigned options = CXTranslationUnit_IncludeAttributedTypes;
	for (int attempt = 0; attempt < 16; attempt++) {
		CXTranslationUnit tu = NULL;
		enum CXErrorCode code = clang_parseTranslationUnit2FullArgv(
			index, NULL, (const char *const *)args, (int)*nargs,
			contents ? &unsaved : NULL, contents ? 1 : 0, options,
			&tu);
		if (code != CXError_Success || !tu) {
			abg_error_set(err, source, 0,
				      "libclang could not parse the file "
				      "(error %d)",
				      (int)code);
			return NULL;
		}
		if (!drop_unknown_arguments(tu, args, nargs))
			return tu;
		clang_disposeTranslationUnit(tu);
	}
	abg_error_set(err, source, 0, "too many unknown compiler flags");
	return NULL;
}

int abg_lint_build_model(struct abg_session *session,
			 const struct abg_lint_command *cmd,
			 const char *source, const char *contents,
			 struct abg_sink *sink, struct abg_error *err)
{
	size_t nargs;
	char **args = unit_arguments(cmd, source, &nargs);
	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit tu =
		parse_unit(index, args, &nargs, source, contents, err);
	int rc = -1;
	if (tu) {
		rc = report_errors(session, tu, sink) ? 1 : 0;
		if (rc == 0) {
			struct lint L = {0};
			L.session = session;
			L.model = abg_session_model(session);
			L.tu = tu;
			clang_visitChildren(clang_getTranslationUnitCursor(tu),
					    visit_top_level, &L);
			emit_model(&L);
			lint_free(&L);
		}
		clang_disposeTranslationUnit(tu);
	}
	clang_disposeIndex(index);
	free_strings(args, nargs);
	return rc;
}
