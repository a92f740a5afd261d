#!/usr/bin/env python3
"""check-style.py: the style rules a grep can hold (style.md 8, 14, 20, 21).

Run from anywhere; reads the C files git tracks (src, tools, tests).
  - Lines wider than 80 columns (tabs at 8): a file may not have more than
    it has in scripts/style-baseline.txt (the debt from before the check,
    which may only shrink; `--update` rewrites the baseline after a file
    was cleaned up, and refuses to raise any count).
  - C++ comments ("//" starting a line): /* */ only (rule 21).
  - Assignments inside if/while conditions (rule 8).
  - LIMIT or OFFSET printed into SQL text: they are bound parameters, so
    each list is one statement text in the statement caches (issue 16).
Prints one line per finding, then "style: N passed, N failed".
Standard library only: it runs under Debian's python3.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, "scripts", "style-baseline.txt")
WIDTH = 80

CXX_COMMENT = re.compile(r"^\s*//")
ASSIGN_IN_COND = re.compile(r"\b(if|while)\s*\(\(?\s*[A-Za-z_][\w>.\[\]-]*\s*=[^=]")
PRINTED_LIMIT = re.compile(r"(LIMIT|OFFSET)\s+%")


def tracked():
    out = subprocess.run(["git", "-C", ROOT, "ls-files", "*.c", "*.h"],
                         check=True, capture_output=True, text=True).stdout
    # a path in a merge conflict is listed once per stage: count it once
    return sorted({p for p in out.split()
                   if p.split("/")[0] in ("src", "tools", "tests")})


def width(line):
    return len(line.expandtabs(8))


def load_baseline():
    base = {}
    try:
        with open(BASELINE, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                try:
                    count, path = line.split(None, 1)
                    base[path] = int(count)
                except ValueError:
                    sys.exit(f"{BASELINE}:{n}: expected 'COUNT PATH'")
    except FileNotFoundError:
        pass
    return base


def main():
    update = "--update" in sys.argv[1:]
    # --update lowers counts; only the very first run may set them
    base = load_baseline()
    wide = {}
    problems = []
    for path in tracked():
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if width(line) > WIDTH:
                    wide[path] = wide.get(path, 0) + 1
                if CXX_COMMENT.search(line):
                    problems.append(f"{path}:{n}: // comment (use /* */)")
                if ASSIGN_IN_COND.search(line):
                    problems.append(f"{path}:{n}: assignment inside a condition")
                if PRINTED_LIMIT.search(line):
                    problems.append(f"{path}:{n}: LIMIT/OFFSET printed into SQL (bind it)")
    first = not os.path.exists(BASELINE)
    for path, count in sorted(wide.items()):
        allowed = base.get(path, 0)
        if count > allowed and not (update and first):
            problems.append(f"{path}: {count} lines wider than {WIDTH} columns "
                            f"(at most {allowed} allowed; wrap the new ones)")
    if update:
        if problems:
            print("\n".join(problems))
            print("style: baseline not updated: fix the findings first")
            return 1
        with open(BASELINE, "w", encoding="utf-8") as f:
            f.write("# lines wider than 80 columns per file, from before the\n"
                    "# check: this debt may only shrink (scripts/check-style.py)\n")
            for path, count in sorted(wide.items()):
                f.write(f"{count} {path}\n")
        print(f"style: baseline written ({sum(wide.values())} wide lines)")
        return 0
    for p in problems:
        print(p)
    print(f"style: {0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
