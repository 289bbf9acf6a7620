#!/usr/bin/env python3
"""The repository's docs stand alone: every relative link of README.md and docs/*.md names a file
inside the repository that exists (and, for `file.md#anchor`, a heading of it), and no text points
at a path outside it (`../shared/...`)."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
pages = [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def anchor(heading):
    # GitHub's: lower case, punctuation dropped, spaces to `-`.
    return "".join("-" if c == " " else c for c in heading.strip().lower() if c.isalnum() or c in " -_")


def anchors(page):
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)
    return {anchor(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, flags=re.M)}


problems = []
links = 0
for page in pages:
    text = page.read_text()
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for m in re.finditer(r"\]\(([^)\s]+)\)", prose):
        target = m.group(1)
        if re.match(r"[a-z]+:", target):
            continue
        links += 1
        path, _, fragment = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if root not in file.parents and file != root:
            problems.append(f"{page.relative_to(root)}: `{target}` points outside the repository")
        elif not file.exists():
            problems.append(f"{page.relative_to(root)}: `{target}` does not exist")
        elif fragment and file.suffix == ".md" and fragment not in anchors(file):
            problems.append(f"{page.relative_to(root)}: `{target}`: no such heading")
    for m in re.finditer(r"\.\./shared|/work/", text):
        problems.append(f"{page.relative_to(root)}: `{m.group(0)}` is outside the repository")

for p in problems:
    print(p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"doc links: {len(pages)} pages, {links} relative links, every relative link resolves inside the repository")
