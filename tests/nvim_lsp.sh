#!/usr/bin/env bash
# nvim_lsp.sh BIN SRC - headless Neovim (Debian's, 0.7+) opens a Compose file
# with editors/nvim/lua/ecslint.lua set up, attaches `BIN lsp` through
# Neovim's own LSP client and reads the diagnostics back: rule id, severity
# and position must be what the server computed (Neovim converts our UTF-16
# characters to byte columns, so a wrong unit shows up as a wrong column).
# Then a fix is typed into the buffer and the diagnostics must go away.
# Skips (77) without nvim.
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
command -v nvim >/dev/null 2>&1 || { echo "nvim absent: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/proj" "$tmp/home"
# "  web: {labels: {wéb😀: x}, image: x, image: y}" (non-ASCII in a label key: service
# names are ASCII in Compose): the second "image" is at UTF-16 character 38, byte 41.
printf 'services:\n  web: {labels: {w\xc3\xa9b\xf0\x9f\x98\x80: x}, image: x, image: y}\n' > "$tmp/proj/compose.yaml"
cat > "$tmp/test.lua" <<LUA
local out = io.open('$tmp/result.txt', 'w')
local function finish(ok, msg)
  out:write((ok and 'PASS ' or 'FAIL ') .. msg .. '\n')
  out:close()
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end
local function main()
require('ecslint').setup({ cmd = { '$bin', 'lsp' } })
vim.cmd('edit $tmp/proj/compose.yaml')
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'yaml' then return finish(false, 'filetype is ' .. vim.bo[buf].filetype) end
local got = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
if not got then return finish(false, 'no diagnostics arrived; clients: ' .. #vim.lsp.buf_get_clients(buf)) end
local d = vim.diagnostic.get(buf)[1]
local lsp = d.user_data and d.user_data.lsp or {}
local desc = string.format('code=%s source=%s severity=%s lnum=%s col=%s end_col=%s href=%s',
  tostring(d.code or lsp.code), tostring(d.source), tostring(d.severity), tostring(d.lnum), tostring(d.col),
  tostring(d.end_col), tostring(lsp.codeDescription and lsp.codeDescription.href))
if #vim.diagnostic.get(buf) ~= 1 or (d.code or lsp.code) ~= 'ECS002' or d.source ~= 'ecslint'
  or d.severity ~= vim.diagnostic.severity.ERROR or d.lnum ~= 1 or d.col ~= 41 or d.end_col ~= 46 then
  return finish(false, 'unexpected diagnostic: ' .. desc)
end
-- Edit the buffer (didChange, full sync): the duplicate goes, so must the diagnostic.
vim.api.nvim_buf_set_lines(buf, 1, 2, false, { '  web: {image: x}' })
if not vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 50) then
  return finish(false, 'diagnostic not cleared after the fix')
end
finish(true, desc)
end
local ok, err = pcall(main)
if not ok then finish(false, 'error: ' .. tostring(err)) end
LUA
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home XDG_DATA_HOME=$tmp/home XDG_STATE_HOME=$tmp/home \
  timeout 30 nvim --headless --clean --cmd "set rtp^=$src/editors/nvim" -c "luafile $tmp/test.lua" </dev/null >"$tmp/nvim.out" 2>&1
rc=$?
[ -s "$tmp/result.txt" ] && cat "$tmp/result.txt" || { echo "FAIL: nvim wrote no result (exit $rc)"; cat "$tmp/nvim.out"; exit 1; }
grep -q '^PASS' "$tmp/result.txt" && [ $rc = 0 ]
