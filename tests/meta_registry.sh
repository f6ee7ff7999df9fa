#!/usr/bin/env bash
# meta_registry.sh BIN SRC - the rule registry, the rule files and their
# documentation pages agree: every rules.def line has checks/<stem>.c
# defining <ID>_rule and checks/<stem>.md with the required headings; every
# checks/ecs*.c is registered; ids are sorted and unique.
set -u
src=$2
fail=0
prev=""
while read -r id stem; do
  [ -f "$src/checks/$stem.c" ] || { echo "FAIL $id: checks/$stem.c missing"; fail=1; }
  grep -q "${id}_rule" "$src/checks/$stem.c" 2>/dev/null || { echo "FAIL $id: ${id}_rule not defined in $stem.c"; fail=1; }
  md="$src/checks/$stem.md"
  if [ ! -f "$md" ]; then echo "FAIL $id: checks/$stem.md missing"; fail=1; else
    head -1 "$md" | grep -q "^# $id " || { echo "FAIL $id: $stem.md must start with '# $id <name>'"; fail=1; }
    for h in "What it checks" "Why it matters" "Example" "Use instead" "Options" "How to suppress" "References"; do
      grep -q "^## $h" "$md" || { echo "FAIL $id: $stem.md lacks '## $h'"; fail=1; }
    done
  fi
  if [ -n "$prev" ] && [[ ! "$prev" < "$id" ]]; then echo "FAIL $id: not sorted after $prev (or duplicated)"; fail=1; fi
  prev=$id
done < <(sed -n 's/^RULE(\(ECS[0-9]\{3\}\), *\([a-z0-9_]*\)).*/\1 \2/p' "$src/checks/rules.def")
for c in "$src"/checks/ecs*.c; do
  stem=$(basename "$c" .c)
  grep -q "^RULE([A-Z0-9]*, *$stem)" "$src/checks/rules.def" || { echo "FAIL $stem.c is not registered in rules.def"; fail=1; }
done
if [ $fail = 0 ]; then echo "meta: 1 passed, 0 failed"; else echo "meta: 0 passed, 1 failed"; fi
exit $fail
