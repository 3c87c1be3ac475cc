// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * GCC types -> abiguard model types. The rules here must give the model
 * that the Clang plugin and libclang give for the same source:
 *   - typedef names are kept (typedef NAME -> its original type);
 *   - qualifiers wrap the unqualified type; arrays carry them on the element;
 *   - a tagless struct/union/enum named by a typedef is "<typedef-name>";
 *     a tagless enum without one is "<FIRST_ENUMERATOR>" (enumerators share
 *     the ordinary identifier namespace with typedef names, so both are
 *     unique in a translation unit);
 *   - members of an anonymous-typed member are flattened into the record
 *     (see model.h), with absolute bit offsets;
 *   - parameters lose their top-level qualifiers (C11 6.7.6.3p15);
 *   - a struct/union/enum defined in the project outside the public headers
 *     (struct foo in foo.c behind a public `typedef struct foo foo_t;`) is
 *     marked private: its layout is invisible to the library's users.
 *     Definitions in public headers and in system headers are not.
 * Each tree is converted once (cache by identity); no type strings are built
 * except names of synthesized types. The names of tagless types and the
 * flattening of anonymous members are the core's (abiguard/frontend.h),
 * shared with the Clang converter.
 */
#include "abiguard_gcc.h"
#include "abiguard/frontend.h"

