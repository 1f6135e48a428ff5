-- Headless Neovim (0.7 to 0.11), with the documented snippet as its init.lua: open a code file
-- and spec.toml, check both are attached to one specls client, record a decision with the
-- quick fix, and wait for the code's diagnostics to change. Writes what it saw as JSON.
-- Environment: SPECLS_FILE (code), SPECLS_SPEC (spec.toml), SPECLS_OUT (the JSON).
local out = os.getenv("SPECLS_OUT")
local result = {}

local function finish(ok, why)
  result.ok = ok
  result.why = why
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(ok and "qall!" or "cquit! 1")
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, d.code)
  end
  table.sort(found)
  return found
end

local function specls_ids(bufnr)
  local ids = {}
  if vim.lsp.get_clients then
    for _, c in ipairs(vim.lsp.get_clients({ bufnr = bufnr, name = "specls" })) do
      table.insert(ids, c.id)
    end
  else
    for _, c in pairs(bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()) do
      if c.name == "specls" then
        table.insert(ids, c.id)
      end
    end
  end
  table.sort(ids)
  return ids
end

local function has(list, value)
  for _, v in ipairs(list) do
    if v == value then
      return true
    end
  end
  return false
end

-- as a person does: open the code, read its findings, then open the spec beside it
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("SPECLS_FILE")))
local code_buf = vim.api.nvim_get_current_buf()
if not vim.wait(30000, function()
  return has(codes(code_buf), "R101")
end, 50) then
  result.before = codes(code_buf)
  return finish(false, "no R101 on the code file")
end
vim.cmd("split " .. vim.fn.fnameescape(os.getenv("SPECLS_SPEC")))
local spec_buf = vim.api.nvim_get_current_buf()
if not vim.wait(30000, function()
  return #specls_ids(spec_buf) > 0
end, 50) then
  return finish(false, "spec.toml is not attached")
end
result.before = codes(code_buf)
result.code_clients = specls_ids(code_buf)
result.spec_clients = specls_ids(spec_buf)
result.all_clients = specls_ids(nil)

-- the quick fix on the first R101: record that `Inventory.items` is a dict
-- (as an LSP diagnostic again: Neovim 0.7 keeps in user_data.lsp only what it did not map)
local diag
for _, d in ipairs(vim.diagnostic.get(code_buf)) do
  if d.code == "R101" and diag == nil then
    diag = vim.tbl_extend("keep", {
      range = {
        start = { line = d.lnum, character = d.col },
        ["end"] = { line = d.end_lnum, character = d.end_col },
      },
      message = d.message,
      severity = d.severity,
      source = d.source,
      code = d.code,
    }, (d.user_data and d.user_data.lsp) or {})
  end
end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(code_buf) },
  range = diag.range,
  context = { diagnostics = { diag } },
}
local action
local responses, err = vim.lsp.buf_request_sync(code_buf, "textDocument/codeAction", params, 20000)
result.titles = {}
result.err = err
for _, response in pairs(responses or {}) do
  if response.error then
    result.err = response.error.message
  end
  for _, a in ipairs(response.result or {}) do
    table.insert(result.titles, a.title)
    if action == nil and a.title:find("Record decision: `Inventory.items` is `dict`", 1, true) then
      action = a
    end
  end
end
if action == nil then
  return finish(false, "no Record decision action")
end
result.action = action.title
if action.edit == nil and action.command == nil then
  for _, response in pairs(vim.lsp.buf_request_sync(code_buf, "codeAction/resolve", action, 10000) or {}) do
    action = response.result or action
  end
end
local client = vim.lsp.get_client_by_id(result.code_clients[1])
if action.edit then
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
end
if action.command then
  vim.lsp.buf_request_sync(code_buf, "workspace/executeCommand", action.command, 10000)
end

if not vim.wait(30000, function()
  local now = codes(code_buf)
  return has(now, "R102") and not has(now, "R101")
end, 50) then
  result.after = codes(code_buf)
  return finish(false, "the code's diagnostics did not change")
end
result.after = codes(code_buf)
result.spec_text = table.concat(vim.api.nvim_buf_get_lines(spec_buf, 0, -1, false), "\n")
finish(true, nil)
