"""Validates OpenAPI documents as openapi-spec-validator does, greedy path parameters included.

API Gateway's greedy parameter is written `{key+}` in the path and named `key` in `parameters`
(the form API Gateway exports and imports). OpenAPI has no greedy parameters, so a standard
validator reads `{key+}` as a parameter named `key+` that nothing declares. Each document is
validated with `{name+}` rewritten to `{name}` in a copy, and only there; everything else is
checked as written.
"""

import json
import re
import sys

from openapi_spec_validator import validate

GREEDY = re.compile(r"\{([A-Za-z0-9._-]+)\+\}")


def for_validator(document):
    paths = document.get("paths", {})
    document["paths"] = {GREEDY.sub(r"{\1}", path): item for path, item in paths.items()}
    return document


def main(files):
    for file in files:
        with open(file, encoding="utf-8") as f:
            document = json.load(f)
        greedy = [p for p in document.get("paths", {}) if GREEDY.search(p)]
        validate(for_validator(document))
        note = f" ({len(greedy)} greedy path(s) read as plain parameters)" if greedy else ""
        print(f"{file}: OK{note}")


if __name__ == "__main__":
    main(sys.argv[1:])
