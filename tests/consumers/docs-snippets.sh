#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# docs/integration.md quotes the build files the consumer tests build and
# the CI recipes, whole: a fenced block after a line
#   <!-- snippet: PATH -->
# must be the file PATH, byte for byte, and every file below must be quoted.
#   docs-snippets.sh ROOT          check
#   docs-snippets.sh ROOT --fix    copy the files into the docs again
set -euo pipefail
root=$1
exec python3 - "$root" "${2-}" <<'PY'
import os, re, sys
root = sys.argv[1]
docs = os.path.join(root, "docs/integration.md")
text = open(docs).read()
if sys.argv[2] == "--fix":
    def refresh(m):
        with open(os.path.join(root, m.group(1))) as f:
            return m.group(0)[:m.start(2) - m.start(0)] + f.read() + "```"
    text = re.sub(r"^<!-- snippet: (\S+) -->\n```[a-z0-9-]*\n(.*?)^```$",
                  refresh, text, flags=re.M | re.S)
    open(docs, "w").write(text)
must = ["examples/consumers/make/Makefile",
        "examples/consumers/cmake/CMakeLists.txt",
        "examples/consumers/meson/meson.build",
        "examples/consumers/autotools/configure.ac",
        "examples/consumers/autotools/Makefile.am",
        "examples/ci/github/abiguard.yml",
        "examples/ci/github/install-abiguard/action.yml",
        "examples/ci/gitlab/abiguard.gitlab-ci.yml"]
blocks = re.findall(r"^<!-- snippet: (\S+) -->\n```[a-z0-9-]*\n(.*?)^```$",
                    text, re.M | re.S)
status = 0
quoted = set()
for path, block in blocks:
    quoted.add(path)
    with open(os.path.join(root, path)) as f:
        if f.read() != block:
            print("FAIL: docs/integration.md's copy of %s differs from the file"
                  % path)
            status = 1
markers = re.findall(r"^<!-- snippet: (\S+) -->", text, re.M)
for path in markers:
    if path not in quoted:
        print("FAIL: the snippet marker for %s is not followed by a fenced block"
              % path)
        status = 1
for path in must:
    if path not in quoted:
        print("FAIL: docs/integration.md does not quote %s" % path)
        status = 1
print("PASS" if status == 0 else "")
sys.exit(status)
PY
