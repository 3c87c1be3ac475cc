/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ABI model: what every front end (GCC plugin, Clang plugin, libclang,
 * ELF reader, baseline reader) produces and what the diff and the rules read.
 *
 * One model describes one translation unit, one linked library, or one
 * baseline. It holds
 *   - types, hash-consed: building the same type twice gives the same id, so
 *     front ends never need their own cache of structural types;
 *   - declarations seen by a compiler (functions and variables, with their
 *     C name, assembler name, and where they were declared);
 *   - symbol-version directives seen in the source (.symver / symver attr);
 *   - version nodes and versioned symbols (from ELF, or from the baseline);
 *   - soname and target.
 * All strings are interned in the model's arena; pointers stay valid until
 * abg_model_free().
 *
 * Anonymous struct/union members are flattened by the front ends: the member
 * itself is a field with an empty name whose type is an anonymous record
 * (no name, no fields of its own), followed by its own fields with their
 * C access names ("a" for an anonymous member's field, "u.a" for a field of
 * a named member "u" of anonymous type) and absolute bit offsets.
 */
#ifndef ABIGUARD_MODEL_H
#define ABIGUARD_MODEL_H

#include "abiguard/util.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t abg_type_id;
#define ABG_NO_TYPE ((abg_type_id)0)

struct abg_location {
	const char *file; /* relative to the project root; NULL when unknown */
	unsigned line;
	unsigned column;
	/* Front-end cookie (GCC location_t, Clang SourceLocation encoding) so a
	 * plugin can report at the exact spot; never serialized. 0: none. */
	uint64_t origin;
};

/* What a library promises about a type in its header (abiguard.h). */
enum abg_annotation {
	ABG_ANNOT_OPAQUE = 1u,	    /* callers never see the layout */
	ABG_ANNOT_GROWABLE = 2u,    /* fields may be appended, nothing else */
	ABG_ANNOT_APPEND_ONLY = 4u, /* enum: enumerators appended at the end */
};
#define ABG_ANNOT_ALL                                                          \
	(ABG_ANNOT_OPAQUE | ABG_ANNOT_GROWABLE | ABG_ANNOT_APPEND_ONLY)

enum abg_type_kind {
	ABG_TYPE_VOID = 1,
	ABG_TYPE_BASE,	    /* int, unsigned long, double, _Bool ... */
	ABG_TYPE_POINTER,   /* target = pointee */
	ABG_TYPE_QUALIFIED, /* target = unqualified type, quals */
	ABG_TYPE_ARRAY,	    /* target = element, count (-1: flexible/[]) */
	ABG_TYPE_FUNCTION,  /* target = return type, params ... */
	ABG_TYPE_STRUCT,    /* named by tag, or "<typedef-name>" if anonymous */
	ABG_TYPE_UNION,
	ABG_TYPE_ENUM,
	ABG_TYPE_TYPEDEF, /* name, target = aliased type */
};

enum abg_qualifier {
	ABG_QUAL_CONST = 1u,
	ABG_QUAL_VOLATILE = 2u,
	ABG_QUAL_RESTRICT = 4u,
};

struct abg_field {
	const char *name; /* "" for an anonymous member or unnamed bit-field */
	uint64_t offset_bits;
	int32_t bit_width; /* -1 when not a bit-field */
	abg_type_id type;
	/* ABIGUARD_RESERVED: padding a later release may use (same bytes). */
	bool reserved;
};

struct abg_enumerator {
	const char *name;
	int64_t value; /* unsigned enums store the bit pattern */
};

struct abg_type {
	enum abg_type_kind kind;
	const char *name; /* base, struct/union/enum tag, typedef; else NULL */
	abg_type_id target;
	unsigned quals;
	int64_t count; /* arrays: element count, -1 when unknown/flexible */

	/* functions */
	abg_type_id *params;
	uint32_t nparams;
	bool variadic;
	bool unprototyped; /* "int f()" */
	const char
		*callconv; /* NULL for the platform default, else "ms_abi"... */

	/* definitions (struct/union/enum/typedef; base types: size/align) */
	bool complete; /* false: declared only (opaque) */
	/* Defined outside the public headers (a .c file or a private header):
	 * callers never see this layout, so layout rules treat the type as
	 * opaque; compat implementations may still use it to spell an old
	 * layout, so ABI equivalence looks inside. */
	bool private_def;
	/* struct/union/enum: enum abg_annotation bits, from any declaration
	 * of the type (also an incomplete one). */
	unsigned annotations;
	bool anonymous; /* struct/union without a tag */
	uint64_t size_bits;
	uint32_t align_bits;
	bool packed;
	bool is_signed; /* enums and base types */
	struct abg_field *fields;
	uint32_t nfields, fields_cap;
	struct abg_enumerator *enumerators;
	uint32_t nenumerators, enumerators_cap;
	struct abg_location loc;
};

