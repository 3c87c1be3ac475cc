#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --format=json of check, diff and lint is what docs/abiguard-output.schema.json
# says, checked with python3-jsonschema on real output (findings with notes,
# library-wide findings, a clean run); the schema refuses a document that
# breaks it, so the check can fail.
source "$(dirname "$0")/lib.bash"
schema=$(dirname "$0")/../../../docs/abiguard-output.schema.json

# Debian's python3 has the module (scripts/deps.sh); a python3 earlier in
# PATH may not.
python=
for candidate in python3 /usr/bin/python3; do
	if "$candidate" -c 'import jsonschema' 2>/dev/null; then
		python=$candidate
		break
	fi
done
[ -n "$python" ] || fail "no python3 with jsonschema (apt-get install python3-jsonschema)"

# validate FILE...: each a JSON document valid against the schema
validate() {
	"$python" - "$schema" "$@" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
for path in sys.argv[2:]:
    doc = json.load(open(path))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)
    print("%s: %d findings" % (path, len(doc["findings"])))
PY
}

dir=$(copy_example lib)
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" >/dev/null
lib=$dir/build/libdemo.so.1
sed 's/^func demo_close@@DEMO_1.0 .*/&\nfunc demo_gone@@DEMO_1.0 void (void)/' \
	"$dir/abi/libdemo.so.1.abi" >"$work/lost.abi"

"$abiguard" check --format=json --baseline "$dir/abi/libdemo.so.1.abi" \
	--version-script "$dir/demo.map" "$lib" >"$work/clean.json"
"$abiguard" check --format=json --baseline "$work/lost.abi" \
	--version-script "$dir/demo.map" "$lib" >"$work/lost.json" && fail "no finding"
"$abiguard" diff --format=json "$work/lost.abi" "$dir/abi/libdemo.so.1.abi" \
	>"$work/diff.json" && fail "diff found nothing"
# A break at a declaration: findings with a file, a line and notes.
patch --quiet -p1 -d "$dir" <"$(dirname "$0")/../cases/struct-grew/bad.patch"
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" \
	ABIGUARD_MODE=record >/dev/null
"$abiguard" check --format=json --baseline "$dir/abi/libdemo.so.1.abi" \
	--version-script "$dir/demo.map" "$lib" >"$work/grew.json" && fail "no break"
docs=("$work/clean.json" "$work/lost.json" "$work/diff.json" "$work/grew.json")
if "$abiguard" lint --help >/dev/null 2>&1; then
	cat >"$dir/build/compile_commands.json" <<JSON
[{"directory": "$dir", "file": "$dir/src/demo.c",
  "arguments": ["gcc", "-fPIC", "-Iinclude", "-fplugin=abiguard",
    "-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi",
    "-fplugin-arg-abiguard-version-script=demo.map",
    "-fplugin-arg-abiguard-public=include", "-c", "src/demo.c"]}]
JSON
	(cd "$dir" && "$abiguard" lint -p build --format=json src/demo.c) \
		>"$work/lint.json" && fail "lint found no break"
	docs+=("$work/lint.json")
fi
validate "${docs[@]}" >"$work/validated" || fail "output does not match the schema"
cat "$work/validated"
grep -q "grew.json: [1-9]" "$work/validated" || fail "the break gave no findings"
"$python" -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["file"] and x["notes"]]
assert f, "no finding with a file and notes"
' "$work/grew.json" || fail "the break's findings have no file or notes"

# The schema is not a formality: documents that break it are refused.
"$python" - "$work/grew.json" "$work" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
bad = []
d = json.loads(json.dumps(doc)); del d["errors"]; bad.append(d)
d = json.loads(json.dumps(doc)); d["findings"][0]["severity"] = "fatal"; bad.append(d)
d = json.loads(json.dumps(doc)); d["findings"][0]["line"] = "38"; bad.append(d)
d = json.loads(json.dumps(doc)); d["findings"][0]["extra"] = 1; bad.append(d)
for i, d in enumerate(bad):
    json.dump(d, open("%s/bad%d.json" % (sys.argv[2], i), "w"))
PY
for i in 0 1 2 3; do
	validate "$work/bad$i.json" >/dev/null 2>&1 && fail "the schema took bad$i.json"
done
echo PASS
