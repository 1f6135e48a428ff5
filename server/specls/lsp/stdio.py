"""The server's stdio: messages read on the event loop itself, not through a thread.

pygls reads stdin in its thread pool, one ``run_in_executor`` per header line and one per
body: three hand-offs between threads for every message, each a wake-up of the other thread
and a wait for the interpreter's lock, on every keystroke. When stdin is a pipe or a socket
(as an editor starts a server), it is read here by an :class:`asyncio.StreamReader` on the
loop's own selector instead: a message that has arrived is read from the buffer with no
hand-off at all. Any other stdin (a file, a terminal, which a non-blocking descriptor would
leave broken for the shell after the server exits) is read as pygls reads it. The messages
and their handling are pygls's own (:func:`pygls.io_.run_async`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading
from typing import TYPE_CHECKING, BinaryIO

from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async

if TYPE_CHECKING:
    from pygls.io_ import AsyncReader
    from pygls.lsp.server import LanguageServer

log = logging.getLogger("specls.lsp")

#: The longest header line read (a line of the JSON-RPC header, not a message's body).
HEADER_LIMIT = 1 << 20


def readable_on_loop(stdin: BinaryIO) -> bool:
    """Whether ``stdin`` can be read by the event loop's selector: a pipe or a socket, on a
    POSIX system."""
    if os.name != "posix":
        return False
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (OSError, ValueError):  # (no descriptor: a test's stream, or one closed)
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


async def reader_for(stdin: BinaryIO, server: LanguageServer) -> AsyncReader:
    """The reader of ``stdin``: on the running loop when :func:`readable_on_loop`, else in
    the server's thread pool, as pygls reads it."""
    if readable_on_loop(stdin):
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=HEADER_LIMIT, loop=loop)
        try:
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), stdin)
        except (OSError, ValueError) as e:  # (a descriptor the selector refuses after all)
            log.info("specls: stdin read in a thread (%s)", e)
        else:
            return reader
    return StdinAsyncReader(stdin, server.thread_pool)


def serve(server: LanguageServer, stdin: BinaryIO | None = None) -> None:
    """Run ``server`` on stdio until the client closes stdin or sends ``exit``
    (:meth:`pygls.server.JsonRPCServer.start_io`, with the reader of :func:`reader_for`)."""
    stdin = stdin or sys.stdin.buffer
    # (pygls's own name for it: its ``shutdown`` and ``exit`` set it)
    server._stop_event = stop = threading.Event()
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))

    async def main() -> None:
        reader = await reader_for(stdin, server)
        await run_async(stop, reader, server.protocol, log, server.report_server_error)

    try:
        asyncio.run(main())
    except BrokenPipeError:
        log.error("specls: the client has gone (its end of the pipe is closed)")
    except asyncio.IncompleteReadError:  # (stdin ended inside a message's body)
        log.error("specls: the client has gone in the middle of a message")
    except ValueError as e:  # (a header line over HEADER_LIMIT: the stream cannot be framed)
        log.error("specls: the client's stream cannot be read (%s)", e)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