namespace {

unsigned model_qualifiers(tree type)
{
	unsigned quals = 0;
	if (TYPE_READONLY(type))
		quals |= ABG_QUAL_CONST;
	if (TYPE_VOLATILE(type))
		quals |= ABG_QUAL_VOLATILE;
	if (TYPE_RESTRICT(type))
		quals |= ABG_QUAL_RESTRICT;
	return quals;
}

/* TYPE_SIZE in bits, or 0 when incomplete or not constant. */
uint64_t size_in_bits(tree type)
{
	tree size = TYPE_SIZE(type);
	return size && tree_fits_uhwi_p(size) ? tree_to_uhwi(size) : 0;
}

bool has_constant_size(tree type)
{
	return COMPLETE_TYPE_P(type) && tree_fits_uhwi_p(TYPE_SIZE(type));
}

/* Where a struct/union/enum is defined (C tags have a stub TYPE_DECL). */
location_t definition_location(tree type)
{
	tree stub = TYPE_STUB_DECL(type);
	return stub ? DECL_SOURCE_LOCATION(stub) : UNKNOWN_LOCATION;
}

/* The TYPE_DECL of a typedef name that `type` is spelled with, or NULL. */
tree typedef_decl_of(tree type)
{
	tree name = TYPE_NAME(type);
	if (!name || TREE_CODE(name) != TYPE_DECL || !DECL_NAME(name))
		return NULL_TREE;
	tree original = DECL_ORIGINAL_TYPE(name);
	if (!original || original == error_mark_node || original == type)
		return NULL_TREE;
	return name;
}

bool is_record_code(tree type)
{
	return TREE_CODE(type) == RECORD_TYPE || TREE_CODE(type) == UNION_TYPE;
}

abg_type_kind record_kind(tree type)
{
	return TREE_CODE(type) == UNION_TYPE ? ABG_TYPE_UNION : ABG_TYPE_STRUCT;
}

bool field_offset_bits(tree field, uint64_t *out)
{
	tree bytes = DECL_FIELD_OFFSET(field);
	tree bits = DECL_FIELD_BIT_OFFSET(field);
	if (!bytes || !bits || !tree_fits_uhwi_p(bytes) ||
	    !tree_fits_uhwi_p(bits))
		return false;
	*out = tree_to_uhwi(bytes) * BITS_PER_UNIT + tree_to_uhwi(bits);
	return true;
}

/*
 * A C bit-field keeps its declared type in DECL_BIT_FIELD_TYPE even when
 * layout cleared DECL_BIT_FIELD (a bit-field that happens to fill a whole,
 * aligned integer mode, like `int x : 32`); Clang reports those as
 * bit-fields too.
 */
tree bit_field_type(tree field)
{
	return DECL_BIT_FIELD_TYPE(field);
}

int32_t bit_field_width(tree field)
{
	tree size = DECL_SIZE(field);
	return size && tree_fits_shwi_p(size) ? (int32_t)tree_to_shwi(size) : 0;
}

/* Element count; 0 for GNU zero-length arrays, -1 for [] and VLAs. */
int64_t array_count(tree type)
{
	tree domain = TYPE_DOMAIN(type);
	tree max = domain ? TYPE_MAX_VALUE(domain) : NULL_TREE;
	tree min = domain ? TYPE_MIN_VALUE(domain) : NULL_TREE;
	if (max && TREE_CODE(max) == INTEGER_CST && tree_fits_shwi_p(max)) {
		HOST_WIDE_INT low =
			min && tree_fits_shwi_p(min) ? tree_to_shwi(min) : 0;
		HOST_WIDE_INT count = tree_to_shwi(max) - low + 1;
		return count > 0 ? count : 0;
	}
	if (TYPE_SIZE(type) && integer_zerop(TYPE_SIZE(type)))
		return 0;
	return -1;
}

int64_t enumerator_value(tree value)
{
	if (value && TREE_CODE(value) == CONST_DECL)
		value = DECL_INITIAL(value);
	if (!value || TREE_CODE(value) != INTEGER_CST)
		return 0;
	if (tree_fits_shwi_p(value))
		return tree_to_shwi(value);
	return (int64_t)TREE_INT_CST_LOW(value); /* the bit pattern */
}

/* The standard C name of an unnamed integer type (mode attribute). */
const char *integer_name(tree type)
{
	static const struct {
		tree *node;
		const char *signed_name, *unsigned_name;
	} standard[] = {
		{&char_type_node, "signed char", "unsigned char"},
		{&short_integer_type_node, "short int", "short unsigned int"},
		{&integer_type_node, "int", "unsigned int"},
		{&long_integer_type_node, "long int", "long unsigned int"},
		{&long_long_integer_type_node, "long long int",
		 "long long unsigned int"},
	};
	for (const auto &s : standard)
		if (TYPE_PRECISION(*s.node) == TYPE_PRECISION(type))
			return TYPE_UNSIGNED(type) ? s.unsigned_name
						   : s.signed_name;
	return TYPE_UNSIGNED(type) ? "__int128 unsigned" : "__int128";
}

/* GCC's spelling of a base type's main variant ("long unsigned int"). */
const char *gcc_base_name(tree type, abg_model *model)
{
	tree name = TYPE_NAME(type);
	if (name && TREE_CODE(name) == TYPE_DECL)
		name = DECL_NAME(name);
	if (name && TREE_CODE(name) == IDENTIFIER_NODE)
		return IDENTIFIER_POINTER(name);

	abg_strbuf sb = {};
	const char *element = nullptr;
	if (TREE_CODE(type) == COMPLEX_TYPE || TREE_CODE(type) == VECTOR_TYPE) {
		tree main = TYPE_MAIN_VARIANT(TREE_TYPE(type));
		element = abg_canonical_base_name(gcc_base_name(main, model));
	}
	if (abg_gcc_is_bitint_type(type))
		abg_strbuf_printf(&sb, "%s_BitInt(%u)",
				  TYPE_UNSIGNED(type) ? "unsigned " : "",
				  (unsigned)TYPE_PRECISION(type));
	else if (TREE_CODE(type) == COMPLEX_TYPE)
		abg_strbuf_printf(&sb, "complex %s", element);
	else if (TREE_CODE(type) == VECTOR_TYPE)
		abg_strbuf_printf(&sb, "__vector(%llu) %s",
				  (unsigned long long)size_in_bits(type) / 8,
				  element);
	else if (TREE_CODE(type) == INTEGER_TYPE)
		abg_strbuf_append(&sb, integer_name(type));
	else
		abg_strbuf_append(&sb, get_tree_code_name(TREE_CODE(type)));
	const char *interned = abg_model_intern(model, abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return interned;
}

} // namespace

/* ---- entry points -------------------------------------------------------- */

void type_converter::remember(tree type, abg_type_id id)
{
	cache_.put(type, id);
}

abg_type_id type_converter::convert(tree type)
{
	if (!type || type == error_mark_node)
		return ABG_NO_TYPE;
	if (abg_type_id *cached = cache_.get(type))
		return *cached;
	abg_type_id id = convert_uncached(type);
	remember(type, id);
	return id;
}

abg_type_id type_converter::convert_parameter(tree type)
{
	abg_type_id id = convert(type);
	const abg_type *t = abg_model_type(model_, id);
	return t && t->kind == ABG_TYPE_QUALIFIED ? t->target : id;
}

abg_type_id type_converter::convert_uncached(tree type)
{
	if (tree decl = typedef_decl_of(type))
		return convert_typedef_use(type, decl);
	/* C puts an array's qualifiers on its element type. */
	if (TREE_CODE(type) != ARRAY_TYPE && model_qualifiers(type) &&
	    TYPE_MAIN_VARIANT(type) != type)
		return convert_qualified(type);

	switch (TREE_CODE(type)) {
	case VOID_TYPE:
		return abg_model_void(model_);
	case POINTER_TYPE:
	case REFERENCE_TYPE:
		return abg_model_pointer(model_, convert(TREE_TYPE(type)));
	case ARRAY_TYPE:
		return convert_array(type);
	case FUNCTION_TYPE:
		return convert_function(type);
	case RECORD_TYPE:
	case UNION_TYPE:
		return convert_record(type);
	case ENUMERAL_TYPE:
		return convert_enum(type);
	default:
		return convert_base(type);
	}
}

/* ---- typedefs and qualifiers --------------------------------------------- */

/*
 * `type` is spelled with the typedef `decl`. It is either the typedef's own
 * type, or a variant of it with more qualifiers (const foo_t), or, rarely,
 * with fewer (a parameter of a const-qualified typedef type).
 */
abg_type_id type_converter::convert_typedef_use(tree type, tree decl)
{
	tree named = TREE_TYPE(decl);
	if (named == type || !named || named == error_mark_node)
		return convert_typedef(type, decl);
	unsigned quals = model_qualifiers(type);
	unsigned named_quals = model_qualifiers(named);
	if ((named_quals & ~quals) == 0)
		return abg_model_qualified(model_, convert(named),
					   quals & ~named_quals);
	abg_type_id original = convert_parameter(DECL_ORIGINAL_TYPE(decl));
	return abg_model_qualified(model_, original, quals);
}

abg_type_id type_converter::convert_typedef(tree type, tree decl)
{
	const char *name = IDENTIFIER_POINTER(DECL_NAME(decl));
	abg_type_id id = abg_model_named(model_, ABG_TYPE_TYPEDEF, name);
	remember(type, id); /* before the target: it may refer back */
	abg_type_id target = convert(DECL_ORIGINAL_TYPE(decl));
	abg_location loc = locations_.convert(DECL_SOURCE_LOCATION(decl));
	abg_model_define_typedef(model_, id, target, loc);
	return id;
}

abg_type_id type_converter::convert_qualified(tree type)
{
	abg_type_id base = convert(TYPE_MAIN_VARIANT(type));
	return abg_model_qualified(model_, base, model_qualifiers(type));
}

/* ---- scalars, arrays, functions ------------------------------------------ */

/*
 * The alignment C11's _Alignof gives, which is the one that lays out
 * structs: TYPE_ALIGN is the preferred alignment (8 bytes for double and
 * long long on i386, where the ABI says 4). Clang and libclang report the
 * same, so every front end writes the same summary on every target.
 */
static uint32_t abi_align_bits(tree type)
{
	return min_align_of_type(type) * BITS_PER_UNIT;
}

abg_type_id type_converter::convert_base(tree type)
{
	tree main = TYPE_MAIN_VARIANT(type);
	const char *name = abg_canonical_base_name(gcc_base_name(main, model_));
	bool is_signed = INTEGRAL_TYPE_P(main) && !TYPE_UNSIGNED(main);
	return abg_model_base(model_, name, size_in_bits(main),
			      abi_align_bits(main), is_signed);
}

abg_type_id type_converter::convert_array(tree type)
{
	abg_type_id element = convert(TREE_TYPE(type));
	return abg_model_array(model_, element, array_count(type));
}

/* NULL for the platform's default convention (cdecl; sysv_abi on ELF). */
const char *type_converter::calling_convention(tree function_type)
{
	static const char *const conventions[] = {"ms_abi", "stdcall",
						  "fastcall", "thiscall"};
	tree attributes = TYPE_ATTRIBUTES(function_type);
	if (!attributes)
		return nullptr;
	for (const char *name : conventions)
		if (lookup_attribute(name, attributes))
			return name;
	tree regparm = lookup_attribute("regparm", attributes);
	tree args = regparm ? TREE_VALUE(regparm) : NULL_TREE;
	tree count = args ? TREE_VALUE(args) : NULL_TREE;
	if (!count || TREE_CODE(count) != INTEGER_CST ||
	    !tree_fits_shwi_p(count))
		return nullptr;
	char buf[32];
	snprintf(buf, sizeof buf, "regparm(%d)", (int)tree_to_shwi(count));
	return abg_model_intern(model_, buf);
}

abg_type_id type_converter::convert_function(tree type)
{
	abg_type_id ret = convert(TREE_TYPE(type));
	auto_vec<abg_type_id, 16> params;
	for (tree a = TYPE_ARG_TYPES(type); a && a != void_list_node;
	     a = TREE_CHAIN(a))
		params.safe_push(convert_parameter(TREE_VALUE(a)));
	return abg_model_function(model_, ret, params.address(),
				  params.length(), stdarg_p(type),
				  !prototype_p(type), calling_convention(type));
}

/* ---- structs, unions, enums ---------------------------------------------- */

/*
 * The model name of a struct/union/enum main variant, by the rule of
 * abg_tag_name(); NULL when it has no name at all (an anonymous record).
 */
const char *type_converter::aggregate_name(tree main)
{
	abg_type_kind kind = TREE_CODE(main) == ENUMERAL_TYPE
				     ? ABG_TYPE_ENUM
				     : record_kind(main);
	tree name = TYPE_NAME(main);
	if (name && TREE_CODE(name) == IDENTIFIER_NODE)
		return abg_tag_name(model_, kind, IDENTIFIER_POINTER(name),
				    nullptr, nullptr);
	/* GCC's own records (struct __va_list_tag) are named by a TYPE_DECL;
	 * Clang declares them with a tag. */
	if (name && TREE_CODE(name) == TYPE_DECL && DECL_NAME(name) &&
	    abg_gcc_is_builtin_decl(name))
		return abg_tag_name(model_, kind,
				    IDENTIFIER_POINTER(DECL_NAME(name)),
				    nullptr, nullptr);

	tree typedef_name = NULL_TREE;
	if (name && TREE_CODE(name) == TYPE_DECL && DECL_NAME(name))
		typedef_name = DECL_NAME(name);
	else if (tree *decl = anonymous_names_.get(main))
		typedef_name = DECL_NAME(*decl);
	tree first = TREE_CODE(main) == ENUMERAL_TYPE && TYPE_VALUES(main)
			     ? TREE_PURPOSE(TYPE_VALUES(main))
			     : NULL_TREE;
	auto spelling = [](tree id) {
		return id && TREE_CODE(id) == IDENTIFIER_NODE
			       ? IDENTIFIER_POINTER(id)
			       : nullptr;
	};
	return abg_tag_name(model_, kind, nullptr, spelling(typedef_name),
			    spelling(first));
}

/* A member's type that is a struct/union with no tag and no typedef. */
bool type_converter::is_anonymous_record(tree type)
{
	return is_record_code(type) && !typedef_decl_of(type) &&
	       !aggregate_name(TYPE_MAIN_VARIANT(type));
}

/* The type of a member whose type is a tagless, unnamed struct/union. */
abg_type_id type_converter::anonymous_member_type(tree type)
{
	tree main = TYPE_MAIN_VARIANT(type);
	uint64_t size = size_in_bits(main);
	abg_type_id id = abg_model_anonymous_record(model_, record_kind(main),
						    size, TYPE_ALIGN(main));
	return abg_model_qualified(model_, id, model_qualifiers(type));
}

abg_type_id type_converter::convert_record(tree type)
{
	tree main = TYPE_MAIN_VARIANT(type);
	const char *name = aggregate_name(main);
	if (!name)
		return anonymous_member_type(type);
	abg_type_id id = abg_model_named(model_, record_kind(main), name);
	remember(type, id); /* before the fields: they may point back */
	remember(main, id);
	abg_model_annotate(model_, id,
			   abg_gcc_type_annotations({model_, locations_}, main,
						    definition_location(main)));
	if (has_constant_size(main))
		define_record(id, main);
	return id;
}

void type_converter::mark_if_private(abg_type_id id, location_t definition)
{
	if (locations_.is_private(definition))
		abg_model_mark_private(model_, id);
}

void type_converter::define_record(abg_type_id id, tree record)
{
	location_t loc = definition_location(record);
	if (!abg_model_define_record(model_, id, size_in_bits(record),
				     TYPE_ALIGN(record), TYPE_PACKED(record),
				     locations_.convert(loc)))
		return; /* the first definition seen wins */
	mark_if_private(id, loc);
	add_fields(id, record, 0, "");
}

/* The walk over the fields; names, offsets and flattening are the core's
 * (abg_fields_*). */
void type_converter::add_fields(abg_type_id record_id, tree record,
				uint64_t base_bits, const char *prefix)
{
	const abg_fields into = {model_, record_id, base_bits, prefix};
	for (tree f = TYPE_FIELDS(record); f; f = DECL_CHAIN(f)) {
		uint64_t offset;
		if (TREE_CODE(f) != FIELD_DECL ||
		    TREE_TYPE(f) == error_mark_node ||
		    !field_offset_bits(f, &offset))
			continue;
		const char *name = DECL_NAME(f)
					   ? IDENTIFIER_POINTER(DECL_NAME(f))
					   : nullptr;
		tree declared = bit_field_type(f);
		tree type = declared ? declared : TREE_TYPE(f);
		if (!declared && is_anonymous_record(type)) {
			abg_fields inner =
				abg_fields_enter(&into, name, offset,
						 anonymous_member_type(type));
			add_fields(record_id, TYPE_MAIN_VARIANT(type),
				   inner.base_bits, inner.prefix);
			continue;
		}
		abg_fields_add(&into, name, offset,
			       declared ? bit_field_width(f) : -1,
			       convert(type));
		if (abg_gcc_field_reserved({model_, locations_}, f,
					   definition_location(record)))
			abg_model_mark_last_field_reserved(model_, record_id);
	}
}

abg_type_id type_converter::convert_enum(tree type)
{
	tree main = TYPE_MAIN_VARIANT(type);
	const char *name = aggregate_name(main);
	abg_type_id id = abg_model_named(model_, ABG_TYPE_ENUM, name);
	remember(type, id);
	remember(main, id);
	location_t loc = definition_location(main);
	abg_model_annotate(
		model_, id,
		abg_gcc_type_annotations({model_, locations_}, main, loc));
	if (!has_constant_size(main))
		return id;
	if (!abg_model_define_enum(model_, id, size_in_bits(main),
				   abi_align_bits(main), !TYPE_UNSIGNED(main),
				   locations_.convert(loc)))
		return id;
	mark_if_private(id, loc);
	add_enumerators(id, main);
	return id;
}

void type_converter::add_enumerators(abg_type_id id, tree enumeration)
{
	for (tree v = TYPE_VALUES(enumeration); v; v = TREE_CHAIN(v)) {
		tree name = TREE_PURPOSE(v);
		if (!name || TREE_CODE(name) != IDENTIFIER_NODE)
			continue;
		abg_model_add_enumerator(model_, id, IDENTIFIER_POINTER(name),
					 enumerator_value(TREE_VALUE(v)));
	}
}
