#!/usr/bin/env python3
"""Regenerates the table of docs/findings.md from FindingCatalog.All (a test checks they agree)."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
src = (root / "src/CutoverSequencer.Core/Planning/Finding.cs").read_text()
consts = dict(re.findall(r'public const string (\w+) = "(\w+)";', src))
entries = re.findall(r'new\((\w+), Severity\.(\w+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)', src)
rows = [f"| `{consts[n]}` | {sev.lower()} | {meaning} | {res} |" for n, sev, meaning, res in entries]

doc = root / "docs/findings.md"
text = doc.read_text()
start = text.index("| Code | Severity | Meaning | Resolution |")
end = text.index("\n\n", start)
table = "| Code | Severity | Meaning | Resolution |\n|---|---|---|---|\n" + "\n".join(rows)
doc.write_text(text[:start] + table + text[end:])
print(f"{len(rows)} findings written to {doc.relative_to(root)}")
