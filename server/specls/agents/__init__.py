"""The faces specls shows coding agents: the hook they run after each edit and at the start
of a session (:mod:`~specls.agents.hook`), and the configuration that installs it for each
agent (:mod:`~specls.agents.setup`). The MCP server is a face of its own (:mod:`specls.mcp`).
"""
