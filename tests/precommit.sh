#!/usr/bin/env bash
# precommit.sh BIN SRC - the real pre-commit runs the hook of
# .pre-commit-hooks.yaml with `pre-commit try-repo` on a temporary git
# repository, with BIN's directory first on PATH (a system hook): a
# good Compose file passes; a bad one fails with our diagnostic; a file
# whose name is not a Compose name is not passed to the hook.
# Skips (77) without pre-commit or git.
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
command -v pre-commit >/dev/null 2>&1 || { echo "pre-commit absent: skipped"; exit 77; }
command -v git >/dev/null 2>&1 || { echo "git absent: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PATH="$(dirname "$bin"):$PATH" PRE_COMMIT_HOME="$tmp/cache" PRE_COMMIT_COLOR=never
export GIT_CONFIG_GLOBAL="$tmp/gitconfig" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main
git config --file "$GIT_CONFIG_GLOBAL" --add safe.directory '*'
fail=0

# try-repo clones a git repository and reads the committed manifest: commit
# the working tree's .pre-commit-hooks.yaml into a scratch hook repository,
# so the test checks the manifest as it is now (committed or not).
hook_repo=$tmp/hookrepo
mkdir -p "$hook_repo" && cp "$src/.pre-commit-hooks.yaml" "$hook_repo/"
git -C "$hook_repo" init -q && git -C "$hook_repo" add -A && git -C "$hook_repo" commit -qm hooks || exit 1

run_case() {	# run_case NAME WANT_STATUS FILE CONTENT [GREP...]
  local name=$1 want=$2 file=$3 content=$4; shift 4
  local repo=$tmp/$name
  mkdir -p "$repo/$(dirname "$file")"
  git -C "$repo" init -q
  printf '%s' "$content" > "$repo/$file"
  git -C "$repo" add -A
  ( cd "$repo" && pre-commit try-repo "$hook_repo" ecslint --all-files ) >"$tmp/$name.out" 2>&1
  local rc=$?
  if { [ "$want" = 0 ] && [ $rc != 0 ]; } || { [ "$want" != 0 ] && [ $rc = 0 ]; }; then
    echo "FAIL $name: pre-commit exited $rc, wanted $( [ "$want" = 0 ] && echo 0 || echo non-zero )"
    sed 's/^/    /' "$tmp/$name.out" | tail -30; fail=$((fail+1)); return
  fi
  for pattern in "$@"; do
    if ! grep -qE -- "$pattern" "$tmp/$name.out"; then
      echo "FAIL $name: output lacks /$pattern/"; sed 's/^/    /' "$tmp/$name.out" | tail -30; fail=$((fail+1)); return
    fi
  done
  echo "ok   $name"
}

good='services:
  web:
    image: nginx:1.27
'
bad='services:
  web:
    image: nginx
    image: httpd
'
run_case good 0 compose.yaml "$good" 'ecslint.*Passed'
run_case bad 1 deploy/docker-compose.prod.yml "$bad" 'ecslint.*Failed' \
  'deploy/docker-compose\.prod\.yml:4:5: error: duplicate key .image. in this mapping \[ECS002\]'
run_case dashed 1 docker-compose-dev.yml "$bad" 'docker-compose-dev\.yml:4:5: error: .*\[ECS002\]'
# Not a Compose file name: the hook must not even run on it.
run_case other 0 config/settings.yaml "$bad" 'ecslint.*(no files to check|Skipped)'

echo "pre-commit: $((4-fail)) passed, $fail failed"
[ $fail = 0 ]
