/* SPDX-License-Identifier: MIT */
/*
 * abiguard.h: what a library promises about its ABI, in its own headers.
 *
 * Every macro expands to nothing unless the compile runs with the abiguard
 * plugin (or `abiguard lint` or the clang-tidy module), which defines
 * __ABIGUARD__. A library can therefore include this header, or copy it
 * into its tree, and build with any compiler. It is under the MIT licence
 * so that libraries under any licence can do so.
 *
 * With the plugins, each macro is an attribute the front ends record in
 * the summary and the baseline: dropping OPAQUE, GROWABLE or APPEND_ONLY
 * from a released type, or adding one to a released type whose layout
 * callers saw, is itself a finding. A type's annotation goes on its
 * definition. See abiguard-annotations(7).
 *
 *   ABIGUARD_NODE(LIBFOO_1.2)   the version node a declaration belongs to
 *                               (on a function or variable declaration)
 *   ABIGUARD_OPAQUE             callers never see the layout (struct, union)
 *   ABIGUARD_GROWABLE           library-allocated or size-prefixed: fields
 *                               may be appended at the end, nothing else
 *   ABIGUARD_APPEND_ONLY        enumerators may be appended at the end; a
 *                               named sentinel (*_LAST, *_MAX...) may move
 *   ABIGUARD_RESERVED           a field that is padding: it may later be
 *                               used with the same size and offset
 *   ABIGUARD_INTERNAL           an export that is not public API
 *
 * Placement:
 *   struct ABIGUARD_GROWABLE foo_params { ... };
 *   enum ABIGUARD_APPEND_ONLY foo_kind { ... };
 *   struct foo { int a; int spare[4] ABIGUARD_RESERVED; };
 *   int foo_open(const char *path) ABIGUARD_NODE(LIBFOO_1.2);
 *   ABIGUARD_INTERNAL void _foo_init(void);
 */
#ifndef ABIGUARD_H
#define ABIGUARD_H

#if defined(__ABIGUARD__) && defined(__clang__)
/* Clang's own annotate attribute: every Clang front end reads it. */
#define ABIGUARD_ATTRIBUTE_(what) __attribute__((annotate("abiguard:" what)))
#elif defined(__ABIGUARD__) && defined(__GNUC__)
/* An attribute the GCC plugin registers. */
#define ABIGUARD_ATTRIBUTE_(what) __attribute__((abiguard(what)))
#else
#define ABIGUARD_ATTRIBUTE_(what)
#endif

/* The node as written in the version script: ABIGUARD_NODE(LIBFOO_1.2). */
#define ABIGUARD_NODE(node) ABIGUARD_ATTRIBUTE_("node:" #node)
#define ABIGUARD_OPAQUE ABIGUARD_ATTRIBUTE_("opaque")
#define ABIGUARD_GROWABLE ABIGUARD_ATTRIBUTE_("growable")
#define ABIGUARD_APPEND_ONLY ABIGUARD_ATTRIBUTE_("append-only")
#define ABIGUARD_RESERVED ABIGUARD_ATTRIBUTE_("reserved")
#define ABIGUARD_INTERNAL ABIGUARD_ATTRIBUTE_("internal")

#endif /* ABIGUARD_H */
