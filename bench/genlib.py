#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate a versioned C shared library for the abiguard benchmarks.

The library looks like a real one from the outside, because that is what the
plugin and the post-link check see: struct-heavy public headers under
include/<name>/ with enums, typedefs, callbacks, nested structs, bit-fields,
anonymous unions and arrays; one exported function after another, spread
over version nodes that each inherit from the previous one, as libraries that
have shipped many releases have them.

Two layouts, because both are common and they cost abiguard very different
amounts (every public declaration a unit sees goes into its summary):
  umbrella  every unit includes <name>.h, which includes every public header
            (gtk.h, libvirt.h and glib.h work this way), so every unit sees
            the whole public API;
  module    every unit includes only the headers of its own module (and what
            they include).

Two body styles:
  full  function bodies with loops, switches, string handling, allocation and
        locking, so that an -O2 build spends its time where a real library
        build does (the optimiser and code generator, not just the parser);
  thin  a few statements per function, for the post-link benchmark, where
        the build only has to produce the library.

--mutate makes the "next release" used by the post-link benchmark: a few
struct layouts change, a few signatures change and one function is removed,
everything else stays identical (same seed, same draws).

Usage: genlib.py OUTDIR [--funcs N] [--structs N] [--tus N] [--headers N]
                 [--nodes N] [--bodies full|thin] [--layout umbrella|module]
                 [--mutate] [--seed N]
