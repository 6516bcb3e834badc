-- Headless Neovim session: open a blueprint with a mistake, receive the diagnostic, ask for
-- completion and hover, through editors/neovim/lua/blueprint.lua. Prints a transcript;
-- exits non-zero when a step fails.
--   BLUEPRINT_CMD="…/blueprint lsp" nvim --headless -u NONE -i NONE \
--     --cmd 'set rtp^=editors/neovim' -c 'luafile editors/test/nvim-session.lua' FILE
local out = {}
local function say(line)
  table.insert(out, line)
  io.stdout:write(line .. '\n')
end
local function fail(msg)
  io.stderr:write('nvim-session: FAILED: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local file = assert(os.getenv('BLUEPRINT_FILE'), 'set BLUEPRINT_FILE')
  local cmd = vim.split(assert(os.getenv('BLUEPRINT_CMD'), 'set BLUEPRINT_CMD'), ' ', { trimempty = true })
  require('blueprint').setup({ cmd = cmd })
  say('$ nvim ' .. vim.fn.fnamemodify(file, ':t') .. '    (Neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) .. ')')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  say('filetype: ' .. vim.bo[buf].filetype)
  if vim.bo[buf].filetype ~= 'blueprint-service' then
    return fail('the filetype is ' .. vim.bo[buf].filetype)
  end

  -- highlighting from syntax/blueprint-service.vim
  vim.cmd('syntax enable')
  local function group_at(pattern, offset)
    for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      local s = l:find(pattern, 1, true)
      if s then
        return vim.fn.synIDattr(vim.fn.synID(i, s + (offset or 0), 1), 'name')
      end
    end
    return ''
  end
  local groups = {
    { 'entity Task', 0, 'blueprintDeclaration' },
    { 'uuid @key', 0, 'blueprintType' },
    { '@key', 0, 'blueprintAttribute' },
    { '"1.0.0"', 1, 'blueprintString' },
    { '/// Something', 0, 'blueprintDoc' },
    { '$status', 0, 'blueprintParameter' },
  }
  local seen = {}
  for _, g in ipairs(groups) do
    local got = group_at(g[1], g[2])
    table.insert(seen, g[1] .. ' → ' .. got)
    if got ~= g[3] then
      return fail(string.format('%s is highlighted as %q, not %s', g[1], got, g[3]))
    end
  end
  say('syntax: ' .. vim.b[buf].current_syntax .. ' (' .. table.concat(seen, ', ') .. ')')

  local function clients()
    return vim.lsp.buf_get_clients(buf)
  end
  if not vim.wait(60000, function() return next(clients()) ~= nil and select(2, next(clients())).initialized end, 50) then
    return fail('no language server attached within 60 s')
  end
  local _, client = next(clients())
  local shown = vim.deepcopy(client.config.cmd)
  shown[1] = vim.fn.fnamemodify(shown[1], ':t')
  say('attached: ' .. client.name .. ' (' .. table.concat(shown, ' ') .. ')')

  -- diagnostics
  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    return fail('no diagnostics within 30 s')
  end
  local severities = { 'error', 'warning', 'info', 'hint' }
  local found = false
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
    say(string.format('diagnostic: %s:%d:%d: %s: %s [%s]', vim.fn.fnamemodify(file, ':t'), d.lnum + 1, d.col + 1, severities[d.severity], d.message, code))
    if code == 'BP0102' and d.message:find("did you mean 'Status'", 1, true) then
      found = true
    end
  end
  if not found then
    return fail('the BP0102 diagnostic for Staus did not arrive')
  end

  -- completion in the field type position of `status: Staus`
  local line = 12
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = line, character = 10 } }
  local replies = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000) or {}
  local labels = {}
  for _, reply in pairs(replies) do
    local result = reply.result or {}
    for _, item in ipairs(result.items or result) do
      table.insert(labels, item.label)
    end
  end
  table.sort(labels)
  say(string.format('completion at %d:%d: %d items: %s', line + 1, 11, #labels, table.concat(labels, ', ')))
  for _, want in ipairs({ 'Status', 'string', 'uuid' }) do
    if not vim.tbl_contains(labels, want) then
      return fail('completion lacks ' .. want)
    end
  end

  -- hover on the entity name in `resource "/tasks" Task`
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local row, col
  for i, l in ipairs(lines) do
    local s = l:find('resource "/tasks" Task', 1, true)
    if s then
      row, col = i - 1, s - 1 + #'resource "/tasks" '
    end
  end
  params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = row, character = col + 1 } }
  replies = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
  local text = ''
  for _, reply in pairs(replies) do
    if reply.result then
      text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(reply.result.contents), '\n')
    end
  end
  say(string.format('hover at %d:%d:', row + 1, col + 2))
  for _, l in ipairs(vim.split(vim.trim(text), '\n')) do
    say('  | ' .. l)
  end
  if not text:find('Something to do.', 1, true) then
    return fail('the hover lacks the doc comment')
  end

  vim.lsp.stop_client(client.id)
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client.id) end, 50)
  say('ok')
end)
if not ok then
  fail(tostring(err))
end
vim.cmd('qall!')
