"""``specls mcp``: the Model Context Protocol face (an optional extra: ``specls[mcp]``)."""
