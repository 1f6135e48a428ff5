"""The server's stdio: a pipe read on the event loop, any other stdin as pygls reads it; the
messages come through whole however the client's writes split them."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from pygls.io_ import StdinAsyncReader

from specls.lsp.server import make_server
from specls.lsp.stdio import readable_on_loop, reader_for


def frame(message: dict) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def session(root: Path) -> list[bytes]:
    """initialize (from a client with a non-ASCII name: the length is in bytes), shutdown,
    exit."""
    return [
        frame(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "processId": None,
                    "clientInfo": {"name": "éditeur"},
                    "rootUri": root.as_uri(),
                    "capabilities": {},
                },
            }
        ),
        frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}),
        frame({"jsonrpc": "2.0", "method": "exit", "params": None}),
    ]


def responses(out: bytes) -> dict[int, dict]:
    """The responses in the server's output, by id."""
    found: dict[int, dict] = {}
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
        message = json.loads(rest[:length])
        out = rest[length:]
        if "id" in message and "method" not in message:
            found[message["id"]] = message
    return found


def spawn(root: Path) -> subprocess.Popen[bytes]:
    """``specls serve`` in ``root`` with pipes for stdin and stdout (stderr kept)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "specls", "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=root,
    )
    assert proc.stdin is not None
    return proc


def test_pipes_and_sockets_are_read_on_the_loop(tmp_path: Path):
    r, w = os.pipe()
    a, b = socket.socketpair()
    with open(r, "rb") as pipe, open(w, "wb"), a, b, a.makefile("rb") as sock:
        assert readable_on_loop(pipe)
        assert readable_on_loop(sock)
    (tmp_path / "in").write_bytes(b"")
    with open(tmp_path / "in", "rb") as regular:
        assert not readable_on_loop(regular)
    assert not readable_on_loop(io.BytesIO(b""))  # (no descriptor)


def test_the_reader_of_a_pipe_is_the_loops_own(tmp_path: Path):
    server = make_server()
    r, w = os.pipe()
    (tmp_path / "in").write_bytes(b"")

    async def readers() -> tuple[object, object, bytes]:
        with open(r, "rb") as pipe, open(tmp_path / "in", "rb") as regular:
            on_loop = await reader_for(pipe, server)
            os.write(w, b"Content-Length: 2\r\n")
            os.close(w)
            line = await on_loop.readline()
            return on_loop, await reader_for(regular, server), line

    on_loop, threaded, line = asyncio.run(readers())
    assert isinstance(on_loop, asyncio.StreamReader)
    assert line == b"Content-Length: 2\r\n"
    assert isinstance(threaded, StdinAsyncReader)
    server.shutdown()


def test_a_session_from_a_file_is_served_as_pygls_reads_it(tmp_path: Path):
    root = tmp_path / "ws"
    root.mkdir()
    (tmp_path / "in").write_bytes(b"".join(session(root)))
    with open(tmp_path / "in", "rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "specls", "serve"],
            stdin=stdin,
            capture_output=True,
            cwd=root,
            timeout=60,
        )
    got = responses(done.stdout)
    assert got[1]["result"]["serverInfo"]["name"] == "specls"
    assert got[2]["result"] is None
    assert done.returncode == 0


def test_a_session_written_in_pieces_through_a_pipe(tmp_path: Path):
    root = tmp_path / "ws"
    root.mkdir()
    data = b"".join(session(root))
    proc = spawn(root)
    # a header split inside its line and before its blank line, a body split inside a
    # character of two bytes, then the rest (two messages and more) in one write
    cut = data.index("é".encode()) + 1
    for piece in (data[:9], data[9:20], data[20:cut], data[cut : cut + 3]):
        proc.stdin.write(piece)
        proc.stdin.flush()
        time.sleep(0.05)
    proc.stdin.write(data[cut + 3 :])
    proc.stdin.flush()
    out, _ = proc.communicate(timeout=60)
    got = responses(out)
    assert got[1]["result"]["serverInfo"]["name"] == "specls"
    assert got[2]["result"] is None
    assert proc.returncode == 0


def test_the_server_ends_when_the_client_closes_its_pipe(tmp_path: Path):
    proc = spawn(tmp_path)
    proc.stdin.write(session(tmp_path)[0])
    proc.stdin.close()  # (no shutdown, no exit: the editor went away)
    proc.wait(timeout=60)
    assert proc.stdout is not None
    assert responses(proc.stdout.read())[1]["result"]["serverInfo"]["name"] == "specls"


def test_a_stream_cut_inside_a_message_or_unframeable_ends_the_server_cleanly(tmp_path: Path):
    first = session(tmp_path)[0]
    for data in (first + b"Content-Length: 100\r\n\r\n{", b"X" * (2 << 20) + b"\r\n"):
        proc = spawn(tmp_path)
        with contextlib.suppress(BrokenPipeError):  # (it may stop reading before the end)
            proc.stdin.write(data)
            proc.stdin.close()
        proc.wait(timeout=60)
        assert proc.returncode == 0
        assert b"Traceback" not in proc.stderr.read()
