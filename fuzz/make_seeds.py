#!/usr/bin/env python3
"""Writes the committed seed corpora (fuzz/seeds/<target>/) from what the repository holds.

- path_template: every path of the golden OpenAPI documents, in the user's form (`/pets/<petId>`)
  and in API Gateway's (`/pets/{petId}`), and every integration URI that has placeholders.
- vtl_render: every mapping template apigw renders (the golden documents' request and response
  templates), alone and with a JSON body, and the templates of vtl/tests/*.rs.
- lambda_event_fixtures: one two-byte input per base event (its index, no edit), see
  fuzz/src/mutate.rs; the event files themselves are read from tests/fixtures at run time.
- lambda_event: nothing is copied: .ci/run passes tests/fixtures/events and
  tests/fixtures/bad-input/real to libFuzzer as extra seed directories.

Rerun after the goldens or the vtl tests change: python3 fuzz/make_seeds.py
"""

import hashlib
import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"


def write_all(target, items):
    """items: (name, bytes); names made unique and filesystem-safe, duplicates dropped."""
    out = SEEDS / target
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    seen = set()
    for name, data in items:
        digest = hashlib.sha1(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")[:60]
        (out / f"{safe}-{digest[:8]}").write_bytes(data)
    return len(seen)


def goldens():
    for path in sorted(ROOT.glob("tests/golden/*/openapi.json")):
        yield path.parent.name, json.loads(path.read_text())


def text_of(value):
    """A template or URI as rendered: plain text or the text of `Fn::Sub`."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::Sub" in value:
        sub = value["Fn::Sub"]
        return sub if isinstance(sub, str) else sub[0]
    return None


def integrations(document):
    for path, item in document.get("paths", {}).items():
        for method, op in item.items():
            if isinstance(op, dict) and "x-amazon-apigateway-integration" in op:
                yield path, method, op["x-amazon-apigateway-integration"]


def user_form(openapi_path):
    def segment(s):
        if s.startswith("{") and s.endswith("}"):
            inner = s[1:-1]
            return f"<{inner[:-1]}..>" if inner.endswith("+") else f"<{inner}>"
        return s

    return "/".join(segment(s) for s in openapi_path.split("/"))


def path_seeds():
    for example, document in goldens():
        for path in document.get("paths", {}):
            yield f"{example}-user", user_form(path).encode()
            yield f"{example}-openapi", path.encode()
        for _, _, integration in integrations(document):
            uri = text_of(integration.get("uri"))
            if uri and "{" in uri:
                yield f"{example}-uri", uri.encode()


def rust_strings(source):
    """The string literals of a Rust file: raw (r#"..."#) and normal, escapes decoded."""
    pattern = re.compile(r'r(#*)"(.*?)"\1|"((?:\\.|[^"\\])*)"', re.S)
    escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}

    def unescape(s):
        out, i = [], 0
        while i < len(s):
            c = s[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            n = s[i + 1]
            if n == "\n":  # line continuation: skip the newline and the next line's indent
                i += 2
                while i < len(s) and s[i] in " \t":
                    i += 1
            elif n == "u":
                end = s.index("}", i)
                out.append(chr(int(s[i + 3 : end], 16)))
                i = end + 1
            elif n == "x":
                out.append(chr(int(s[i + 2 : i + 4], 16)))
                i += 4
            else:
                out.append(escapes.get(n, n))
                i += 2
        return "".join(out)

    for m in pattern.finditer(source):
        yield m.group(2) if m.group(3) is None else unescape(m.group(3))


def vtl_seeds():
    body = b'{"name": "Rex", "tag": "dog", "items": [1, {"a": "x\'y"}], "n": 1.5}'
    params = b"petId=pet-1\0limit=2\0Content-Type=application/json"
    for example, document in goldens():
        for path, method, integration in integrations(document):
            templates = list((integration.get("requestTemplates") or {}).values())
            for response in (integration.get("responses") or {}).values():
                templates += list((response.get("responseTemplates") or {}).values())
            for template in templates:
                text = text_of(template)
                if text is None:
                    continue
                name = f"{example}-{method}-{path}"
                yield name, text.encode()
                yield name + "-input", text.encode() + b"\0" + body + b"\0" + params
    for test in sorted((ROOT / "vtl" / "tests").glob("*.rs")):
        for s in rust_strings(test.read_text()):
            if ("$" in s or "#" in s) and len(s) < 2000:
                yield f"vtl-{test.stem}", s.encode()


def fixture_seeds():
    # The base events in the order fuzz/src/mutate.rs loads them (sorted file names under each
    # directory, then the two envelopes); an index that runs past the end wraps around.
    count = 0
    for directory in ["tests/fixtures/events", "tests/fixtures/bad-input/real"]:
        for path in sorted((ROOT / directory).rglob("*.json")):
            try:
                json.loads(path.read_text())
            except ValueError:
                continue
            count += 1
    count += 2
    for i in range(count):
        yield f"event-{i:03}", bytes([i & 0xFF, i >> 8])


def main():
    counts = {
        "path_template": write_all("path_template", path_seeds()),
        "vtl_render": write_all("vtl_render", vtl_seeds()),
        "lambda_event_fixtures": write_all("lambda_event_fixtures", fixture_seeds()),
    }
    for target, n in counts.items():
        print(f"{target}: {n} seeds")


if __name__ == "__main__":
    main()
