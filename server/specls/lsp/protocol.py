"""The JSON-RPC layer under the server, made strict where pygls is lenient.

- **Documents are specls's alone.** pygls keeps its own copy of every open document and
  updates it before a handler runs, rewriting ``position.character`` in place on the very
  params object the handler then reads (clamped to one less than the line's length) and
  splitting lines where LSP does not (``str.splitlines``: form feed, U+2028 …). Its
  ``didOpen``/``didChange``/``didClose`` are replaced by ones that only call specls's.
- **Every request is answered.** A request pygls cannot read (a negative line, a missing
  position, ``null`` params) was dropped unanswered; it now gets ``InvalidParams``.
- **No response carries an exception's text**, and no error pops up in the editor: the
  details go to the log, in one line.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any

from lsprotocol import types as lsp
from lsprotocol.types import ResponseErrorMessage
from pygls.exceptions import JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import (
    JsonRPCNotification,
    JsonRPCRequestMessage,
    JsonRPCResponseMessage,
)
from pygls.protocol.language_server import lsp_method

log = logging.getLogger("specls.lsp")

#: What an internal error says to the client (the details are in the server's log).
INTERNAL = "specls: internal error; the server log has the details"


class _Unreadable:
    """A message that could not be read (already answered or logged): dropped."""

    jsonrpc = "2.0"


def one_line(error: BaseException) -> str:
    """An exception in one log line: its type, message and where it was raised."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f" at {tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb is not None else ""
    text = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {text}{where}"


class SpeclsProtocol(LanguageServerProtocol):
    """pygls's protocol without its document store and with answers for bad requests."""

    # -- documents: only specls's handlers ----------------------------------------------------

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None

    # -- messages that cannot be read ---------------------------------------------------------

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" not in data:  # (a nested object: read with its message)
            return data
        try:
            if "id" in data and "error" in data:
                return self._converter.structure(data, ResponseErrorMessage)
            if "id" in data and "method" not in data:
                kind = self._result_types.pop(data["id"], None) or JsonRPCResponseMessage
                return self._converter.structure(data, kind)
            kind = self.get_message_type(data.get("method", "")) or (
                JsonRPCRequestMessage if "id" in data else JsonRPCNotification
            )
            return self._converter.structure(data, kind)
        except Exception as e:
            method = data.get("method")
            log.warning("specls: unreadable %s (%s)", method or "message", one_line(e))
            if method and isinstance(data.get("id"), int | str):
                self._send_response(
                    data["id"],
                    error=lsp.ResponseError(
                        code=JsonRpcInvalidParams.CODE,
                        message=f"specls: invalid params for {method}",
                    ),
                )
            return _Unreadable()

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Unreadable):
            return
        super().handle_message(message)

    # -- errors in handlers -------------------------------------------------------------------

    def _send_handler_result(self, future: Future[Any], *, msg_id: Any) -> None:
        if future.cancelled() or future.exception() is None:
            super()._send_handler_result(future, msg_id=msg_id)
            return
        error = future.exception()
        self._request_futures.pop(msg_id, None)
        if isinstance(error, JsonRpcException) and not isinstance(error, JsonRpcInternalError):
            log.info("specls: request %s refused: %s", msg_id, error.message)
            response = error.to_response_error()
        else:
            log.error("specls: request %s failed: %s", msg_id, one_line(error))
            response = lsp.ResponseError(code=JsonRpcInternalError.CODE, message=INTERNAL)
        self._send_response(msg_id, error=response)

    def _check_handler_result(self, future: Future[Any]) -> None:
        if not future.cancelled() and (error := future.exception()) is not None:
            log.error("specls: notification failed: %s", one_line(error))
