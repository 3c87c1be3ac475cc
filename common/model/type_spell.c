/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * C spellings of model types, and the one canonical name of each builtin.
 * The spelling is what users read in messages and in the baseline, so it is
 * the C abstract declarator a programmer would write: "const char *",
 * "int (*)(void *, int)", "char *const *", "int [4]".
 */
#include "abiguard/model.h"

#include <inttypes.h>
#include <string.h>

struct name_map {
	const char *compiler;
	const char *canonical;
};

/* GCC spells builtins in its own order; Clang and libclang use the short C
 * forms. One spelling for all three front ends. */
static const struct name_map base_names[] = {
	{"long int", "long"},
	{"long unsigned int", "unsigned long"},
	{"unsigned long int", "unsigned long"},
	{"short int", "short"},
	{"short unsigned int", "unsigned short"},
	{"unsigned short int", "unsigned short"},
	{"long long int", "long long"},
	{"long long unsigned int", "unsigned long long"},
	{"unsigned long long int", "unsigned long long"},
	{"signed int", "int"},
	{"unsigned", "unsigned int"},
	{"__int128 unsigned", "unsigned __int128"},
	{"bool", "_Bool"},
	{"complex float", "_Complex float"},
	{"complex double", "_Complex double"},
	{"complex long double", "_Complex long double"},
};

const char *abg_canonical_base_name(const char *compiler_name)
{
	for (size_t i = 0; i < sizeof base_names / sizeof base_names[0]; i++)
		if (strcmp(base_names[i].compiler, compiler_name) == 0)
			return base_names[i].canonical;
	return compiler_name;
}

static void append_quals(struct abg_strbuf *sb, unsigned quals)
{
	const char *sep = "";
	if (quals & ABG_QUAL_CONST) {
		abg_strbuf_append(sb, "const");
		sep = " ";
	}
	if (quals & ABG_QUAL_VOLATILE) {
		abg_strbuf_printf(sb, "%svolatile", sep);
		sep = " ";
	}
	if (quals & ABG_QUAL_RESTRICT)
		abg_strbuf_printf(sb, "%srestrict", sep);
}

void abg_type_spell_name(const struct abg_model *m, abg_type_id id,
			 struct abg_strbuf *sb)
{
	const struct abg_type *t = abg_model_type(m, id);
	if (!t) {
		abg_strbuf_append(sb, "<unknown>");
		return;
	}
	const char *tag = t->name ? t->name : "<anonymous>";
	switch (t->kind) {
	case ABG_TYPE_VOID:
		abg_strbuf_append(sb, "void");
		break;
	case ABG_TYPE_STRUCT:
		abg_strbuf_printf(sb, "struct %s", tag);
		break;
	case ABG_TYPE_UNION:
		abg_strbuf_printf(sb, "union %s", tag);
		break;
	case ABG_TYPE_ENUM:
		abg_strbuf_printf(sb, "enum %s", tag);
		break;
	case ABG_TYPE_BASE:
	case ABG_TYPE_TYPEDEF:
		abg_strbuf_append(sb, tag);
		break;
	default:
		abg_type_spell(m, id, sb);
	}
}

static void spell_params(const struct abg_model *m, const struct abg_type *fn,
			 struct abg_strbuf *sb)
{
	abg_strbuf_append(sb, "(");
	if (!fn->unprototyped && fn->nparams == 0 && !fn->variadic)
		abg_strbuf_append(sb, "void");
	for (uint32_t i = 0; i < fn->nparams; i++) {
		if (i)
			abg_strbuf_append(sb, ", ");
		abg_type_spell(m, fn->params[i], sb);
	}
	if (fn->variadic)
		abg_strbuf_append(sb, fn->nparams ? ", ..." : "...");
	abg_strbuf_append(sb, ")");
	if (fn->callconv)
		abg_strbuf_printf(sb, " __attribute__((%s))", fn->callconv);
}

/*
 * Spell type `id` around the declarator text built so far (`decl`, what
 * sits where the name would be). Pointers wrap the declarator, arrays and
 * functions append to it, and the innermost named type finally prefixes it.
 */
static void spell_around(const struct abg_model *m, abg_type_id id,
			 const char *decl, struct abg_strbuf *out)
{
	const struct abg_type *t = abg_model_type(m, id);
	struct abg_strbuf d = {0};
	if (!t) {
		abg_strbuf_printf(out, "<unknown>%s%s", *decl ? " " : "", decl);
		return;
	}
	switch (t->kind) {
	case ABG_TYPE_POINTER: {
		const struct abg_type *to = abg_model_type(m, t->target);
		bool wrap = to && (to->kind == ABG_TYPE_ARRAY ||
				   to->kind == ABG_TYPE_FUNCTION);
		abg_strbuf_printf(&d, wrap ? "(*%s)" : "*%s", decl);
		spell_around(m, t->target, d.data, out);
		break;
	}
	case ABG_TYPE_QUALIFIED: {
		const struct abg_type *base = abg_model_type(m, t->target);
		if (base && base->kind == ABG_TYPE_POINTER) {
			/* "char *const": the qualifier follows the star. */
			const struct abg_type *to =
				abg_model_type(m, base->target);
			bool wrap = to && (to->kind == ABG_TYPE_ARRAY ||
					   to->kind == ABG_TYPE_FUNCTION);
			abg_strbuf_append(&d, wrap ? "(*" : "*");
			append_quals(&d, t->quals);
			abg_strbuf_printf(&d, "%s%s%s", *decl ? " " : "", decl,
					  wrap ? ")" : "");
			spell_around(m, base->target, d.data, out);
		} else {
			append_quals(out, t->quals);
			abg_strbuf_append(out, " ");
			spell_around(m, t->target, decl, out);
		}
		break;
	}
	case ABG_TYPE_ARRAY:
		if (t->count < 0)
			abg_strbuf_printf(&d, "%s[]", decl);
		else
			abg_strbuf_printf(&d, "%s[%" PRId64 "]", decl,
					  t->count);
		spell_around(m, t->target, d.data, out);
		break;
	case ABG_TYPE_FUNCTION:
		abg_strbuf_append(&d, decl);
		spell_params(m, t, &d);
		spell_around(m, t->target, d.data, out);
		break;
	default:
		abg_type_spell_name(m, id, out);
		if (*decl)
			abg_strbuf_printf(out, " %s", decl);
	}
	abg_strbuf_free(&d);
}

void abg_type_spell(const struct abg_model *m, abg_type_id id,
		    struct abg_strbuf *sb)
{
	spell_around(m, id, "", sb);
}
