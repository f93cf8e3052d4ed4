#!/usr/bin/env python3
"""ctest: every repository path that a document names in backticks exists.

Finds `src/...`, `include/...`, `tests/...`, `scripts/...`, `bench/...`, `docs/...` and
`fuzz/...` inside backticks (also after a command, as in `scripts/fuzz 60`) and as the target of
a relative Markdown link, and fails naming each one that is neither a file nor a directory
(relative to the repository; a link, relative to the document's own directory). A path with *
or ? must match something.
Usage: tests/docs_paths_test.py SOURCE_DIR DOC [DOC...]   (DOC relative to SOURCE_DIR)
"""
import glob
import os
import re
import sys

ROOTS = ("src", "include", "tests", "scripts", "bench", "docs", "fuzz")
PATH = re.compile(r"(?:^|(?<=[\s(=]))((?:%s)/[^\s`'\",;:()]*)" % "|".join(ROOTS))
SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


def named_paths(text):
    """(line number, path, is a link) for each path named in backticks or linked to."""
    for number, line in enumerate(text.splitlines(), start=1):
        for span in SPAN.finditer(line):
            for match in PATH.finditer(span.group(1)):
                yield number, match.group(1).rstrip("."), False
        for link in LINK.finditer(SPAN.sub("", line)):
            target = link.group(1)
            if "://" not in target and not target.startswith("mailto:"):
                yield number, target, True


def exists(base, path):
    full = os.path.join(base, path)
    if any(c in path for c in "*?["):
        return bool(glob.glob(full))
    return os.path.exists(full)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    root, docs = argv[1], argv[2:]
    missing, checked = [], 0
    for doc in docs:
        with open(os.path.join(root, doc), encoding="utf-8") as f:
            text = f.read()
        here = os.path.dirname(os.path.join(root, doc))
        for number, path, is_link in named_paths(text):
            checked += 1
            if not exists(here if is_link else root, path):
                missing.append(f"{doc}:{number}: `{path}` does not exist")
    for m in missing:
        print(m, file=sys.stderr)
    if missing:
        print(f"docs_paths: {len(missing)} of {checked} named paths do not exist", file=sys.stderr)
        return 1
    if checked == 0:
        print("docs_paths: no paths found; is the pattern still right?", file=sys.stderr)
        return 1
    print(f"docs_paths: all {checked} named paths exist")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