enum abg_decl_kind {
	ABG_DECL_FUNCTION = 1,
	ABG_DECL_VARIABLE,
};

/* A declaration as a compiler saw it in one translation unit. */
struct abg_decl {
	enum abg_decl_kind kind;
	const char *name;   /* C identifier */
	const char *symbol; /* assembler name (differs with __asm__ labels) */
	abg_type_id type;   /* function type, or the variable's type */
	bool defined;	    /* defined in this TU (not just declared) */
	bool public_header; /* declared in a configured public header */
	bool exported;	    /* defined here with default/protected visibility */
	bool internal;	    /* ABIGUARD_INTERNAL: an export, not public API */
	struct abg_location loc;
};

/* ".symver impl, name@NODE" / "name@@NODE", or __attribute__((symver)). */
struct abg_symver {
	const char *impl; /* the symbol that carries the code */
	const char *name; /* the versioned name programs bind to */
	const char *node; /* version node */
	bool is_default;  /* @@ */
	struct abg_location loc;
};

/*
 * A header version tag: the node a public header says a symbol belongs to,
 * from one of the project's tag macros (GFAPI_PUBLIC(glfs_pread, 3.4.0),
 * the `tag-macro` option) or from abiguard.h's ABIGUARD_NODE(NODE).
 */
struct abg_tag {
	const char *name; /* the symbol; NULL until settled (abg_tags_settle) */
	const char *node;
	const char *via; /* the macro as written, or "ABIGUARD_NODE" */
	struct abg_location loc;
};

/* A version node, as in a version script / .gnu.version_d / baseline. */
struct abg_node {
	const char *name;
	const char **parents;
	uint32_t nparents;
	bool released;	  /* frozen: shipped in a release */
	bool known_state; /* released/open was stated (baseline), not guessed */
};

enum abg_symbol_kind {
	ABG_SYMBOL_FUNCTION = 1,
	ABG_SYMBOL_VARIABLE,
};

/* An exported, versioned symbol: what the baseline is made of. */
struct abg_symbol {
	enum abg_symbol_kind kind;
	const char *name;
	const char *node; /* NULL: unversioned */
	bool is_default;  /* name@@node (else name@node, a compat version) */
	abg_type_id type; /* ABG_NO_TYPE when no declaration was seen */
	uint64_t size;	  /* variables: st_size in bytes, 0 if unknown */
	struct abg_location loc;
	/* In a unit: only a declaration was seen, no definition (the type is
	 * the header's). Never serialized. */
	bool declared_only;
};

/*
 * The API surface a release left (baselines only): what its public headers
 * declared, and the names its version script listed that the library did
 * not export (the names it exported are its symbols). Later builds are
 * judged on what changed since, not on what the release already did.
 */
enum abg_api_kind {
	ABG_API_FUNCTION = 1, /* a public header declares a function */
	ABG_API_VARIABLE,     /* ... a variable */
	ABG_API_LISTED,	      /* a version node lists a name, not exported */
};

struct abg_api_entry {
	enum abg_api_kind kind;
	const char *name; /* assembler name */
	const char *node; /* ABG_API_LISTED: the node that lists it */
	bool exported;	  /* declarations: the library exports the name */
	bool internal;	  /* declarations: ABIGUARD_INTERNAL */
	/* Declarations: the header's type, when it differs from the type of
	 * the definition the library exports under the name (a .symver-bound
	 * implementation); else ABG_NO_TYPE. */
	abg_type_id header_type;
	struct abg_location loc;
};

/* Two translation units of one library that disagree about a declaration
 * or a type (found when their summaries are merged). */
struct abg_conflict {
	const char *what; /* "'struct foo'", "'foo_open'" */
	struct abg_location first, second;
};

/* An abiguard.h annotation a front end ignored (misplaced, unknown), with
 * the core's words for it (abg_annotation_read). Units only; never
 * serialized: the rule annotation-misplaced reports it at the compile. */
struct abg_annotation_problem {
	const char *message;
	struct abg_location loc;
};

