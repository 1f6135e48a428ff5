"""The session's life: ``initialize`` (roots, settings, Restricted Mode, the cache),
``initialized`` (configuration, file watchers, indexing) and configuration changes."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from specls import collector
from specls.cache import Cache
from specls.engine import Workspace
from specls.lsp import session

if TYPE_CHECKING:
    from specls.lsp.server import SpeclsServer


def initialize(ls: SpeclsServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options
    ls.restricted = isinstance(options, dict) and options.get("restricted") is True
    ls.set_options(options if isinstance(options, dict) else {})
    folders = [f.uri for f in params.workspace_folders or []]
    ls.paths = session.client_root(params.root_uri, folders)
    root = session.workspace_root(ls.paths)
    ls.engine = Workspace(ls.settings_for(root))
    ls.engine.reader = ls.current_bytes
    cache_dir = session.cache_dir_for(ls.engine.settings, ls.options, ls.restricted)
    if ls.restricted:
        ls.log("specls: Restricted Mode: no cache, no writes, no quick fixes")
    elif cache_dir is not None:
        ls.cache = Cache(cache_dir, workspace=ls.engine.settings.root)
    ls.engine.load_spec(ls.cache)  # (a text validated before: without pydantic)
    if ls.cache is None or not ls.cache.holds_facts():  # (every file to parse: workers)
        from specls.lsp.indexing import start_fork_server

        start_fork_server()
    debounce = ls.options.get("debounceMs")
    if isinstance(debounce, int | float) and debounce >= 0:
        ls.debounce = min(debounce, 10_000) / 1000
    text_doc = params.capabilities.text_document
    workspace = params.capabilities.workspace
    # pull only from a client that can be told to pull again (a recorded decision changes
    # the code's findings): Neovim 0.11 pulls, but only on its own buffer's changes
    refresh = workspace and workspace.diagnostics and workspace.diagnostics.refresh_support
    ls.pull = bool(text_doc and text_doc.diagnostic and refresh)
    if not ls.pull:  # advertise pull diagnostics only to clients that use them
        ls.protocol.fm.features.pop(lsp.TEXT_DOCUMENT_DIAGNOSTIC, None)
        ls.protocol.fm.features.pop(lsp.WORKSPACE_DIAGNOSTIC, None)


async def initialized(ls: SpeclsServer, params: lsp.InitializedParams) -> None:
    try:
        await _fetch_configuration(ls)
        await _watch_files(ls)
        await ls.index_workspace()
        ls.publish()  # (the index built: part of the start-up too)
    finally:
        collector.end()  # (the start-up `specls serve` began: see specls.collector)


def shutdown(ls: SpeclsServer, params: None = None) -> None:
    """Stop indexing, and wait for its thread and worker processes to end."""
    ls.stop_indexing()


async def _watch_files(ls: SpeclsServer) -> None:
    ws = ls.client_capabilities.workspace
    watched = ws.did_change_watched_files if ws else None
    if not (watched and watched.dynamic_registration):
        return
    watchers = [
        lsp.FileSystemWatcher(glob_pattern="**/*.py"),
        lsp.FileSystemWatcher(glob_pattern="**/spec.toml"),
        lsp.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
    ]
    try:
        await ls.client_register_capability_async(
            lsp.RegistrationParams(
                registrations=[
                    lsp.Registration(
                        id=str(uuid.uuid4()),
                        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )
    except Exception as e:
        ls.log(f"specls: cannot watch files ({e})", lsp.MessageType.Warning)


async def _fetch_configuration(ls: SpeclsServer) -> bool:
    """Read ``specls.*`` settings from the client; True when they changed."""
    ws = ls.client_capabilities.workspace
    if not (ws and ws.configuration):
        return False
    try:
        result = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="specls")])
        )
    except Exception as e:
        ls.log(f"specls: cannot read configuration ({e})", lsp.MessageType.Warning)
        return False
    config = result[0] if result else None
    if not isinstance(config, dict):
        return False
    merged = {**ls.options, **{k: v for k, v in config.items() if v is not None}}
    if merged == ls.options:
        return False
    ls.set_options(merged)
    ls.reconfigure()
    return True


async def did_change_configuration(
    ls: SpeclsServer, params: lsp.DidChangeConfigurationParams
) -> None:
    settings = params.settings
    if isinstance(settings, dict) and isinstance(settings.get("specls"), dict):
        ls.set_options({**ls.options, **settings["specls"]})
        ls.reconfigure()
    else:
        await _fetch_configuration(ls)
    ls.publish()
