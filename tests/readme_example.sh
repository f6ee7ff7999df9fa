#!/usr/bin/env bash
# readme_example.sh BIN SRC - the quick-start output shown in README.md is
# what ecslint prints for examples/webapp/compose.yaml, byte for byte.
set -u
bin=$1 src=$2
expected=$(awk '/^```text$/{f=1;next} f&&/^```$/{exit} f' "$src/README.md")
got=$(cd "$src" && "$bin" check --color=never examples/webapp/compose.yaml 2>&1)
if [ "$expected" != "$got" ]; then
  echo "README.md's example output differs from the binary's:"
  diff <(printf '%s\n' "$expected") <(printf '%s\n' "$got")
  echo "readme: 0 passed, 1 failed"
  exit 1
fi
echo "readme: 1 passed, 0 failed"