/* Open-addressing set of type ids, hashed and compared by structure. */
struct abg_type_table {
	abg_type_id *slots; /* 0: empty */
	uint32_t cap, count;
};

/* How many recently interned strings a model remembers by address. */
#define ABG_MODEL_RECENT 1024

/* Open-addressing map of (name, node, kind) to a symbol, see model.c. */
struct abg_symbol_key {
	const char *name; /* NULL: an empty slot */
	const char *node;
	unsigned kind;
	size_t index;
};
struct abg_symbol_index {
	struct abg_symbol_key *slots;
	size_t cap, count; /* cap: 0 or a power of two */
};

struct abg_model {
	struct abg_arena arena;
	struct abg_hash strings; /* interning */
	/* Strings abg_model_intern*() returned lately, by their address: the
	 * builders intern again what a reader interned a moment ago. */
	const char *recent[ABG_MODEL_RECENT];

	struct abg_type *types; /* index 0 unused */
	uint32_t ntypes, types_cap;
	/* Every type but records being defined, found by what identifies it
	 * (a struct's tag, a pointer's target...): see model.c. */
	struct abg_type_table type_index;

	struct abg_decl *decls;
	size_t ndecls, decls_cap;
	struct abg_symver *symvers;
	size_t nsymvers, symvers_cap;
	struct abg_tag *tags;
	size_t ntags, tags_cap;
	/* Units whose tag macros could not be read (compiled from
	 * preprocessed input, where the macros are gone). */
	uint32_t units_without_tags;
	struct abg_node *nodes;
	size_t nnodes, nodes_cap;
	/* Nodes by name (index + 1): a baseline may have 100,000 of them.
	 * A reorder marks it stale and the next lookup rebuilds it. */
	struct abg_hash node_index;
	bool node_index_stale;
	struct abg_symbol *symbols;
	size_t nsymbols, symbols_cap;

	/*
	 * Symbols by what a lookup asks: (name, node, default or not), and
	 * (name, any node, default), map to the first such symbol in
	 * insertion order. A name may have 50,000 versions: walking its
	 * symbols for each lookup made diff quadratic. Names and nodes are
	 * interned, so a key is two pointers and a kind (model.c).
	 * abg_model_add_symbol() keeps it current unless it is stale; a
	 * reorder or a clear marks it stale and the next lookup rebuilds it.
	 */
	struct abg_symbol_index symbol_exact;
	bool symbol_index_stale;
	/* The node of the last symbol lookup, as the caller spelled it (a
	 * string of another model, mostly) and as this model interned it:
	 * the rules look up thousands of symbols of a few nodes, in node
	 * order. A cache, like the index. */
	const char *lookup_node_asked, *lookup_node_own;

	struct abg_conflict *conflicts;
	size_t nconflicts, conflicts_cap;

	/* The recorded API surface, and an index "name" (declarations) and
	 * "name@node" (listings) -> index + 1. api_recorded: the baseline
	 * says what the API was (format 2 on); older baselines do not. */
	struct abg_api_entry *api;
	size_t napi, api_cap;
	struct abg_hash api_index;
	bool api_recorded;

	struct abg_annotation_problem *annotation_problems;
	size_t nannotation_problems, annotation_problems_cap;

	const char *soname; /* NULL when unknown */
	/* The library's version as the build named its file: "0.1" for
	 * libfoo.so.0.1 (soname libfoo.so.0), or the version= option; NULL
	 * when unknown (baselines that did not record one). */
	const char *version;
	const char *target; /* e.g. "x86_64-lp64"; NULL when unknown */
};

struct abg_model *abg_model_new(void);
void abg_model_free(struct abg_model *m);
const char *abg_model_intern(struct abg_model *m, const char *s);
/* Room for about `strings` interned strings and `types` types, so that a
 * reader which can tell from its input's size grows no table. */
void abg_model_reserve(struct abg_model *m, size_t strings, size_t types);
/* Room for that many more symbols, and their index, made at once: readers
 * that know the count spare the model its growth (and its rehashing). */
void abg_model_reserve_symbols(struct abg_model *m, size_t symbols);
const char *abg_model_intern_n(struct abg_model *m, const char *s, size_t n);

static inline const struct abg_type *abg_model_type(const struct abg_model *m,
						    abg_type_id id)
{
	return id && id < m->ntypes ? &m->types[id]
				    : (const struct abg_type *)0;
}

/* ---- building types (hash-consed) ------------------------------------- */

