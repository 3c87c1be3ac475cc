/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The change catalog (abiguard/changes.h). Ids are part of the interface:
 * they appear in notes, JSON, SARIF, the severity option and the docs, so
 * a kind is renamed never, and added at its place in the list.
 */
#include "abiguard/changes.h"

#include <string.h>

#define B ABG_CLASS_BINARY
#define S ABG_CLASS_SOURCE

static const struct abg_change_kind_info catalog[ABG_NCHANGE_KINDS] = {
	[ABG_CHANGE_RETURN_TYPE] =
		{"return-type-changed", B,
		 "A function's return type changed (also to or from void).",
		 "Callers read the result from where the old type lives: "
		 "another register, a different width, or memory the caller "
		 "no longer provides for a returned struct.",
		 "int f(void); -> long f(void);"},
	[ABG_CHANGE_PARAM_TYPE] =
		{"param-type-changed", B,
		 "A parameter's type (or size) changed.",
		 "Callers pass the argument in the old register class and "
		 "width; the function reads it as the new type.",
		 "void f(int x); -> void f(long x);"},
	[ABG_CHANGE_PARAM_ADDED] =
		{"param-added", B,
		 "A parameter was added after the existing ones.",
		 "Old callers do not pass it: the function reads whatever is "
		 "left in the register or stack slot.",
		 "void f(int a); -> void f(int a, int b);"},
	[ABG_CHANGE_PARAM_INSERTED] =
		{"param-inserted", B,
		 "A parameter was inserted before existing ones.",
		 "Every argument after it arrives in the wrong place.",
		 "void f(int a, char *s); -> void f(int a, int n, char *s);"},
	[ABG_CHANGE_PARAM_REMOVED] =
		{"param-removed", B, "A parameter was removed.",
		 "Old callers still pass it; the function takes the "
		 "arguments after it from the wrong places.",
		 "void f(int a, int b); -> void f(int a);"},
	[ABG_CHANGE_PARAM_REORDERED] =
		{"param-reordered", B,
		 "The parameters are the same types in another order.",
		 "Old callers pass them in the old order; the function reads "
		 "each one as another.",
		 "void f(int a, char *s); -> void f(char *s, int a);"},
	[ABG_CHANGE_POINTER_LEVEL] =
		{"pointer-level-changed", B,
		 "A parameter or return type gained or lost a level of "
		 "indirection.",
		 "A value is read as an address, or an address as a value: "
		 "the first access crashes or corrupts memory.",
		 "void f(int *p); -> void f(int **p);"},
	[ABG_CHANGE_QUALIFIER] =
		{"qualifier-changed", S,
		 "const, volatile or restrict changed on a pointee (of a "
		 "parameter, return type or field).",
		 "The machine code is the same; code compiled again gets new "
		 "warnings or errors (dropping const from a returned pointee, "
		 "adding restrict to overlapping arguments).",
		 "void f(char *s); -> void f(const char *s);"},
	[ABG_CHANGE_VARIADIC] =
		{"variadic-changed", B,
		 "A function became variadic, or stopped being variadic.",
		 "Variadic calls pass arguments differently (x86-64: %al "
		 "holds the vector register count; other targets pass them "
		 "on the stack).",
		 "int f(const char *s); -> int f(const char *s, ...);"},
	[ABG_CHANGE_CALLCONV] =
		{"calling-convention-changed", B,
		 "A calling-convention attribute changed (ms_abi, sysv_abi, "
		 "regparm, stdcall ...).",
		 "Callers put arguments and expect results in the places the "
		 "old convention uses.",
		 "void f(int); -> __attribute__((ms_abi)) void f(int);"},
	[ABG_CHANGE_CALLBACK] =
		{"callback-signature-changed", B,
		 "The signature of a function-pointer type changed (a "
		 "callback parameter, field or typedef).",
		 "Programs pass or store functions written for the old "
		 "signature; the library calls them with the new one.",
		 "typedef void (*cb_t)(int); -> typedef void (*cb_t)(long);"},
	[ABG_CHANGE_VARIABLE_TYPE] =
		{"variable-type-changed", B,
		 "An exported variable's type changed.",
		 "Programs read and write the variable as the old type.",
		 "extern int v; -> extern long v;"},
	[ABG_CHANGE_VARIABLE_SIZE] =
		{"variable-size-changed", B,
		 "An exported variable's size changed with no change of its "
		 "declared type (an array of unknown bound, say).",
		 "Executables hold copy relocations of the old size: a bigger "
		 "variable is truncated.",
		 "int tbl[4] = {...}; -> int tbl[8] = {...}; "
		 "(declared extern int tbl[];)"},
	[ABG_CHANGE_VARIABLE_CONST] =
		{"variable-const-changed", B,
		 "An exported variable became const, or stopped being const.",
		 "A const variable lives in read-only memory: programs that "
		 "write it crash; code may have folded its old value.",
		 "extern int v; -> extern const int v;"},
	[ABG_CHANGE_SIZE] =
		{"struct-size-changed", B, "A struct or union changed size.",
		 "Callers allocate, copy and embed it with the old size.",
		 "struct s { int a; }; -> struct s { long a; };"},
	[ABG_CHANGE_ALIGN] =
		{"struct-alignment-changed", B,
		 "A struct or union changed alignment.",
		 "Structs that embed it, arrays of it and stack copies lay it "
		 "out at the old alignment.",
		 "struct s { int a; }; -> "
		 "struct s { int a; } __attribute__((aligned(16)));"},
	[ABG_CHANGE_PACKED] =
		{"packed-changed", B,
		 "A struct became packed, or stopped being packed.",
		 "Field offsets and the struct's size and alignment follow; "
		 "code that reads it at the old offsets misreads it.",
		 "struct s { char c; int i; }; -> "
		 "struct __attribute__((packed)) s { char c; int i; };"},
	[ABG_CHANGE_OPACITY] =
		{"type-became-opaque", B,
		 "A type that public headers defined is now only declared.",
		 "Programs built against the definition allocate, embed and "
		 "read it; the library may now change it at will.",
		 "struct s { int a; }; -> struct s;"},
	[ABG_CHANGE_DEFINED] =
		{"type-became-defined", S,
		 "A type that public headers only declared is now defined "
		 "there.",
		 "Built programs never saw inside it, so they are fine; but "
		 "from now on callers may allocate, embed and read it, and "
		 "its layout is part of the ABI.",
		 "struct s; -> struct s { int a; };"},
	[ABG_CHANGE_RECORD_KIND] =
		{"struct-became-union", B,
		 "A struct became a union, or a union a struct.",
		 "Its members now overlap (or no longer do): every offset but "
		 "the first changes, and usually the size.",
		 "struct s { int a; int b; }; -> union s { int a; int b; };"},
	[ABG_CHANGE_FIELD_APPENDED] =
		{"field-appended", B,
		 "A field was added after the existing ones.",
		 "Callers that allocate, copy or embed the struct do not "
		 "know the new field; the library reads it uninitialised or "
		 "writes past their object.",
		 "struct s { int a; }; -> struct s { int a; int b; };"},
	[ABG_CHANGE_FIELD_INSERTED] =
		{"field-inserted", B,
		 "A field was inserted before existing fields.",
		 "The fields after it move; old programs read them at the "
		 "old offsets.",
		 "struct s { int a; int b; }; -> "
		 "struct s { int a; int x; int b; };"},
	[ABG_CHANGE_FIELD_REMOVED] =
		{"field-removed", B, "A field was removed.",
		 "Old programs still read and write it, over whatever is "
		 "there now.",
		 "struct s { int a; int b; }; -> struct s { int a; };"},
	[ABG_CHANGE_FIELD_MOVED] =
		{"field-moved", B,
		 "A field kept its name but moved to another offset.",
		 "Old programs read and write it at the old offset.",
		 "struct s { int a; int b; }; -> struct s { int b; int a; };"},
	[ABG_CHANGE_FIELD_RENAMED] =
		{"field-renamed", S,
		 "A field was renamed; its offset, size and type stay.",
		 "The layout is the same, so built programs are fine; code "
		 "that names the old field no longer compiles.",
		 "struct s { int len; }; -> struct s { int size; };"},
	[ABG_CHANGE_FIELD_TYPE] =
		{"field-type-changed", B, "A field's type changed.",
		 "Old programs read and write the field as the old type.",
		 "struct s { int a; long b; }; -> "
		 "struct s { int a; double b; };"},
	[ABG_CHANGE_FIELD_BITS] =
		{"bitfield-changed", B,
		 "A bit-field changed width, or became or stopped being a "
		 "bit-field.",
		 "Old programs mask and shift the old bits.",
		 "struct s { unsigned f : 3; }; -> "
		 "struct s { unsigned f : 4; };"},
	[ABG_CHANGE_FLEXIBLE_ARRAY] =
		{"flexible-array-changed", B,
		 "A flexible array member appeared, disappeared, or changed "
		 "its element type.",
		 "Callers size their allocations from the old header and "
		 "element size.",
		 "struct s { int n; int v[]; }; -> "
		 "struct s { int n; long v[]; };"},
	[ABG_CHANGE_ARRAY_BOUND] =
		{"array-bound-changed", B,
		 "An array field (or exported array) changed its bound.",
		 "Everything after the array moves and the size changes; "
		 "old programs index it with the old bound.",
		 "struct s { char name[16]; }; -> "
		 "struct s { char name[32]; };"},
	[ABG_CHANGE_ENUMERATOR_VALUE] =
		{"enumerator-value-changed", B,
		 "An enumerator changed its value.",
		 "Its value is compiled into programs: they pass and compare "
		 "the old number, which now means something else.",
		 "enum e { A, B }; -> enum e { A, X, B };"},
	[ABG_CHANGE_ENUMERATOR_REMOVED] =
		{"enumerator-removed", B, "An enumerator was removed.",
		 "Programs still pass its value, which the library no longer "
		 "knows.",
		 "enum e { A, B, C }; -> enum e { A, B };"},
	[ABG_CHANGE_ENUMERATOR_RENAMED] =
		{"enumerator-renamed", S,
		 "An enumerator was renamed; its value and place stay.",
		 "Built programs are fine; code that names the old "
		 "enumerator no longer compiles.",
		 "enum e { A, B }; -> enum e { A, B2 };"},
	[ABG_CHANGE_ENUMERATOR_APPENDED] =
		{"enumerator-appended", S,
		 "An enumerator was added with a new value (the enum has no "
		 "sentinel).",
		 "Built programs are fine until the library returns the new "
		 "value: switch statements and range checks compiled earlier "
		 "do not know it.",
		 "enum e { A, B }; -> enum e { A, B, C };"},
	[ABG_CHANGE_SENTINEL_MOVED] =
		{"sentinel-moved", S,
		 "A sentinel enumerator (*_LAST, *_MAX, *_COUNT, *_NUM, "
		 "*_END) changed its value, usually because enumerators were "
		 "added before it.",
		 "Programs that sized arrays or loops with the old sentinel "
		 "keep the old count: they are fine until they meet a new "
		 "value.",
		 "enum e { A, B, E_LAST }; -> enum e { A, B, C, E_LAST };"},
	[ABG_CHANGE_ENUM_SIZE] =
		{"enum-size-changed", B,
		 "An enum's underlying type changed size or signedness.",
		 "Fields and parameters of the enum type change width, and "
		 "values are extended and compared as the old type by code "
		 "built against it.",
		 "enum e { A = 1 }; -> "
		 "enum __attribute__((packed)) e { A = 1 };"},
	[ABG_CHANGE_ENUM_INTEGER] =
		{"enum-integer-changed", S,
		 "A return type, parameter, field, variable or typedef "
		 "changed from an integer type to an enum with the same "
		 "size and signedness as its underlying type, or back.",
		 "The enum is compatible with its underlying integer type "
		 "(C11 6.7.2.2): it is passed, returned and stored alike, so "
		 "built programs are fine; code compiled again may get new "
		 "warnings (implicit conversions, switch coverage). An enum "
		 "of another size or signedness is a binary change of its "
		 "own kind.",
		 "unsigned int f(void); -> "
		 "enum code { OK = 0, BAD = 5 } f(void);"},
	[ABG_CHANGE_TYPEDEF_TARGET] =
		{"typedef-target-changed", B,
		 "A typedef now names another type (of another ABI).",
		 "Every declaration spelled with the typedef changes type.",
		 "typedef int id_t; -> typedef long id_t;"},
	[ABG_CHANGE_ANNOTATION_REMOVED] =
		{"annotation-removed", B,
		 "A released type lost an abiguard.h annotation "
		 "(ABIGUARD_OPAQUE, ABIGUARD_GROWABLE or "
		 "ABIGUARD_APPEND_ONLY).",
		 "The baseline judged the type by that promise: its callers "
		 "were told they may not embed, allocate or copy it, or "
		 "switch over every value. Without the annotation the rules "
		 "that the promise relaxed apply again, and a release made "
		 "under it can no longer be told from one that broke it. "
		 "Usually the header stopped including abiguard.h, or the "
		 "macro was dropped by accident.",
		 "struct ABIGUARD_GROWABLE s { int a; }; -> "
		 "struct s { int a; };"},
	[ABG_CHANGE_ANNOTATION_ADDED] =
		{"annotation-added", B,
		 "A released type whose layout callers could see gained "
		 "ABIGUARD_OPAQUE, ABIGUARD_GROWABLE or ABIGUARD_APPEND_ONLY.",
		 "Programs built against the release may already embed, "
		 "allocate or copy the type, or size arrays with the enum's "
		 "values: the promise comes too late for them, and the "
		 "changes it would allow break them.",
		 "struct s { int a; }; -> struct ABIGUARD_OPAQUE s { int a; };"},
};

#undef B
#undef S

const struct abg_change_kind_info *abg_change_info(enum abg_change_kind kind)
{
	if (kind <= ABG_CHANGE_NONE || kind >= ABG_NCHANGE_KINDS ||
	    !catalog[kind].id)
		return NULL;
	return &catalog[kind];
}

enum abg_change_kind abg_change_find(const char *id)
{
	for (int k = ABG_CHANGE_NONE + 1; k < ABG_NCHANGE_KINDS; k++)
		if (catalog[k].id && strcmp(catalog[k].id, id) == 0)
			return (enum abg_change_kind)k;
	return ABG_CHANGE_NONE;
}

const char *abg_change_class_name(enum abg_change_class cls)
{
	return cls == ABG_CLASS_SOURCE ? "source-only" : "binary";
}
