-- ecslint.lua - attaches `ecslint lsp` to Compose buffers in Neovim >= 0.7,
-- with nothing but Neovim's built-in LSP client (no plugin needed).
--
--   require('ecslint').setup()                       -- defaults below
--   require('ecslint').setup({ cmd = { '/path/to/ecslint', 'lsp' } })
--
-- One server per project root (the nearest directory holding .git or a
-- Compose file); every Compose buffer under that root attaches to it.
local M = {}

local defaults = {
  cmd = { 'ecslint', 'lsp' },
  filetypes = { 'yaml' },
  -- Compose file names (compose.yaml, docker-compose.override.yml, docker-compose-dev.yml, ...).
  patterns = { '^compose.*%.ya?ml$', '^docker%-compose.*%.ya?ml$' },
  root_markers = { '.git', 'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml' },
}

local clients = {}

local function is_compose(path, patterns)
  local name = vim.fn.fnamemodify(path, ':t')
  for _, p in ipairs(patterns) do
    if name:match(p) then
      return true
    end
  end
  return false
end

local function find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, m in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. m) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return vim.fn.fnamemodify(path, ':p:h')
    end
    dir = parent
  end
end

-- Attaches the buffer to the server of its root, starting it if needed.
-- Returns the client id, or nil when the buffer is not a Compose file.
function M.attach(bufnr, opts)
  opts = vim.tbl_extend('force', defaults, opts or {})
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' or not is_compose(path, opts.patterns) then
    return nil
  end
  local root = find_root(path, opts.root_markers)
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'ecslint',
      cmd = opts.cmd,
      root_dir = root,
      on_exit = function()
        clients[root] = nil
      end,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  opts = vim.tbl_extend('force', defaults, opts or {})
  local group = vim.api.nvim_create_augroup('ecslint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      M.attach(args.buf, opts)
    end,
  })
end

return M