abg_type_id abg_model_void(struct abg_model *m);
/* name must be canonical, see abg_canonical_base_name(). */
abg_type_id abg_model_base(struct abg_model *m, const char *name,
			   uint64_t size_bits, uint32_t align_bits,
			   bool is_signed);
abg_type_id abg_model_pointer(struct abg_model *m, abg_type_id pointee);
/* quals == 0 returns base unchanged; nested qualifiers are merged. */
abg_type_id abg_model_qualified(struct abg_model *m, abg_type_id base,
				unsigned quals);
abg_type_id abg_model_array(struct abg_model *m, abg_type_id element,
			    int64_t count);
abg_type_id abg_model_function(struct abg_model *m, abg_type_id ret,
			       const abg_type_id *params, uint32_t nparams,
			       bool variadic, bool unprototyped,
			       const char *callconv);

/*
 * Named types: struct/union/enum by tag, typedef by name. Returns the
 * existing type of that kind and name, or a new incomplete one. An anonymous
 * struct named through a typedef is named "<typedef-name>" and has
 * anonymous = true.
 */
abg_type_id abg_model_named(struct abg_model *m, enum abg_type_kind kind,
			    const char *name);
/* The same, of the name spelled by the len bytes at name (no NUL needed). */
abg_type_id abg_model_named_n(struct abg_model *m, enum abg_type_kind kind,
			      const char *name, size_t len);
/* Unique, unnamed record for a flattened anonymous member (see above). */
abg_type_id abg_model_anonymous_record(struct abg_model *m,
				       enum abg_type_kind kind,
				       uint64_t size_bits, uint32_t align_bits);
abg_type_id abg_model_find_named(const struct abg_model *m,
				 enum abg_type_kind kind, const char *name);

/*
 * Definitions. Defining an already complete type again is a no-op that
 * returns false (the first definition seen wins; conflicts between TUs are
 * found by the merge, not here).
 */
bool abg_model_define_record(struct abg_model *m, abg_type_id id,
			     uint64_t size_bits, uint32_t align_bits,
			     bool packed, struct abg_location loc);
void abg_model_add_field(struct abg_model *m, abg_type_id record,
			 const char *name, uint64_t offset_bits,
			 int32_t bit_width, abg_type_id type);
bool abg_model_define_enum(struct abg_model *m, abg_type_id id,
			   uint64_t size_bits, uint32_t align_bits,
			   bool is_signed, struct abg_location loc);
void abg_model_add_enumerator(struct abg_model *m, abg_type_id en,
			      const char *name, int64_t value);
bool abg_model_define_typedef(struct abg_model *m, abg_type_id id,
			      abg_type_id target, struct abg_location loc);
/* Mark a struct/union/enum definition as private (see private_def). */
void abg_model_mark_private(struct abg_model *m, abg_type_id id);
/* Add enum abg_annotation bits to a struct/union/enum. */
void abg_model_annotate(struct abg_model *m, abg_type_id id,
			unsigned annotations);
/* Mark the last field added to `record` as ABIGUARD_RESERVED. */
void abg_model_mark_last_field_reserved(struct abg_model *m,
					abg_type_id record);
/* Record an ignored annotation (strings interned; a repeat of the same
 * message at the same place is recorded once). */
void abg_model_add_annotation_problem(struct abg_model *m,
				      struct abg_location loc,
				      const char *message);
/* "opaque", "growable", "append-only" for one bit; NULL otherwise. */
const char *abg_annotation_name(unsigned annotation);
/* The bit named (as in abiguard.h's attribute argument), or 0. */
unsigned abg_annotation_find(const char *name);

/* ---- declarations, versions, symbols ---------------------------------- */

/* Strings are interned by these functions; callers may pass temporaries. */
struct abg_decl *abg_model_add_decl(struct abg_model *m,
				    const struct abg_decl *d);
struct abg_symver *abg_model_add_symver(struct abg_model *m,
					const struct abg_symver *s);
/* Interns the strings; settle unnamed tags with abg_tags_settle(). */
struct abg_tag *abg_model_add_tag(struct abg_model *m, const struct abg_tag *t);
/* The annotation text an abiguard.h attribute carries, on the declaration
 * of `symbol` at loc: "node:NODE" (ABIGUARD_NODE) adds a tag; the other
 * annotations are not tags and are ignored here. */
void abg_model_add_node_annotation(struct abg_model *m, const char *symbol,
				   const char *annotation,
				   struct abg_location loc);
/* The tag that names `name`, or NULL. */
const struct abg_tag *abg_model_find_tag(const struct abg_model *m,
					 const char *name);