"""

import argparse
import os
import random

WORDS = [
    "buffer", "conn", "config", "event", "stream", "cache", "pool", "queue",
    "table", "parser", "socket", "timer", "session", "auth", "codec", "frame",
    "channel", "store", "index", "cursor", "volume", "domain", "network",
    "device", "policy", "journal", "snapshot", "transfer", "monitor", "worker",
    "registry", "schema", "message", "request", "reply", "handle", "object",
    "storage", "secret", "interface", "filter", "route", "lease", "block",
    "node", "tree", "range", "extent", "window", "layout",
]
FIELD_WORDS = [
    "id", "flags", "size", "count", "offset", "length", "state", "mode",
    "refcount", "capacity", "timeout", "priority", "generation", "serial",
    "owner", "group", "perms", "mtime", "ctime", "hash", "seq", "weight",
    "limit", "used", "free_bytes", "errors", "retries", "port", "mask", "kind",
]
VERBS = [
    "new", "free", "ref", "unref", "open", "close", "get", "set", "lookup",
    "insert", "remove", "flush", "sync", "read", "write", "reset", "start",
    "stop", "attach", "detach", "clone", "dump", "validate", "commit",
    "abort", "wait", "notify", "encode", "decode", "resize",
]

# (C type, printf-able numeric?) for plain numeric fields and parameters.
NUMERIC = ["int", "unsigned int", "uint32_t", "uint64_t", "int64_t",
           "size_t", "uint16_t", "uint8_t", "long", "double"]


# Enumerators of every enum, by type spelling: switches use them.
ENUMS = {}


class Struct:
    def __init__(self, idx, header, name):
        self.idx = idx
        self.header = header
        self.name = name
        self.fields = []      # list of (kind, ctype-format, fname, extra)
        self.typedef = None


class Func:
    def __init__(self, idx, header, tu, name):
        self.idx = idx
        self.header = header
        self.tu = tu
        self.name = name
        self.ret = "int"
        self.params = []      # list of (ctype, pname, kind, ref)
        self.node = 0


def ident(words, i):
    return "%s%d" % (words[i % len(words)], i // len(words))


def build(args):
    rnd = random.Random(args.seed)
    prefix = args.prefix
    headers = []
    for h in range(args.headers):
        headers.append({"name": ident(WORDS, h), "enums": [], "cbs": [],
                        "structs": [], "funcs": [], "vars": []})

    # Enums and callback typedefs first: struct fields and parameters use them.
    # A module uses the enums, callbacks and structs (by value) of its own
    # header and of the first one (the library's core types), and points at
    # structs anywhere (forward.h declares them all), as modules of a real
    # library do.
    for h, hd in enumerate(headers):
        for e in range(rnd.randint(2, 4)):
            ename = "%s_%s_%s" % (prefix, hd["name"], ["kind", "state", "mode", "level"][e])
            values = ["%s_%s" % (ename.upper(), FIELD_WORDS[(e * 7 + v) % len(FIELD_WORDS)].upper() + str(v))
                      for v in range(rnd.randint(3, 10))]
            hd["enums"].append((ename, values))
            ENUMS["enum " + ename] = values
        hd["cbs"].append("%s_%s_cb_t" % (prefix, hd["name"]))

    structs = []
    for i in range(args.structs):
        h = i * args.headers // args.structs
        s = Struct(i, h, "%s_%s_%s" % (prefix, headers[h]["name"], ident(WORDS, i)))
        if rnd.random() < 0.35:
            s.typedef = s.name + "_t"
        nfields = rnd.randint(4, 12)
        for f in range(nfields):
            fname = "%s_%d" % (FIELD_WORDS[rnd.randrange(len(FIELD_WORDS))], f)
            r = rnd.random()
            earlier = [t for t in structs[max(0, i - 40):i] if t.header in (0, h)]
            if r < 0.40:
                s.fields.append(("num", rnd.choice(NUMERIC), fname, None))
            elif r < 0.50:
                s.fields.append(("str", "const char *", fname, None))
            elif r < 0.56:
                s.fields.append(("chararr", "char", fname, rnd.choice([16, 32, 64, 108])))
            elif r < 0.62:
                s.fields.append(("bits", "unsigned int", fname, rnd.randint(1, 7)))
            elif r < 0.70:
                en = headers[rnd.choice((0, h))]["enums"]
                s.fields.append(("enum", "enum " + rnd.choice(en)[0], fname, None))
            elif r < 0.80:
                t = rnd.choice(structs) if structs else s
                s.fields.append(("ptr", "struct %s *" % t.name, fname, t))
            elif r < 0.86 and earlier:
                t = rnd.choice(earlier)
                s.fields.append(("nested", "struct " + t.name, fname, t))
            elif r < 0.90:
                s.fields.append(("cb", headers[rnd.choice((0, h))]["cbs"][0], fname, None))
            elif r < 0.93:
                s.fields.append(("union", None, fname, None))
            elif r < 0.96:
                s.fields.append(("intarr", rnd.choice(["uint32_t", "int", "uint64_t"]), fname, rnd.choice([2, 4, 8])))
            else:
                s.fields.append(("voidp", "void *", fname, None))
        structs.append(s)
        headers[h]["structs"].append(s)

    funcs = []
    seen = set()
    for j in range(args.funcs):
        h = j * args.headers // args.funcs
        tu = j * args.tus // args.funcs
        hd = headers[h]
        own = hd["structs"] or structs
        obj = own[j % len(own)]
        verb = VERBS[rnd.randrange(len(VERBS))]
        base = "%s_%s_%s" % (prefix, obj.name[len(prefix) + 1:], verb)
        name, n = base, 1
        while name in seen:
            n += 1
            name = "%s%d" % (base, n)
        seen.add(name)
        fn = Func(j, h, tu, name)
        fn.params.append(("struct %s *" % obj.name, "self", "obj", obj))
        for p in range(rnd.randint(0, 4)):
            r = rnd.random()
            pname = "%s%d" % (["key", "len", "flags", "value", "opts", "cb"][p % 6], p)
            if r < 0.2:
                fn.params.append(("const char *", pname, "str", None))
            elif r < 0.45:
                fn.params.append((rnd.choice(NUMERIC[:8]), pname, "num", None))
            elif r < 0.6:
                en = headers[rnd.choice((0, h))]["enums"]
                fn.params.append(("enum " + rnd.choice(en)[0], pname, "enum", None))
            elif r < 0.75:
                t = rnd.choice(structs)
                fn.params.append(("const struct %s *" % t.name, pname, "cptr", t))
            elif r < 0.85:
                fn.params.append((headers[rnd.choice((0, h))]["cbs"][0], pname, "cb", None))
                fn.params.append(("void *", pname + "_data", "voidp", None))
            else:
                fn.params.append(("uint32_t *", pname, "out", None))
        r = rnd.random()
        if r < 0.5:
            fn.ret = "int"
        elif r < 0.6:
            fn.ret = "void"
        elif r < 0.7:
            fn.ret = "size_t"
        elif r < 0.8:
            fn.ret = "struct %s *" % rnd.choice(structs).name
        elif r < 0.9:
            fn.ret = "const char *"
        else:
            fn.ret = "int64_t"
        fn.node = j * args.nodes // args.funcs
        funcs.append(fn)
        hd["funcs"].append(fn)

    for h, hd in enumerate(headers):
        hd["vars"].append("%s_%s_default_timeout" % (prefix, hd["name"]))
    return headers, structs, funcs


def mutate(headers, structs, funcs):
    """The next release: what an ABI checker must find."""
    changes = []
    # Structs that exported functions take: pick from the middle of the
    # library so nothing depends on the first or last header.
    used = sorted({p[3].idx for f in funcs for p in f.params if p[2] == "obj"})
    picks = [structs[used[len(used) * k // 4]] for k in (1, 2, 3)]
    a, b, c = picks
    a.fields.insert(1, ("num", "uint32_t", "inserted_field", None))
    changes.append("struct %s: field inserted at position 1" % a.name)
    for k, fld in enumerate(b.fields):
        if fld[0] == "num" and fld[1] not in ("uint64_t", "int64_t", "double", "long", "size_t"):
            b.fields[k] = ("num", "uint64_t", fld[2], None)
            changes.append("struct %s: field %s %s -> uint64_t" % (b.name, fld[2], fld[1]))
            break
    else:
        b.fields.append(("num", "uint64_t", "widened_field", None))
        changes.append("struct %s: field appended" % b.name)
    c.fields.append(("num", "uint64_t", "appended_field", None))
    changes.append("struct %s: field appended" % c.name)

    n = len(funcs)
    f1, f2, f3, gone = funcs[n // 5], funcs[2 * n // 5], funcs[3 * n // 5], funcs[4 * n // 5]
    f1.params.append(("unsigned int", "extra_flags", "num", None))
    changes.append("%s: parameter added" % f1.name)
    f2.params.append(("size_t", "extra_len", "num", None))
    changes.append("%s: parameter added" % f2.name)
    # A different size, so that the change matters on every target
    # (int64_t -> long would be no change at all on LP64).
    f3.ret = "int64_t" if f3.ret == "int" else "int"
    changes.append("%s: return type changed" % f3.name)
    funcs.remove(gone)
    headers[gone.header]["funcs"].remove(gone)
    changes.append("%s: removed" % gone.name)
    return changes


def field_decl(fld):
    kind, ctype, fname, extra = fld
    if kind == "chararr":
        return "\tchar %s[%d];" % (fname, extra)
    if kind == "intarr":
        return "\t%s %s[%d];" % (ctype, fname, extra)
    if kind == "bits":
        return "\tunsigned int %s : %d;" % (fname, extra)
    if kind == "union":
        return ("\tunion {\n\t\tint64_t %s_i;\n\t\tdouble %s_d;\n\t\tvoid *%s_p;\n\t};"
                % (fname, fname, fname))
    if ctype.endswith("*"):
        return "\t%s%s;" % (ctype, fname)
    return "\t%s %s;" % (ctype, fname)


def param_list(fn):
    out = []
    for ctype, pname, _, _ in fn.params:
        out.append(ctype + pname if ctype.endswith("*") else "%s %s" % (ctype, pname))
    return ", ".join(out) if out else "void"


def ret_prefix(fn):
    return fn.ret if fn.ret.endswith("*") else fn.ret + " "


def write_headers(out, prefix, headers, structs):
    inc = os.path.join(out, "include", prefix)
    os.makedirs(inc, exist_ok=True)
    guard = prefix.upper()
    with open(os.path.join(inc, "forward.h"), "w") as f:
        f.write("/* Forward declarations of every public struct. */\n")
        f.write("#ifndef %s_FORWARD_H\n#define %s_FORWARD_H\n\n" % (guard, guard))
        f.write("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <sys/types.h>\n\n")
        for s in structs:
            f.write("struct %s;\n" % s.name)
        f.write("\n#endif\n")
    for h, hd in enumerate(headers):
        deps = sorted({fld[3].header for s in hd["structs"] for fld in s.fields
                       if fld[0] == "nested" and fld[3].header != h})
        deps += sorted({e for s in hd["structs"] for fld in s.fields if fld[0] in ("enum", "cb")
                        for e in range(h) if fld[1].startswith("enum %s_%s_" % (prefix, headers[e]["name"]))
                        or fld[1] == headers[e]["cbs"][0]})
        deps += sorted({e for fn in hd["funcs"] for p in fn.params if p[2] in ("enum", "cb")
                        for e in range(h) if p[0].startswith("enum %s_%s_" % (prefix, headers[e]["name"]))
                        or p[0] == headers[e]["cbs"][0]})
        g = "%s_%s_H" % (guard, hd["name"].upper())
        with open(os.path.join(inc, hd["name"] + ".h"), "w") as f:
            f.write("/* %s: the %s API. */\n#ifndef %s\n#define %s\n\n" % (prefix, hd["name"], g, g))
            f.write('#include "%s/forward.h"\n' % prefix)
            for d in sorted(set(deps)):
                f.write('#include "%s/%s.h"\n' % (prefix, headers[d]["name"]))
            f.write("\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n")
            for ename, values in hd["enums"]:
                f.write("enum %s {\n" % ename)
                for v, val in enumerate(values):
                    f.write("\t%s = %d,\n" % (val, v if v < 5 else v * 4))
                f.write("};\n\n")
            f.write("typedef int (*%s)(void *user_data, int status, const char *detail);\n\n" % hd["cbs"][0])
            for s in hd["structs"]:
                f.write("struct %s {\n" % s.name)
                for fld in s.fields:
                    f.write(field_decl(fld) + "\n")
                f.write("};\n")
                if s.typedef:
                    f.write("typedef struct %s %s;\n" % (s.name, s.typedef))
                f.write("\n")
            for v in hd["vars"]:
                f.write("extern const unsigned int %s;\n" % v)
            f.write("\n")
            for fn in hd["funcs"]:
                f.write("%s%s(%s);\n" % (ret_prefix(fn), fn.name, param_list(fn)))
            f.write("\n#ifdef __cplusplus\n}\n#endif\n#endif\n")
    with open(os.path.join(out, "include", prefix + ".h"), "w") as f:
        f.write("/* The umbrella header: the whole public API. */\n")
        f.write("#ifndef %s_H\n#define %s_H\n\n" % (guard, guard))
        for hd in headers:
            f.write('#include "%s/%s.h"\n' % (prefix, hd["name"]))
        f.write("\n#endif\n")


def numeric_fields(s):
    return [fld for fld in s.fields if fld[0] in ("num", "bits", "enum")]


def body_thin(fn, rnd):
    obj = fn.params[0][3]
    nums = numeric_fields(obj)
    lines = ["\tif (!self)"]
    lines.append("\t\treturn%s;" % ("" if fn.ret == "void" else " 0"))
    acc = "(long)self->%s" % nums[0][2] if nums else "(long)sizeof *self"
    for ctype, pname, kind, _ in fn.params[1:]:
        if kind == "num" or kind == "enum":
            acc += " + (long)%s" % pname
        elif kind == "str":
            acc += " + (%s ? (long)%s[0] : 0)" % (pname, pname)
    if fn.ret == "void":
        if nums and nums[0][0] == "num":
            lines.append("\tself->%s = (%s)(%s);" % (nums[0][2], nums[0][1], acc))
        else:
            lines.append("\t(void)(%s);" % acc)
    elif fn.ret.endswith("*"):
        lines.append("\treturn (%s)((%s) ? (void *)0 : (void *)0);" % (fn.ret, acc))
    else:
        lines.append("\treturn (%s)(%s);" % (fn.ret, acc))
    return lines


def body_full(fn, rnd, helpers):
    """A body of the kind a real library has: argument checks, a lock, a
    loop over the object's fields, string handling, a switch on an enum,
    allocation and a callback."""
    obj = fn.params[0][3]
    nums = numeric_fields(obj)
    strs = [fld for fld in obj.fields if fld[0] in ("str", "chararr")]
    L = []
    fail = "" if fn.ret == "void" else (" NULL" if fn.ret.endswith("*") else " -EINVAL")
    L.append("\tstruct tu_state *st = tu_state_get();")
    L.append("\tuint64_t acc = %uu;" % rnd.randrange(1, 1 << 31))
    L.append("\tchar scratch[128] = \"\";")
    L.append("")
    L.append("\tif (!self)")
    L.append("\t\treturn%s;" % fail)
    for ctype, pname, kind, ref in fn.params[1:]:
        if kind == "str":
            L.append("\tif (!%s || !*%s)" % (pname, pname))
            L.append("\t\treturn%s;" % fail)
        if kind == "cptr":
            L.append("\tif (%s)" % pname)
            L.append("\t\tacc ^= tu_hash_bytes(%s, sizeof *%s);" % (pname, pname))
    L.append("\tpthread_mutex_lock(&st->lock);")
    L.append("\tst->calls++;")
    for fld in nums[:6]:
        if fld[0] == "enum":
            L.append("\tswitch (self->%s) {" % fld[2])
            for k, val in enumerate(ENUMS[fld[1]][:rnd.randint(2, 4)]):
                L.append("\tcase %s:" % val)
                L.append("\t\tacc = acc * %d + %d;" % (rnd.randint(3, 97), k))
                L.append("\t\tbreak;")
            L.append("\tdefault:")
            L.append("\t\tacc ^= (uint64_t)self->%s << 3;" % fld[2])
            L.append("\t\tbreak;")
            L.append("\t}")
        else:
            L.append("\tacc = acc * 31u + (uint64_t)self->%s;" % fld[2])
    for fld in strs[:2]:
        if fld[0] == "str":
            L.append("\tif (self->%s) {" % fld[2])
            L.append("\t\tsize_t n = strlen(self->%s);" % fld[2])
            L.append("\t\tfor (size_t i = 0; i < n; i++)")
            L.append("\t\t\tacc = (acc << 5) ^ (acc >> 2) ^ (unsigned char)self->%s[i];" % fld[2])
            L.append("\t}")
        else:
            L.append("\tsnprintf(scratch, sizeof scratch, \"%%s/%%llu\", self->%s, (unsigned long long)acc);" % fld[2])
            L.append("\tacc += tu_hash_bytes(scratch, strlen(scratch));")
    for ctype, pname, kind, ref in fn.params[1:]:
        if kind == "str":
            L.append("\tsnprintf(scratch, sizeof scratch, \"%s:%%s:%%d\", %s, (int)(acc & 0xff));" % (fn.name, pname))
            L.append("\tacc ^= tu_hash_bytes(scratch, strlen(scratch));")
        elif kind == "num":
            L.append("\tacc += (uint64_t)%s * %du;" % (pname, rnd.randint(3, 1000)))
        elif kind == "enum":
            L.append("\tif ((int)%s < 0 || (int)%s > 64) {" % (pname, pname))
            L.append("\t\tpthread_mutex_unlock(&st->lock);")
            L.append("\t\treturn%s;" % fail)
            L.append("\t}")
            L.append("\tacc += (uint64_t)%s;" % pname)
        elif kind == "cb":
            L.append("\tif (%s && %s(%s_data, (int)(acc & 0x7f), \"%s\") < 0) {" % (pname, pname, pname, fn.name))
            L.append("\t\tst->errors++;")
            L.append("\t}")
        elif kind == "out":
            L.append("\tif (%s)" % pname)
            L.append("\t\t*%s = (uint32_t)acc;" % pname)
    h = rnd.choice(helpers)
    L.append("\tacc = %s(st, acc) + (unsigned char)scratch[0];" % h)
    L.append("\tpthread_mutex_unlock(&st->lock);")
    if fn.ret == "void":
        L.append("\ttu_log(st, \"%s\", acc);" % fn.name)
    elif fn.ret == "int":
        L.append("\treturn acc & 1 ? 0 : -(int)(acc % 120);")
    elif fn.ret in ("size_t", "int64_t", "long"):
        L.append("\treturn (%s)acc;" % fn.ret)
    elif fn.ret == "const char *":
        L.append("\treturn tu_intern(st, scratch);")
    else:
        L.append("\tif (acc %% %d == 0)" % rnd.randint(2, 9))
        L.append("\t\treturn NULL;")
        L.append("\treturn (%s)tu_alloc(st, sizeof(%s));" % (fn.ret, fn.ret[:-2].strip()))
    return L


TU_PRELUDE = """
/* State private to this unit: what a real module keeps behind its API. */
struct tu_state {
	pthread_mutex_t lock;
	uint64_t calls;
	uint64_t errors;
	char *names[64];
	size_t nnames;
	void *blocks[32];
	size_t nblocks;
};

