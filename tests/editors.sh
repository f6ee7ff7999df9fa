#!/usr/bin/env bash
# editors.sh BIN SRC - the editor integrations that have no headless client
# here are still exercised: the ALE linter (Vim script) runs in headless
# Neovim against a minimal stand-in for the three ALE helpers it calls, on
# the real output of the command it builds; the VS Code extension's
# JavaScript and manifest must parse.  (Neovim's LSP route has its own test,
# nvim_lsp.sh.)  Parts whose tool is missing are skipped; all missing: 77.
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 ran=0

if command -v nvim >/dev/null 2>&1; then
  ran=$((ran+1))
  mkdir -p "$tmp/rt/autoload/ale/linter" "$tmp/rt/autoload/ale/util" "$tmp/proj"
  # Stand-ins with ALE's documented behaviour (doc/ale.txt), only what the linter uses.
  cat > "$tmp/rt/autoload/ale.vim" <<'VIM'
function! ale#Set(name, default) abort
  if !has_key(g:, 'ale_' . a:name) | let g:['ale_' . a:name] = a:default | endif
endfunction
function! ale#Var(buffer, name) abort
  return get(getbufvar(a:buffer, ''), 'ale_' . a:name, g:['ale_' . a:name])
endfunction
function! ale#Pad(s) abort
  return empty(a:s) ? '' : ' ' . a:s
endfunction
VIM
  cat > "$tmp/rt/autoload/ale/util.vim" <<'VIM'
function! ale#util#GetMatches(lines, pattern) abort
  let l:out = []
  for l:line in a:lines
    let l:m = matchlist(l:line, a:pattern)
    if !empty(l:m) | call add(l:out, l:m) | endif
  endfor
  return l:out
endfunction
VIM
  cat > "$tmp/rt/autoload/ale/linter.vim" <<'VIM'
let g:defined = []
function! ale#linter#Define(filetype, linter) abort
  call add(g:defined, [a:filetype, a:linter])
endfunction
VIM
  # The label key "wéb" (non-ASCII; service names are ASCII in Compose): 'hostname' after it
  # on line 2 is at character 47, byte 48, so Vim's 1-based column is 49.
  printf 'services:\n  web: {labels: {w\xc3\xa9b: x}, image: "nginx:1.27", hostname: web}\n  db:\n    image: postgres:16\n    cap_add: [SYS_ADMIN]\n' > "$tmp/proj/docker-compose.yml"
  cat > "$tmp/test.vim" <<VIM
set nomore
try
  runtime ale_linters/yaml/ecslint.vim
  let s:l = g:defined[0][1]
  if g:defined[0][0] !=# 'yaml' || s:l.name !=# 'ecslint' | throw 'bad Define: ' . string(g:defined) | endif
  edit $tmp/proj/docker-compose.yml
  let s:cmd = s:l.command(bufnr(''))
  " ALE's substitutions: %e the executable, %s the buffer's file; the buffer goes to stdin.
  let s:cmd = substitute(s:cmd, '%e', '$bin', '')
  let s:cmd = substitute(s:cmd, '%s', shellescape(expand('%:p')), '')
  let s:out = systemlist(s:cmd, bufnr(''))
  let s:items = ale_linters#yaml#ecslint#Handle(bufnr(''), s:out)
  let s:want = [
  \ {'lnum': 2, 'col': 49, 'type': 'W', 'code': 'ECS202'},
  \ {'lnum': 5, 'col': 15, 'type': 'E', 'code': 'ECS206'}]
  if len(s:items) != 2 | throw 'got ' . string(s:items) . ' from ' . string(s:out) | endif
  for s:i in range(2)
    for [s:k, s:v] in items(s:want[s:i])
      if s:items[s:i][s:k] !=# s:v | throw 'item ' . s:i . ': ' . string(s:items[s:i]) | endif
    endfor
  endfor
  if s:items[0].text !~# "unsupported attribute 'hostname'" | throw 'text: ' . s:items[0].text | endif
  " Not a Compose file name: nothing.
  file $tmp/proj/settings.yml
  if !empty(ale_linters#yaml#ecslint#Handle(bufnr(''), s:out)) | throw 'non-Compose file got findings' | endif
  call writefile(['PASS ale: ' . string(s:items[0])], '$tmp/ale.txt')
catch
  call writefile(['FAIL ale: ' . v:exception], '$tmp/ale.txt')
endtry
qall!
VIM
  HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_STATE_HOME=$tmp timeout 60 \
    nvim --headless --clean --cmd "set rtp^=$tmp/rt,$src/editors/vim" -S "$tmp/test.vim" </dev/null >"$tmp/nvim.out" 2>&1
  if [ -s "$tmp/ale.txt" ]; then cat "$tmp/ale.txt"; else echo "FAIL ale: no result"; cat "$tmp/nvim.out"; fi
  grep -q '^PASS' "$tmp/ale.txt" 2>/dev/null || fail=$((fail+1))
fi

if command -v node >/dev/null 2>&1; then
  ran=$((ran+1))
  if node --check "$src/editors/vscode/extension.js" &&
     node -e 'const p = require(process.argv[1]);
       if (p.main !== "./extension.js" || !p.contributes.yamlValidation.length || !p.activationEvents.length) process.exit(1);' \
       "$src/editors/vscode/package.json"; then
    echo "PASS vscode: extension.js and package.json parse"
  else
    echo "FAIL vscode"; fail=$((fail+1))
  fi
fi

[ $ran = 0 ] && { echo "no nvim, no node: skipped"; exit 77; }
echo "editors: $((ran-fail)) passed, $fail failed"
[ $fail = 0 ]
