-- Headless Neovim (0.7+): open a file, attach specls, wait for diagnostics, write them as JSON.
-- Environment: SPECLS_CMD (JSON list), SPECLS_FILE, SPECLS_ROOT, SPECLS_OUT.
local cmd = vim.fn.json_decode(os.getenv("SPECLS_CMD"))
local file = os.getenv("SPECLS_FILE")
local out = os.getenv("SPECLS_OUT")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "specls",
  cmd = cmd,
  root_dir = os.getenv("SPECLS_ROOT"),
})
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)

local found = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(found, { line = d.lnum, col = d.col, code = d.code, source = d.source,
                        message = d.message })
end
local f = io.open(out, "w")
f:write(vim.fn.json_encode({ ok = ok, diagnostics = found }))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd(ok and "qall!" or "cquit! 1")
