#!/usr/bin/env bash
# The README's "Starting a crate" section, followed to the letter: its files are extracted from
# README.md (each fenced block under a `<!-- new-crate: PATH -->` marker) into a crate in a
# temporary directory outside the repository, whose only change is the `apigw` path, pointed at
# this checkout. Then the section's commands run as written (`cargo test`, `cargo run --bin synth`)
# and their results are checked. So the section cannot drift from what works.
#
# Usage: .ci/new-crate.sh   (needs cargo and python3; prints the time of each step)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

step() { printf '\n--- new crate: %s\n' "$*"; }
timed() {
  local started=$SECONDS
  "$@"
  echo "($((SECONDS - started)) s)"
}

work="$(mktemp -d "${TMPDIR:-/tmp}/apigw-new-crate.XXXXXX")"
trap 'rm -rf "$work"' EXIT
crate="$work/my-api"

step "extract the files from README.md into $crate"
python3 - "$root/README.md" "$crate" "$work/commands.sh" <<'PY'
import pathlib, re, sys

readme, crate, commands = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
lines = pathlib.Path(readme).read_text().splitlines()
blocks = {}
i = 0
while i < len(lines):
    marker = re.fullmatch(r"<!-- new-crate: (\S+) -->", lines[i].strip())
    i += 1
    if not marker:
        continue
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines) or not lines[i].startswith("```"):
        sys.exit(f"README.md: the marker for {marker.group(1)} is not followed by a fenced block")
    i += 1
    body = []
    while i < len(lines) and not lines[i].startswith("```"):
        body.append(lines[i])
        i += 1
    blocks[marker.group(1)] = "\n".join(body) + "\n"
expected = {"Cargo.toml", "src/lib.rs", "src/bin/synth.rs", "tests/api.rs", "commands"}
if set(blocks) != expected:
    sys.exit(f"README.md: new-crate blocks {sorted(blocks)}, expected {sorted(expected)}")
for path, text in blocks.items():
    target = commands if path == "commands" else crate / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    print(f"  {path} ({len(text.splitlines())} lines)")
PY

# The one change: the README depends on "../apigw/runtime"; here that is this checkout.
readme_dep='apigw = { path = "../apigw/runtime" }'
grep -qxF "$readme_dep" "$crate/Cargo.toml" || {
  echo "README.md's Cargo.toml no longer has the line: $readme_dep" >&2
  exit 1
}
sed -i "s|^apigw = { path = \"../apigw/runtime\" }\$|apigw = { path = \"$root/runtime\" }|" "$crate/Cargo.toml"
# The dependency versions the workspace is tested with (cargo drops the entries the crate does
# not use), so this check does not depend on what crates.io released today.
cp "$root/Cargo.lock" "$crate/Cargo.lock"
# The workspace's pinned compiler.
channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$root/rust-toolchain.toml")"
export RUSTUP_TOOLCHAIN="${channel:-stable}"
# Its own target directory: its `synth` binary must not replace the examples' `target/debug/synth`.
export CARGO_TARGET_DIR="$root/target/new-crate"
unset AWS_LAMBDA_RUNTIME_API

step "run the section's commands in the crate"
cat "$work/commands.sh"
log="$work/commands.log"
(cd "$crate" && timed bash -euo pipefail "$work/commands.sh") 2>&1 | tee "$log"

step "check what they did"
# The snippets compile without a warning.
if grep -E "^warning: .*\`my-api\`" "$log"; then
  echo "the README's crate compiles with warnings" >&2
  exit 1
fi
grep -q "test result: ok. 2 passed" "$log" || {
  echo "the README's tests did not both pass" >&2
  exit 1
}
grep -q "^My API 0.1.0: 2 operations" "$log"
for artifact in openapi.json template.json api.html; do
  test -s "$crate/out/$artifact" || {
    echo "synth did not write out/$artifact" >&2
    exit 1
  }
done
python3 - "$crate/out/openapi.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert sorted(doc["paths"]) == ["/health", "/hello/{name}"], sorted(doc["paths"])
print("  out/openapi.json: /health, /hello/{name}")
PY
# A debug build is not packaged; synth says how to get a package.
test ! -e "$crate/out/lambda"
grep -q "not packaged: this is a debug build" "$log"
echo "the README's new crate builds, tests and synthesizes"
