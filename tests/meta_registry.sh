#!/usr/bin/env bash
# meta_registry.sh BIN SRC - the rule registry, the rule files and their
# documentation pages agree: every rules.def line has checks/<stem>.c
# defining <ID>_rule and checks/<stem>.md with the required headings; every
# checks/ecs*.c is registered; ids are sorted and unique.
#
# A page whose Example holds ecslint's output (a ```text block) is
# executable: the rule then needs fixtures/rules/<ID>/ with at least one
# fail-* case whose expected.out reports <ID>, one pass-* case whose output
# does not, and a doc-example/ case whose files and expected.out are
# exactly the page's Example blocks (run_fixtures.sh then proves the output).
# Every id named in any fixture's expected output must be registered.
set -u
bin=$1
src=$2
fail=0
prev=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ids=" $(sed -n 's/^RULE(\(ECS[0-9]\{3\}\),.*/\1/p' "$src/checks/rules.def" | tr '\n' ' ')"

check_fixtures() {	# id md
  local id=$1 md=$2 dir=$src/fixtures/rules/$1 n=0 d
  grep -q '^```text' "$md" || return 0
  for d in "$dir"/fail-*/; do
    [ -f "$d/expected.out" ] || continue
    n=$((n+1))
    grep -q "\[$id\]" "$d/expected.out" || { echo "FAIL $id: ${d#$src/} does not report $id"; fail=1; }
  done
  [ $n -gt 0 ] || { echo "FAIL $id: no fixtures/rules/$id/fail-* case"; fail=1; }
  n=0
  for d in "$dir"/pass-*/; do
    [ -f "$d/expected.out" ] || continue
    n=$((n+1))
    ! grep -q "\[$id\]" "$d/expected.out" || { echo "FAIL $id: ${d#$src/} reports $id"; fail=1; }
  done
  [ $n -gt 0 ] || { echo "FAIL $id: no fixtures/rules/$id/pass-* case"; fail=1; }
  if [ ! -d "$dir/doc-example" ]; then
    echo "FAIL $id: no fixtures/rules/$id/doc-example (scripts/sync-doc-examples creates it)"; fail=1; return
  fi
  rm -rf "$tmp/doc"; mkdir -p "$tmp/doc"
  awk -v out="$tmp/doc" -f "$src/tests/doc_blocks.awk" "$md"
  for f in "$tmp"/doc/* "$tmp"/doc/.[!.]*; do
    [ -e "$f" ] || continue
    cmp -s "$f" "$dir/doc-example/${f##*/}" ||
      { echo "FAIL $id: the Example's ${f##*/} differs from fixtures/rules/$id/doc-example (run scripts/sync-doc-examples)"; fail=1; }
  done
}
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
  [ -f "$md" ] && check_fixtures "$id" "$md"
  if [ -n "$prev" ] && [[ ! "$prev" < "$id" ]]; then echo "FAIL $id: not sorted after $prev (or duplicated)"; fail=1; fi
  prev=$id
done < <(sed -n 's/^RULE(\(ECS[0-9]\{3\}\), *\([a-z0-9_]*\)).*/\1 \2/p' "$src/checks/rules.def")
for c in "$src"/checks/ecs*.c; do
  stem=$(basename "$c" .c)
  grep -q "^RULE([A-Z0-9]*, *$stem)" "$src/checks/rules.def" || { echo "FAIL $stem.c is not registered in rules.def"; fail=1; }
done
# Outputs may name only registered rules.
while IFS= read -r used; do
  case "$ids " in *" $used "*) ;; *) echo "FAIL a fixture's expected output names unknown rule $used"; fail=1 ;; esac
done < <(find "$src/fixtures" -name 'expected.*' -exec grep -oh '\[ECS[0-9]\{3\}\]' {} + 2>/dev/null | tr -d '[]' | sort -u)
# Names are kebab-case and every rule has a summary (ecslint rules prints both).
while read -r id name sev on summary; do
  [[ $name =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || { echo "FAIL $id: name '$name' is not kebab-case"; fail=1; }
  [ -n "$summary" ] || { echo "FAIL $id: empty summary"; fail=1; }
done < <("$bin" rules | tail -n +2)
# The embedded pages are the ones in the tree: explain prints each.
for id in $ids; do
  "$bin" explain "$id" >"$tmp/page" 2>/dev/null || { echo "FAIL $id: 'ecslint explain $id' fails"; fail=1; continue; }
  head -1 "$tmp/page" | grep -q "^# $id " || { echo "FAIL $id: 'ecslint explain $id' prints another page"; fail=1; }
done
if [ $fail = 0 ]; then echo "meta: 1 passed, 0 failed"; else echo "meta: 0 passed, 1 failed"; fi
exit $fail