static struct tu_state tu_state_storage = { .lock = PTHREAD_MUTEX_INITIALIZER };

static inline struct tu_state *tu_state_get(void)
{
	return &tu_state_storage;
}

static inline uint64_t tu_hash_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

static inline const char *tu_intern(struct tu_state *st, const char *s)
{
	for (size_t i = 0; i < st->nnames; i++)
		if (strcmp(st->names[i], s) == 0)
			return st->names[i];
	if (st->nnames == sizeof st->names / sizeof st->names[0])
		return NULL;
	st->names[st->nnames] = strdup(s);
	return st->names[st->nnames++];
}

static inline void *tu_alloc(struct tu_state *st, size_t size)
{
	void *p = calloc(1, size);
	if (!p) {
		st->errors++;
		return NULL;
	}
	if (st->nblocks < sizeof st->blocks / sizeof st->blocks[0])
		st->blocks[st->nblocks++] = p;
	return p;
}

static inline void tu_log(struct tu_state *st, const char *what, uint64_t v)
{
	if (getenv("SYNTH_DEBUG"))
		fprintf(stderr, "%s: %llu (%llu calls, %llu errors): %s\\n", what,
			(unsigned long long)v, (unsigned long long)st->calls,
			(unsigned long long)st->errors, strerror(errno));
}
"""


def helper_fn(name, rnd):
    k = rnd.randint(3, 9)
    return """
