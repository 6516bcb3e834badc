-- Blueprint for Neovim: the `blueprint-service` filetype for *.blueprint files and the
-- Blueprint language server on it. Works on Neovim 0.7 (vim.lsp.start_client +
-- buf_attach_client, what Debian 12 ships) and 0.8+ (vim.lsp.start).
--
--   require('blueprint').setup()                                  -- `blueprint lsp` from PATH
--   require('blueprint').setup({ cmd = { 'java', '-jar', '/path/to/blueprint.jar', 'lsp' } })
--
-- Options: cmd (the server command), on_attach (function(client, bufnr)), settings (sent
-- for workspace/configuration, e.g. { blueprint = { hiddenCodes = { 'BP0506' } } }),
-- root_markers (files or folders marking the project root; default { '.git' }).
local M = {}

M.filetype = 'blueprint-service'

local clients = {} -- Neovim 0.7: one client per root folder

-- The nearest folder above the file holding one of the markers, else the file's folder.
local function root_dir(file, markers)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  for _, marker in ipairs(markers) do
    local hit = vim.fn.finddir(marker, dir .. ';')
    if hit ~= '' then
      return vim.fn.fnamemodify(hit, ':p:h:h') -- a folder: :p ends it with '/'
    end
    hit = vim.fn.findfile(marker, dir .. ';')
    if hit ~= '' then
      return vim.fn.fnamemodify(hit, ':p:h')
    end
  end
  return dir
end

local function start(bufnr, opts)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local root = root_dir(file, opts.root_markers or { '.git' })
  local config = {
    name = 'blueprint',
    cmd = opts.cmd or { 'blueprint', 'lsp' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    settings = opts.settings or { blueprint = {} },
    on_attach = opts.on_attach,
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(config)
    if not id then
      vim.notify('blueprint: the language server did not start: ' .. table.concat(config.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  opts = opts or {}
  local group = vim.api.nvim_create_augroup('blueprint-service', { clear = true })
  -- An autocommand rather than vim.filetype.add: Neovim 0.7 only reads that with
  -- g:do_filetype_lua set.
  vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
    group = group,
    pattern = '*.blueprint',
    command = 'setfiletype ' .. M.filetype,
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.filetype,
    callback = function(args)
      vim.bo[args.buf].commentstring = '// %s'
      vim.bo[args.buf].comments = 's1:/*,mb:*,ex:*/,:///,://'
      vim.bo[args.buf].shiftwidth = 2
      vim.bo[args.buf].expandtab = true
      vim.bo[args.buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
      start(args.buf, opts)
    end,
  })
end

return M