/*
 * A tag without a name belongs to the declaration it is written on: the
 * last declaration in the same file that starts before it. Names them, and
 * drops those that follow no declaration, and repeats (the same name, node
 * and place, as a header included twice gives).
 */
void abg_tags_settle(struct abg_model *m);
struct abg_node *abg_model_add_node(struct abg_model *m, const char *name,
				    bool released);
void abg_model_add_parent(struct abg_model *m, struct abg_node *node,
			  const char *parent);
/* Drop every symbol (they are resolved again from the declarations). */
void abg_model_clear_symbols(struct abg_model *m);
struct abg_symbol *abg_model_add_symbol(struct abg_model *m,
					const struct abg_symbol *s);

void abg_model_add_conflict(struct abg_model *m, const char *what,
			    struct abg_location first,
			    struct abg_location second);

/* Room for that many more API entries, as abg_model_reserve_symbols(). */
void abg_model_reserve_api(struct abg_model *m, size_t entries);
/* Record an API entry (strings interned); a repeat of a declaration
 * merges into the first (exported if either is). */
struct abg_api_entry *abg_model_add_api(struct abg_model *m,
					const struct abg_api_entry *e);
/* The recorded public declaration of `name`, or NULL. */
const struct abg_api_entry *abg_model_find_api(const struct abg_model *m,
					       const char *name);
/* Did the release's version script list `name` in `node` without the
 * library exporting it? */
bool abg_model_api_listed(const struct abg_model *m, const char *name,
			  const char *node);

struct abg_node *abg_model_find_node(const struct abg_model *m,
				     const char *name);
/* Default version of name, or NULL. */
const struct abg_symbol *abg_model_find_default(const struct abg_model *m,
						const char *name);
/* Exact (name, node, is_default) match, or NULL. */
const struct abg_symbol *abg_model_find_symbol(const struct abg_model *m,
					       const char *name,
					       const char *node,
					       bool is_default);

/*
 * Copying types between models. An importer remembers what it copied, so
 * copying many declarations' types costs what they reach, once; named
 * types are defined from a work list, not by recursion, so a long chain of
 * types cannot exhaust the stack. A named type `to` already defines keeps
 * its definition.
 */
struct abg_importer {
	struct abg_model *to;
	const struct abg_model *from;
	abg_type_id *memo;    /* from id -> to id */
	abg_type_id *pending; /* from ids of definitions still to copy */
	size_t npending, pending_cap;
};

void abg_importer_init(struct abg_importer *im, struct abg_model *to,
		       const struct abg_model *from);
abg_type_id abg_importer_import(struct abg_importer *im, abg_type_id id);
void abg_importer_free(struct abg_importer *im);

/* One-off copy of type `id` of `from` (with everything it reaches). */
abg_type_id abg_model_import_type(struct abg_model *to,
				  const struct abg_model *from, abg_type_id id);

/* Sort nodes (parents first, then by name), symbols and decls, so that
 * every writer sees one deterministic order. */
void abg_model_canonicalize(struct abg_model *m);

/*
 * A type that holds itself by value ("struct a { struct b x; }; struct b
 * { struct a y; };", or typedefs that name each other), or 0. No compiler
 * makes one; a reader of untrusted input refuses it, since every later walk
 * over the types would go around in circles.
 */
abg_type_id abg_model_self_containing(const struct abg_model *m);

/* ---- names and spellings ---------------------------------------------- */

/*
 * Map a compiler's spelling of a builtin type to the one spelling abiguard
 * uses ("long int" -> "long", "short unsigned int" -> "unsigned short").
 * Unknown names are returned unchanged.
 */
const char *abg_canonical_base_name(const char *compiler_name);

/* The C spelling of a type ("const char *", "int (*)(void *, int)").
 * Appended to sb. */
void abg_type_spell(const struct abg_model *m, abg_type_id id,
		    struct abg_strbuf *sb);
/* "struct foo", "union <anonymous>", "enum e", "foo_t" for named types. */
void abg_type_spell_name(const struct abg_model *m, abg_type_id id,
			 struct abg_strbuf *sb);

/*
 * Structural equality of a type in two models, following named types by
 * name only (their definitions are compared separately). Cheap; no strings
 * are built.
 */
bool abg_type_equal(const struct abg_model *a, abg_type_id ta,
		    const struct abg_model *b, abg_type_id tb);

#ifdef __cplusplus
}
#endif
#endif