static uint64_t %s(struct tu_state *st, uint64_t x)
{
	uint64_t table[%d];
	for (int i = 0; i < %d; i++)
		table[i] = x * (uint64_t)(i + %d) ^ (x >> (i & 7));
	for (int round = 0; round < 4; round++)
		for (int i = 1; i < %d; i++)
			table[i] += table[i - 1] * %du + (table[i] >> 11);
	if (table[%d] %% 17 == 0)
		st->errors++;
	return table[%d];
}
""" % (name, k * 4, k * 4, rnd.randint(1, 50), k * 4, rnd.randint(3, 99), k * 4 - 1, k * 4 - 1)


def write_sources(out, prefix, headers, structs, funcs, tus, bodies, layout, seed):
    src = os.path.join(out, "src")
    os.makedirs(src, exist_ok=True)
    by_tu = [[] for _ in range(tus)]
    for fn in funcs:
        by_tu[fn.tu].append(fn)
    for t in range(tus):
        # Per-unit generator: a mutation in one unit changes no other unit.
        rnd = random.Random(seed * 7919 + t)
        with open(os.path.join(src, "unit%03d.c" % t), "w") as f:
            f.write("/* Generated for the abiguard benchmarks. */\n")
            f.write("#include <errno.h>\n#include <pthread.h>\n#include <stdio.h>\n"
                    "#include <stdlib.h>\n#include <string.h>\n")
            if bodies == "full":
                f.write("#include <time.h>\n#include <unistd.h>\n#include <fcntl.h>\n"
                        "#include <sys/stat.h>\n#include <sys/socket.h>\n")
            if layout == "umbrella":
                f.write('\n#include "%s.h"\n' % prefix)
            else:
                mine = {fn.header for fn in by_tu[t]}
                mine |= {h for h in range(len(headers)) if h * tus // len(headers) == t}
                f.write("\n")
                for h in sorted(mine):
                    f.write('#include "%s/%s.h"\n' % (prefix, headers[h]["name"]))
            helpers = []
            if bodies == "full":
                f.write(TU_PRELUDE)
                for k in range(3):
                    helpers.append("tu_mix%d" % k)
                    f.write(helper_fn(helpers[-1], rnd))
            for h, hd in enumerate(headers):
                if h * tus // len(headers) == t:
                    for v in hd["vars"]:
                        f.write("\nconst unsigned int %s = %du;\n" % (v, rnd.randint(1, 60000)))
            for fn in by_tu[t]:
                f.write("\n%s%s(%s)\n{\n" % (ret_prefix(fn), fn.name, param_list(fn)))
                body = body_full(fn, rnd, helpers) if bodies == "full" else body_thin(fn, rnd)
                if bodies == "thin":
                    for ctype, pname, kind, _ in fn.params[1:]:
                        if kind not in ("num", "enum", "str"):
                            f.write("\t(void)%s;\n" % pname)
                f.write("\n".join(body) + "\n}\n")
    return by_tu


def write_map(out, prefix, headers, funcs, nodes):
    names = ["%s_1.%d" % (prefix.upper(), k) for k in range(nodes)]
    by_node = [[] for _ in range(nodes)]
    for fn in funcs:
        by_node[fn.node].append(fn.name)
    by_node[0] += [v for hd in headers for v in hd["vars"]]
    with open(os.path.join(out, prefix + ".map"), "w") as f:
        for k, node in enumerate(names):
            f.write("%s {\n\tglobal:\n" % node)
            for name in sorted(by_node[k]):
                f.write("\t\t%s;\n" % name)
            if k == 0:
                f.write("\tlocal:\n\t\t*;\n};\n\n")
            else:
                f.write("} %s;\n\n" % names[k - 1])


MAKEFILE = """# Generated for the abiguard benchmarks.
#   make O=objdir [CC=gcc] [CFLAGS=...] [PLUGIN_CFLAGS=...]
CC ?= gcc
CFLAGS ?= -O2 -g
PLUGIN_CFLAGS ?=
O ?= obj
LIB_CFLAGS = -fPIC -Wall -Iinclude
SOURCES = $(wildcard src/*.c)
OBJECTS = $(patsubst src/%.c,$(O)/%.o,$(SOURCES))

all: $(O)/lib@P@.so.1

$(O)/%.o: src/%.c
	@mkdir -p $(O)
	$(CC) $(CFLAGS) $(LIB_CFLAGS) $(PLUGIN_CFLAGS) -c $< -o $@

$(O)/lib@P@.so.1: $(OBJECTS) @P@.map
	$(CC) -shared -o $@ $(OBJECTS) -Wl,-soname,lib@P@.so.1 -Wl,--version-script=@P@.map

.PHONY: all
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--prefix", default="synth")
    ap.add_argument("--funcs", type=int, default=1000)
    ap.add_argument("--structs", type=int, default=250)
    ap.add_argument("--tus", type=int, default=50)
    ap.add_argument("--headers", type=int, default=10)
    ap.add_argument("--nodes", type=int, default=20)
    ap.add_argument("--bodies", choices=["full", "thin"], default="full")
    ap.add_argument("--layout", choices=["umbrella", "module"], default="umbrella")
    ap.add_argument("--mutate", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    headers, structs, funcs = build(args)
    changes = mutate(headers, structs, funcs) if args.mutate else []
    os.makedirs(args.out, exist_ok=True)
    write_headers(args.out, args.prefix, headers, structs)
    write_sources(args.out, args.prefix, headers, structs, funcs, args.tus, args.bodies,
                  args.layout, args.seed)
    write_map(args.out, args.prefix, headers, funcs, args.nodes)
    with open(os.path.join(args.out, "Makefile"), "w") as f:
        f.write(MAKEFILE.replace("@P@", args.prefix))
    with open(os.path.join(args.out, "CHANGES"), "w") as f:
        f.write("".join(c + "\n" for c in changes))
    nvars = sum(len(hd["vars"]) for hd in headers)
    print("%s: %d functions, %d variables, %d structs, %d headers, %d units, %d nodes, %s layout%s"
          % (args.out, len(funcs), nvars, len(structs), len(headers), args.tus, args.nodes, args.layout,
             ", %d changes" % len(changes) if changes else ""))


if __name__ == "__main__":
    main()
