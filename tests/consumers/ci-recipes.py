#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CI recipes in examples/ci/, read with a YAML parser.

    ci-recipes.py validate DIR   parse every recipe and check its shape
    ci-recipes.py commands DIR   print, once each, the abiguard commands the
                                 recipes run (the consumers.make test runs
                                 exactly these)
"""
import os
import re
import sys

import yaml


def fail(path, message):
    sys.exit("%s: %s" % (path, message))


def recipes(root):
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith((".yml", ".yaml")):
                yield os.path.join(dirpath, name)


def load(path):
    with open(path) as f:
        try:
            doc = yaml.safe_load(f)
        except yaml.YAMLError as e:
            fail(path, "not YAML: %s" % e)
    if not isinstance(doc, dict):
        fail(path, "not a mapping")
    return doc


def kind(path, doc):
    if "jobs" in doc:
        return "github-workflow"
    if "runs" in doc:
        return "github-action"
    return "gitlab"


def github_steps(path, steps, where):
    if not isinstance(steps, list) or not steps:
        fail(path, "%s: no steps" % where)
    for step in steps:
        if not isinstance(step, dict) or ("run" in step) == ("uses" in step):
            fail(path, "%s: a step needs exactly one of run, uses: %r"
                 % (where, step))
        yield step


def scripts_of_workflow(path, doc):
    # YAML 1.1 reads the key `on` as true.
    events = doc.get("on", doc.get(True))
    for event in ("pull_request", "schedule", "push"):
        if not isinstance(events, dict) or event not in events:
            fail(path, "no '%s' trigger" % event)
    uses = []
    for name, job in doc["jobs"].items():
        if "runs-on" not in job:
            fail(path, "job %s: no runs-on" % name)
        for step in github_steps(path, job.get("steps"), "job " + name):
            if "uses" in step:
                uses.append((step["uses"], step.get("with", {})))
            else:
                yield step["run"]
    sarif = [w for u, w in uses
             if u.startswith("github/codeql-action/upload-sarif@")]
    if not sarif or not sarif[0].get("sarif_file"):
        fail(path, "no upload-sarif step with a sarif_file")
    prs = [w for u, w in uses
           if u.startswith("peter-evans/create-pull-request@")]
    if not any(w.get("body-path") == "abi-report.md" for w in prs):
        fail(path, "no pull request carrying the Markdown report")


def scripts_of_action(path, doc):
    runs = doc["runs"]
    if runs.get("using") != "composite":
        fail(path, "not a composite action")
    for step in github_steps(path, runs.get("steps"), "runs"):
        if "run" in step and "shell" not in step:
            fail(path, "a composite run step needs a shell")
        if "run" in step:
            yield step["run"]


def scripts_of_gitlab(path, doc):
    jobs = {k: v for k, v in doc.items()
            if isinstance(v, dict) and k not in ("variables", "default")}
    seen_sources = set()
    for name, job in jobs.items():
        base = job.get("extends")
        if base and base not in doc:
            fail(path, "job %s extends unknown %s" % (name, base))
        for key in ("before_script", "script"):
            lines = job.get(key, [])
            if not isinstance(lines, list) or not all(
                    isinstance(line, str) for line in lines):
                fail(path, "job %s: %s must be a list of strings"
                     % (name, key))
            yield from lines
        if name.startswith("."):
            continue
        if "script" not in job:
            fail(path, "job %s: no script" % name)
        seen_sources.add(str(job.get("rules", "")))
    for source in ("merge_request_event", "schedule", "CI_COMMIT_TAG"):
        if not any(source in s for s in seen_sources):
            fail(path, "no job for %s" % source)


SCRIPTS = {"github-workflow": scripts_of_workflow,
           "github-action": scripts_of_action,
           "gitlab": scripts_of_gitlab}


def abiguard_commands(script):
    """Lines of a shell script that run abiguard, or a build switched by
    ABIGUARD_OPTIONS; a trailing `|| ...` (status capture) left out."""
    for line in script.splitlines():
        line = line.strip()
        if re.match(r"^(ABIGUARD_OPTIONS=\S+ )?abiguard ", line) or \
                line.startswith("ABIGUARD_OPTIONS="):
            yield re.sub(r"\s*\|\|.*$", "", line)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("validate", "commands"):
        sys.exit(__doc__)
    commands = []
    found = 0
    for path in recipes(sys.argv[2]):
        doc = load(path)
        found += 1
        for script in SCRIPTS[kind(path, doc)](path, doc):
            for command in abiguard_commands(script):
                if command not in commands:
                    commands.append(command)
    if not found:
        sys.exit("no recipes in %s" % sys.argv[2])
    if sys.argv[1] == "commands":
        print("\n".join(commands))


main()
