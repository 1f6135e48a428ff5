"""The real server over stdio, fed what no well-behaved editor sends, and what a hostile
workspace holds: every request is answered, no answer carries an exception's text, the
server's copy of a buffer is the editor's, and an untrusted workspace is only read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lspwire import Wire

INVENTORY = textwrap.dedent(
    """\
    class Inventory:
        def __init__(self):
            self.items = {}

        def add(self, sku, qty):
            self.items[sku] = self.items.get(sku, 0) + qty

        def remove(self, sku):
            self.items = [(s, q) for s, q in self.items if s != sku]
    """
)


@pytest.fixture
def wire(tmp_path: Path):
    (tmp_path / "inventory.py").write_text(INVENTORY, "utf-8")
    w = Wire(tmp_path)
    yield w
    w.close()


def _text(wire: Wire, uri: str) -> str | None:
    return wire.request("specls/viewFileText", {"textDocument": {"uri": uri}})["result"]


def _change(wire: Wire, uri: str, version: int, start, end, text: str) -> None:
    wire.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": start[0], "character": start[1]},
                        "end": {"line": end[0], "character": end[1]},
                    },
                    "text": text,
                }
            ],
        },
    )


def test_malformed_requests_get_invalid_params_without_exception_text(
    wire: Wire, tmp_path: Path
) -> None:
    wire.initialize()
    uri = wire.open(tmp_path / "inventory.py")
    doc = {"uri": uri}
    bad = [
        ("textDocument/hover", {"textDocument": doc, "position": {"line": -1, "character": 0}}),
        ("textDocument/hover", {"textDocument": doc}),  # no position
        ("textDocument/hover", None),
        (
            "textDocument/definition",
            {"textDocument": doc, "position": {"line": 10**9, "character": 0}},
        ),
        (
            "textDocument/references",
            {"textDocument": doc, "position": {"line": 5, "character": "x"}},
        ),
        ("codeAction/resolve", {"title": "x", "data": {"uri": 3, "fix": "rm -rf"}}),
        (
            "codeAction/resolve",
            {"title": "x", "data": {"uri": uri, "suppress": "R101", "line": "0"}},
        ),
        ("codeAction/resolve", {"title": "x", "data": [1, 2]}),
        ("workspace/executeCommand", {"command": "specls.applyFix", "arguments": [{"uri": 1}]}),
        ("workspace/executeCommand", {"command": "specls.recordDecision", "arguments": [7]}),
        ("specls/viewFileText", {"nope": 1}),
    ]
    for method, params in bad:
        response = wire.request(method, params)
        assert "error" in response, (method, params, response)
        error = response["error"]
        assert error["code"] == -32602, (method, params, error)
        assert "Traceback" not in error["message"] and "Error:" not in error["message"]
    # the server is still there, and still right
    ok = wire.request(
        "textDocument/hover", {"textDocument": doc, "position": {"line": 2, "character": 14}}
    )
    assert "result" in ok
    assert not [n for n in wire.notifications if n["method"] == "window/showMessage"]


def test_a_buffer_with_form_feeds_and_separators_stays_the_editors(
    wire: Wire, tmp_path: Path
) -> None:
    """pygls's copy split lines at form feed and U+2028 and rewrote ``character`` in place
    (to one less than the line's length) before specls read it."""
    wire.initialize()
    text = "a = 1\x0c\nb = 'x\u2028y'\nc = 3\n"
    uri = wire.open(tmp_path / "m.py", text)
    _change(wire, uri, 2, (2, 0), (2, 1), "C")  # line 2 by LSP's count: `c = 3`
    _change(wire, uri, 3, (0, 99), (0, 99), "  # end")  # past the end of line 0: its end
    expected = "a = 1\x0c  # end\nb = 'x\u2028y'\nC = 3\n"
    assert _text(wire, uri) == expected


def test_a_lone_surrogate_in_a_change_is_logged_once_not_an_error(
    wire: Wire, tmp_path: Path
) -> None:
    wire.initialize()
    uri = wire.open(tmp_path / "inventory.py")
    for version in (2, 3, 4):
        _change(wire, uri, version, (0, 0), (0, 0), "# \ud800\n")  # sent as "\\ud800"
    wire.settle()
    text = _text(wire, uri)
    assert text is not None and text.startswith("# \ufffd\n# \ufffd\n# \ufffd\nclass Inventory")
    shown = [n for n in wire.notifications if n["method"] == "window/showMessage"]
    logged = [
        n
        for n in wire.notifications
        if n["method"] == "window/logMessage" and "not Unicode" in n["params"]["message"]
    ]
    assert not shown and len(logged) == 1


def test_restricted_mode_reads_only(wire: Wire, tmp_path: Path) -> None:
    """An untrusted workspace (VS Code's Restricted Mode): diagnostics and hover, but no
    cache, no quick fixes, no renames, no writes."""
    (tmp_path / "pyproject.toml").write_text('[tool.specls]\ncache-dir = ".mine"\n')
    wire.initialize({"restricted": True, "spec": "../elsewhere.toml"})
    uri = wire.open(tmp_path / "inventory.py")
    wire.settle()
    diags = wire.diagnostics(uri)
    assert diags and {d["code"] for d in diags} == {"R101"}
    actions = wire.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diags[0]["range"],
            "context": {"diagnostics": diags},
        },
    )
    assert actions["result"] == []
    rename = wire.request(
        "textDocument/rename",
        {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 14}, "newName": "x"},
    )
    assert "Restricted Mode" in rename["error"]["message"]
    record = wire.request(
        "workspace/executeCommand",
        {
            "command": "specls.recordDecision",
            "arguments": [{"kind": "representation", "target": "Inventory.items", "type": "dict"}],
        },
    )
    assert "error" in record
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inventory.py", "pyproject.toml"]


def test_edits_address_the_document_the_editor_opened_not_a_links_target(
    wire: Wire, tmp_path: Path
) -> None:
    """A file reached through a link: the edit names the link the editor has open."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "inventory.py").write_text(INVENTORY)
    (tmp_path / "inventory.py").unlink()
    (tmp_path / "shop.py").symlink_to(real / "inventory.py")
    wire.initialize()
    uri = wire.open(tmp_path / "shop.py")
    wire.settle()
    diags = wire.diagnostics(uri)
    assert diags, wire.notifications
    actions = wire.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diags[0]["range"],
            "context": {"diagnostics": diags[:1]},
        },
    )["result"]
    suppress = next(a for a in actions if a["title"].startswith("Suppress"))
    resolved = wire.request("codeAction/resolve", suppress)["result"]
    [change] = resolved["edit"]["documentChanges"]
    assert change["textDocument"]["uri"] == uri


def test_a_rename_through_a_link_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    ws, outside = tmp_path / "ws", tmp_path / "outside"
    ws.mkdir()
    outside.mkdir()
    (outside / "helpers.py").write_text(
        "from inventory import Inventory\n\n\ndef count(inv: Inventory):\n    return inv.items\n"
    )
    (ws / "inventory.py").write_text(INVENTORY)
    (ws / "helpers.py").symlink_to(outside / "helpers.py")
    wire = Wire(ws)
    try:
        wire.initialize()
        uri = wire.open(ws / "inventory.py")
        wire.settle()
        response = wire.request(
            "textDocument/rename",
            {
                "textDocument": {"uri": uri},
                "position": {"line": 2, "character": 14},
                "newName": "stock",
            },
        )
        assert "outside the workspace" in response["error"]["message"], response
        assert (outside / "helpers.py").read_text().endswith("return inv.items\n")
    finally:
        wire.close()
