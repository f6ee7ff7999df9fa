#!/usr/bin/env python3
"""json_report_schema.py BIN SRC - every JSON report the fixtures expect, and
fresh reports over every fixture input, example and shared corpus file,
validate against schemas/ecslint-report.schema.json (Draft 2020-12).
Exits 77 (skip)
without the python3 jsonschema package (Debian: python3-jsonschema)."""
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema absent: skipped")
    sys.exit(77)

binary, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
with open(os.path.join(src, "schemas", "ecslint-report.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

reports = []
for exp in sorted(glob.glob(os.path.join(src, "fixtures", "**", "expected.*"), recursive=True)):
    case = os.path.dirname(exp)
    args_file = os.path.join(case, "args")
    if not os.path.exists(args_file):
        continue
    with open(args_file, encoding="utf-8") as f:
        args = f.read().split("\n")
    # Our report: `check --format json` (convert prints templates as JSON).
    if not args or args[0] != "check" or "json" not in args:
        continue
    with open(exp, "rb") as f:
        data = f.read()
    if data.startswith(b"{"):
        reports.append((os.path.relpath(exp, src), data))

inputs = sorted(glob.glob(os.path.join(src, "fixtures", "**", "*.y*ml"), recursive=True) +
                glob.glob(os.path.join(src, "examples", "**", "*.y*ml"), recursive=True) +
                glob.glob(os.path.join(src, "..", "shared", "corpus", "**", "*.y*ml"), recursive=True))
for y in inputs:
    run = subprocess.run([binary, "check", "--format", "json", os.path.basename(y)],
                         cwd=os.path.dirname(y), capture_output=True, check=False)
    reports.append(("fresh " + os.path.relpath(y, src), run.stdout))

fail = 0
for name, data in reports:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        print(f"FAIL {name}: not JSON: {e}")
        fail += 1
        continue
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(f"FAIL {name}: {'/'.join(map(str, e.path))}: {e.message}")
    if errors:
        fail += 1

print(f"json-schema: {len(reports) - fail} passed, {fail} failed")
sys.exit(1 if fail or not reports else 0)
