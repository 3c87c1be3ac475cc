// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Clang types -> abiguard model types, by the rules of
 * gcc-plugin/convert_types.cc. Clang keeps sugar that GCC has no node for
 * (elaborated `struct foo`, parentheses, attributes, typeof, the decayed
 * type of an array parameter) and its own builtin typedefs
 * (__builtin_va_list); all of it is looked through, except the typedefs the
 * user wrote. Where GCC's C front end changes a type, this file does the
 * same, so that the summaries agree byte for byte:
 *   - a function's return type loses its qualifiers, and a typedef name
 *     that carries a qualifier itself (`typedef const int cint;`) with them;
 *   - parameters lose a top-level qualifier written on them, not one
 *     inside a typedef;
 *   - qualifiers of an array type belong to its elements: a qualifier
 *     applied to an array typedef (`const arr_t`) is not recorded.
 */
#include "abiguard_clang.h"
#include "abiguard/frontend.h"

#include "clang/AST/Attr.h"
#include "clang/AST/RecordLayout.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

using namespace clang;

namespace abiguard_clang {

namespace {

unsigned model_qualifiers(Qualifiers quals)
{
	unsigned out = 0;
	if (quals.hasConst())
		out |= ABG_QUAL_CONST;
	if (quals.hasVolatile())
		out |= ABG_QUAL_VOLATILE;
	if (quals.hasRestrict())
		out |= ABG_QUAL_RESTRICT;
	return out;
}

/* Every qualifier of the type, including those inside typedefs; none for
 * arrays (see the file comment). */
unsigned full_qualifiers(QualType type)
{
	if (type->isArrayType())
		return 0;
	return model_qualifiers(type.getCanonicalType().getQualifiers());
}

/* A typedef the user wrote, not one Clang declares itself. */
const TypedefNameDecl *written_typedef(QualType type)
{
	const auto *t = dyn_cast<TypedefType>(type.getTypePtr());
	if (!t || t->getDecl()->isImplicit())
		return nullptr;
	return t->getDecl();
}

abg_type_kind record_kind(const RecordDecl *record)
{
	return record->isUnion() ? ABG_TYPE_UNION : ABG_TYPE_STRUCT;
}

/* Element count; 0 for GNU zero-length arrays, -1 for [] and VLAs. */
int64_t array_count(const ArrayType *type)
{
	if (const auto *constant = dyn_cast<ConstantArrayType>(type))
		return (int64_t)constant->getSize().getZExtValue();
	return -1;
}

/* The value, or for values of an unsigned type its bit pattern. Clang
 * keeps each value in int when it fits (C11 6.7.2.2p3), else in the
 * enumeration's own type, so the value's own signedness is the right one. */
int64_t enumerator_value(const EnumConstantDecl *e)
{
	const llvm::APSInt &v = e->getInitVal();
	if (v.getBitWidth() > 64)
		return (int64_t)v.getLoBits(64).getZExtValue();
	return v.isSigned() ? v.getSExtValue() : (int64_t)v.getZExtValue();
}

/* Where GCC places an enumeration: at its tag, or, without one, at the
 * '{' that follows `enum` (a tagless struct sits at its keyword in both
 * compilers). */
SourceLocation enum_location(const EnumDecl *def)
{
	if (!def->getIdentifier() && def->getBraceRange().getBegin().isValid())
		return def->getBraceRange().getBegin();
	return def->getLocation();
}

const char *intern(abg_model *model, StringRef s)
{
	return abg_model_intern_n(model, s.data(), s.size());
}

/* An identifier's name, NUL-terminated where Clang keeps it; "" for none. */
const char *name_of(const IdentifierInfo *id)
{
	return id ? id->getNameStart() : "";
}

} // namespace

/* ---- entry points -------------------------------------------------------- */

void type_converter::remember(QualType type, abg_type_id id)
{
	cache_[type.getAsOpaquePtr()] = id;
}

abg_type_id type_converter::convert(QualType type)
{
	if (type.isNull())
		return ABG_NO_TYPE;
	auto cached = cache_.find(type.getAsOpaquePtr());
	if (cached != cache_.end())
		return cached->second;
	abg_type_id id = convert_uncached(type);
	remember(type, id);
	return id;
}

abg_type_id type_converter::convert_unqualified(QualType type)
{
	abg_type_id id = convert(type);
	const abg_type *t = abg_model_type(model_, id);
	return t && t->kind == ABG_TYPE_QUALIFIED ? t->target : id;
}

abg_type_id type_converter::convert_uncached(QualType type)
{
	if (const TypedefNameDecl *decl = written_typedef(type))
		return convert_typedef_use(type, decl);
	/* Sugar GCC has no node for: elaborated, paren, attributed, typeof,
	 * decayed parameter types, Clang's implicit typedefs. The local
	 * qualifiers travel along. */
	QualType desugared = type.getSingleStepDesugaredType(ctx_);
	if (desugared != type)
		return convert(desugared);

	const Type *t = type.getTypePtr();
	unsigned quals = full_qualifiers(type);
	if (quals)
		return abg_model_qualified(
			model_, convert(type.getLocalUnqualifiedType()), quals);

	switch (t->getTypeClass()) {
	case Type::Builtin:
		if (t->isVoidType())
			return abg_model_void(model_);
		return convert_base(t);
	case Type::Pointer:
		return abg_model_pointer(
			model_,
			convert(cast<PointerType>(t)->getPointeeType()));
	case Type::BlockPointer:
		return abg_model_pointer(
			model_,
			convert(cast<BlockPointerType>(t)->getPointeeType()));
	case Type::ConstantArray:
	case Type::IncompleteArray:
	case Type::VariableArray:
	case Type::DependentSizedArray:
		return convert_array(cast<ArrayType>(t));
	case Type::FunctionProto:
	case Type::FunctionNoProto:
		return convert_function(cast<FunctionType>(t));
	case Type::Record:
		return convert_record(type, cast<RecordType>(t));
	case Type::Enum:
		return convert_enum(type, cast<EnumType>(t));
	case Type::Atomic:
		/* GCC keeps _Atomic as a variant of the plain type. */
		return convert(cast<AtomicType>(t)->getValueType());
	default:
		return convert_base(t);
	}
}

/* ---- typedefs ------------------------------------------------------------ */

/*
 * `type` is spelled with the typedef `decl`, maybe with more qualifiers
 * (const foo_t). As in GCC, qualifiers the typedef already carries are not
 * repeated.
 */
abg_type_id type_converter::convert_typedef_use(QualType type,
						const TypedefNameDecl *decl)
{
	QualType named = ctx_.getTypedefType(decl);
	unsigned quals = full_qualifiers(type);
	unsigned named_quals = full_qualifiers(named);
	abg_type_id id = convert_typedef(named, decl);
	return abg_model_qualified(model_, id, quals & ~named_quals);
}

abg_type_id type_converter::convert_typedef(QualType named,
					    const TypedefNameDecl *decl)
{
	auto cached = cache_.find(named.getAsOpaquePtr());
	if (cached != cache_.end())
		return cached->second;
	abg_type_id id = abg_model_named(model_, ABG_TYPE_TYPEDEF,
					 name_of(decl->getIdentifier()));
	remember(named, id); /* before the target: it may refer back */
	abg_type_id target = convert(decl->getUnderlyingType());
	abg_model_define_typedef(model_, id, target,
				 locations_.convert(decl->getLocation()));
	return id;
}

/* ---- scalars, arrays, functions ------------------------------------------ */

/* GCC's spelling, before abg_canonical_base_name() maps it. */
const char *type_converter::base_name(const Type *t)
{
	PrintingPolicy policy(ctx_.getLangOpts());
	if (const auto *b = dyn_cast<BuiltinType>(t))
		return intern(model_, b->getName(policy));
	if (const auto *c = dyn_cast<ComplexType>(t)) {
		std::string element = abg_canonical_base_name(base_name(
			c->getElementType().getCanonicalType().getTypePtr()));
		return intern(model_, "complex " + element);
	}
	if (const auto *v = dyn_cast<VectorType>(t)) {
		std::string element = abg_canonical_base_name(base_name(
			v->getElementType().getCanonicalType().getTypePtr()));
		uint64_t bytes = ctx_.getTypeSize(t) / 8;
		return intern(model_, "__vector(" + std::to_string(bytes) +
					      ") " + element);
	}
	if (const auto *b = dyn_cast<BitIntType>(t))
		return intern(model_,
			      std::string(b->isUnsigned() ? "unsigned " : "") +
				      "_BitInt(" +
				      std::to_string(b->getNumBits()) + ")");
	return intern(model_, QualType(t, 0).getAsString(policy));
}

abg_type_id type_converter::convert_base(const Type *t)
{
	QualType type(t, 0);
	const char *name = abg_canonical_base_name(base_name(t));
	uint64_t size = t->isIncompleteType() ? 0 : ctx_.getTypeSize(type);
	/* _Alignof's alignment, as the other front ends report (not the
	 * preferred one: 8 bytes for double on i386, where the ABI says 4). */
	uint32_t align =
		t->isIncompleteType() ? 0 : (uint32_t)ctx_.getTypeAlign(t);
	return abg_model_base(model_, name, size, align,
			      t->isSignedIntegerType());
}

abg_type_id type_converter::convert_array(const ArrayType *type)
{
	abg_type_id element = convert(type->getElementType());
	return abg_model_array(model_, element, array_count(type));
}

/* NULL for the platform's default convention; the names GCC uses. */
const char *type_converter::calling_convention(const FunctionType *type)
{
	switch (type->getCallConv()) {
	case CC_Win64:
		return "ms_abi";
	case CC_X86StdCall:
		return "stdcall";
	case CC_X86FastCall:
		return "fastcall";
	case CC_X86ThisCall:
		return "thiscall";
	default:
		break;
	}
	if (!type->getHasRegParm())
		return nullptr;
	return intern(model_, "regparm(" +
				      std::to_string(type->getRegParmType()) +
				      ")");
}

/*
 * GCC's C front end drops the qualifiers of a return type; when they come
 * from a typedef, the typedef name goes with them (`cint f(void)` returns
 * int), while a typedef without qualifiers of its own stays (`const foo_t
 * f(void)` returns foo_t).
 */
static QualType unqualified_return(QualType type, ASTContext &ctx)
{
	for (;;) {
		const auto *t = dyn_cast<TypedefType>(type.getTypePtr());
		if (t && !t->getDecl()->isImplicit()) {
			QualType named = ctx.getTypedefType(t->getDecl());
			if (!full_qualifiers(named))
				return named;
			type = t->getDecl()->getUnderlyingType();
			continue;
		}
		QualType desugared = type.getSingleStepDesugaredType(ctx);
		if (desugared == type)
			return type.getLocalUnqualifiedType();
		type = desugared;
	}
}

abg_type_id type_converter::convert_function(const FunctionType *type)
{
	abg_type_id ret =
		convert(unqualified_return(type->getReturnType(), ctx_));
	llvm::SmallVector<abg_type_id, 8> params;
	bool variadic = false;
	const auto *proto = dyn_cast<FunctionProtoType>(type);
	if (proto) {
		params.reserve(proto->getNumParams());
		for (QualType p : proto->getParamTypes())
			params.push_back(convert_unqualified(p));
		variadic = proto->isVariadic();
	}
	return abg_model_function(model_, ret, params.data(),
				  (uint32_t)params.size(), variadic, !proto,
				  calling_convention(type));
}

/* ---- structs, unions, enums ---------------------------------------------- */

/*
 * The model name of a struct/union/enum, by the rule of abg_tag_name();
 * NULL when it has no name at all (an anonymous record).
 */
const char *type_converter::aggregate_name(const TagDecl *tag)
{
	abg_type_kind kind = isa<EnumDecl>(tag)
				     ? ABG_TYPE_ENUM
				     : record_kind(cast<RecordDecl>(tag));
	const char *typedef_name = "", *first = "";
	const TagDecl *canonical = cast<TagDecl>(tag->getCanonicalDecl());
	auto named = names_.find(canonical);
	if (named != names_.end())
		typedef_name = name_of(named->second->getIdentifier());
	if (const auto *e = dyn_cast<EnumDecl>(tag)) {
		const EnumDecl *def = e->getDefinition();
		if (def && def->enumerator_begin() != def->enumerator_end())
			first = name_of(
				def->enumerator_begin()->getIdentifier());
	}
	return abg_tag_name(model_, kind, name_of(tag->getIdentifier()),
			    typedef_name, first);
}

/* The record a member's type names when it is a struct/union with no tag
 * and no typedef, else NULL. */
const RecordType *type_converter::anonymous_record(QualType type)
{
	for (;;) {
		if (written_typedef(type))
			return nullptr;
		QualType desugared = type.getSingleStepDesugaredType(ctx_);
		if (desugared == type)
			break;
		type = desugared;
	}
	const auto *record = dyn_cast<RecordType>(type.getTypePtr());
	if (!record || aggregate_name(record->getDecl()))
		return nullptr;
	return record;
}

abg_type_id type_converter::anonymous_member_type(QualType type,
						  const RecordType *record)
{
	const RecordDecl *def = record->getDecl()->getDefinition();
	uint64_t size = 0;
	uint32_t align = 0;
	if (def && !def->isInvalidDecl()) {
		const ASTRecordLayout &layout = ctx_.getASTRecordLayout(def);
		size = (uint64_t)ctx_.toBits(layout.getSize());
		align = (uint32_t)ctx_.toBits(layout.getAlignment());
	}
	abg_type_id id = abg_model_anonymous_record(
		model_, record_kind(record->getDecl()), size, align);
	return abg_model_qualified(model_, id, full_qualifiers(type));
}

abg_type_id type_converter::convert_record(QualType type,
					   const RecordType *record)
{
	const RecordDecl *decl = record->getDecl();
	const char *name = aggregate_name(decl);
	if (!name)
		return anonymous_member_type(type, record);
	abg_type_id id = abg_model_named(model_, record_kind(decl), name);
	remember(type, id); /* before the fields: they may point back */
	abg_model_annotate(model_, id,
			   type_annotations({model_, locations_}, decl));
	const RecordDecl *def = decl->getDefinition();
	if (def && !def->isInvalidDecl())
		define_record(id, def);
	return id;
}

void type_converter::mark_if_private(abg_type_id id, SourceLocation definition)
{
	if (locations_.is_private(definition))
		abg_model_mark_private(model_, id);
}

void type_converter::define_record(abg_type_id id, const RecordDecl *record)
{
	const ASTRecordLayout &layout = ctx_.getASTRecordLayout(record);
	if (!abg_model_define_record(
		    model_, id, (uint64_t)ctx_.toBits(layout.getSize()),
		    (uint32_t)ctx_.toBits(layout.getAlignment()),
		    record->hasAttr<PackedAttr>(),
		    locations_.convert(record->getLocation())))
		return; /* the first definition seen wins */
	mark_if_private(id, record->getLocation());
	add_fields(id, record, 0, "");
}

/* The walk over the fields; names, offsets and flattening are the core's
 * (abg_fields_*). */
void type_converter::add_fields(abg_type_id record_id, const RecordDecl *record,
				uint64_t base_bits, const char *prefix)
{
	const abg_fields into = {model_, record_id, base_bits, prefix};
	const ASTRecordLayout &layout = ctx_.getASTRecordLayout(record);
	unsigned index = 0;
	for (const FieldDecl *f : record->fields()) {
		uint64_t offset = layout.getFieldOffset(index++);
		if (f->isInvalidDecl())
			continue;
		const char *name = name_of(f->getIdentifier());
		QualType type = f->getType();

		const RecordType *anonymous =
			f->isBitField() ? nullptr : anonymous_record(type);
		const RecordDecl *inner =
			anonymous ? anonymous->getDecl()->getDefinition()
				  : nullptr;
		if (inner && !inner->isInvalidDecl()) {
			abg_fields member = abg_fields_enter(
				&into, name, offset,
				anonymous_member_type(type, anonymous));
			add_fields(record_id, inner, member.base_bits,
				   member.prefix);
			continue;
		}
		int32_t width = f->isBitField()
					? (int32_t)f->getBitWidthValue(ctx_)
					: -1;
		abg_fields_add(&into, name, offset, width, convert(type));
		if (field_reserved({model_, locations_}, f))
			abg_model_mark_last_field_reserved(model_, record_id);
	}
}

abg_type_id type_converter::convert_enum(QualType type,
					 const EnumType *enumeration)
{
	const EnumDecl *decl = enumeration->getDecl();
	const char *name = aggregate_name(decl);
	abg_type_id id = abg_model_named(model_, ABG_TYPE_ENUM, name);
	remember(type, id);
	abg_model_annotate(model_, id,
			   type_annotations({model_, locations_}, decl));
	const EnumDecl *def = decl->getDefinition();
	if (!def || !def->isComplete() || def->isInvalidDecl())
		return id;
	QualType plain(enumeration, 0);
	bool is_signed = def->getIntegerType()->isSignedIntegerType();
	SourceLocation where = enum_location(def);
	if (!abg_model_define_enum(model_, id, ctx_.getTypeSize(plain),
				   (uint32_t)ctx_.getTypeAlign(enumeration),
				   is_signed, locations_.convert(where)))
		return id;
	mark_if_private(id, where);
	add_enumerators(id, def);
	return id;
}

void type_converter::add_enumerators(abg_type_id id, const EnumDecl *def)
{
	for (const EnumConstantDecl *e : def->enumerators())
		abg_model_add_enumerator(model_, id,
					 intern(model_, e->getName()),
					 enumerator_value(e));
}

} // namespace abiguard_clang
