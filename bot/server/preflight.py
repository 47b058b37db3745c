"""What `serve` checks before it starts anything: that it can listen where the config says, and that
the folders it writes to take a file.

Each problem is raised as one sentence a person can act on, in the operator's language
(`CannotListen`, `FolderUnwritable`; the CLI exits 5 and 6), before any thread or listener exists,
so nothing is left half-started.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.config import Config
from bot.conversation.texts import say
from store.errors import CannotListen, FolderUnwritable

_READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def listen_places(config: Config) -> list[tuple[str, str, int, str]]:
    """(config key, host, port, command-line flag) of each listener `serve` opens."""
    return [
        ("smtp.port", config.smtp.host, config.smtp.port, "--smtp-port"),
        ("http.port", config.http.host, config.http.port, "--http-port"),
        ("http.admin_port", config.http.admin_host, config.http.admin_port, "--admin-port"),
    ]


def listen_error(lang: str, key: str, host: str, port: int, flag: str, exc: OSError) -> CannotListen:
    """The one-line error for a listener that could not bind."""
    address = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return CannotListen(say(lang, "cli_port_in_use", setting=key, port=port, address=address, flag=flag))
    reason = exc.strerror or str(exc)
    text = say(lang, "cli_cannot_listen", setting=key, port=port, address=address, reason=reason)
    return CannotListen(text)


def check_ports(config: Config, lang: str) -> None:
    """Bind each listener's address once (all at the same time, so two keys with one port are caught),
    then let go; raises `CannotListen` naming the first key that cannot be had."""
    held: list[socket.socket] = []
    try:
        for key, host, port, flag in listen_places(config):
            try:
                family, kind, proto, _, address = socket.getaddrinfo(
                    host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
                )[0]
                sock = socket.socket(family, kind, proto)
                held.append(sock)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the listeners do
                sock.bind(address)
                sock.listen(1)
            except socket.gaierror as exc:
                where = f"{host}:{port}"
                reason = exc.strerror
                raise CannotListen(
                    say(lang, "cli_cannot_listen", setting=key, port=port, address=where, reason=reason)
                ) from exc
            except OSError as exc:
                raise listen_error(lang, key, host, port, flag, exc) from exc
    finally:
        for sock in held:
            sock.close()


def data_folders(config: Config) -> list[tuple[str, Path]]:
    """(config key, folder) of each folder `serve` writes files to."""
    folders: list[tuple[str, Path]] = []
    url = make_url(config.store.url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        folders.append(("store.url", Path(url.database or "").parent))
    folders.append(("store.attachments_dir", Path(config.store.attachments_dir)))
    if not config.outbound.host:
        folders.append(("outbound.outgoing_dir", Path(config.outbound.outgoing_dir)))
    return folders


def check_folder(lang: str, key: str, folder: Path) -> None:
    """Create `folder` if needed and write, flush and remove a small file in it; raises
    `FolderUnwritable` saying whether it is read-only, its disk full, or what else went wrong."""
    probe = folder / ".casebot-write-check"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with probe.open("wb") as handle:
            handle.write(b"casebot\n")
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
        shown = str(folder.resolve())
        if exc.errno in _READ_ONLY:
            raise FolderUnwritable(say(lang, "cli_folder_read_only", folder=shown, setting=key)) from exc
        if exc.errno in _FULL:
            raise FolderUnwritable(say(lang, "cli_disk_full", folder=shown, setting=key)) from exc
        reason = exc.strerror or str(exc)
        text = say(lang, "cli_folder_unwritable", folder=shown, setting=key, reason=reason)
        raise FolderUnwritable(text) from exc


def check_folders(config: Config, lang: str) -> dict[str, Path]:
    """`check_folder` for every folder `serve` writes to; returns each one's absolute path by key."""
    for key, folder in data_folders(config):
        check_folder(lang, key, folder)
    return {key: folder.resolve() for key, folder in data_folders(config)}
