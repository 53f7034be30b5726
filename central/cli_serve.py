"""``serve``: run central under uvicorn and announce the bound URL on stdout.

With ``--port 0`` a free port is chosen; the line ``listening http://HOST:PORT`` is
printed (and flushed) once the server accepts connections, so a parent process can
read it.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from central.catalog import CatalogError
from central.config import DEFAULT_CATALOG, CentralConfig
from central.slow_clients import HEADER_TIMEOUT_S, READ_TIMEOUT_S, guarded_protocol

KEEP_ALIVE_S = 5
MAX_HEADER_BYTES = 16 * 1024  # h11's default, stated: bigger header blocks are a 400


class ReportingServer(uvicorn.Server):
    """A uvicorn server that calls ``on_started`` once it is accepting connections."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._on_started()


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: any free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections (else Nagle
    # and delayed ACKs add ~40 ms to every response).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket, tls: bool) -> str:
    """The base URL a client uses to reach ``sock``."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``serve``."""
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8731, help="0 picks a free port")
    parser.add_argument("--tls-cert", type=Path, help="PEM certificate (with --tls-key)")
    parser.add_argument("--tls-key", type=Path, help="PEM private key")
    parser.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalog JSON")
    parser.add_argument(
        "--demo-advance",
        type=float,
        metavar="SECONDS",
        help="demo: move each case one status along every SECONDS",
    )
    parser.add_argument(
        "--rate-limit",
        type=float,
        metavar="N",
        help="a ceiling of N requests/s per process, unsigned and signed each (throttling "
        "per source and per terminal is on anyway)",
    )
    parser.add_argument("--min-app-version", default="0.0.0", help="told to terminals")
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=HEADER_TIMEOUT_S,
        metavar="SECONDS",
        help=f"close a connection whose request headers take longer (default {HEADER_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--read-timeout",
        type=float,
        default=READ_TIMEOUT_S,
        metavar="SECONDS",
        help=f"close a connection whose body stalls this long (default {READ_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--parent-pid",
        type=int,
        metavar="PID",
        help="stop when process PID is gone (the terminal's embedded central)",
    )
    parser.set_defaults(handler=run)


def watch_parent(server: uvicorn.Server, pid: int, interval_s: float = 1.0) -> threading.Thread:
    """Ask `server` to exit once process `pid` no longer exists (or is not our parent).

    A terminal killed with SIGKILL cannot stop its embedded central; without this
    the central would outlive it and the next start would run a second one.
    """

    def gone() -> bool:
        if os.getppid() != pid:
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def loop() -> None:
        while not server.should_exit:
            if gone():
                server.should_exit = True
                return
            time.sleep(interval_s)

    thread = threading.Thread(target=loop, name="parent-watch", daemon=True)
    thread.start()
    return thread


def server_config(app: Any, args: argparse.Namespace) -> uvicorn.Config:
    """uvicorn's settings: our access log instead of its own (which would log query
    strings), slow clients cut off, and TLS 1.2 at least whatever the system allows."""
    if args.header_timeout <= 0 or args.read_timeout <= 0:
        raise ValueError("--header-timeout and --read-timeout must be positive")
    options: dict[str, Any] = {
        "log_level": args.log_level,
        "access_log": False,  # central.access logs each request, without its query
        "http": guarded_protocol(args.header_timeout, args.read_timeout),
        "timeout_keep_alive": KEEP_ALIVE_S,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }
    if args.tls_cert is not None:
        options.update(ssl_certfile=str(args.tls_cert), ssl_keyfile=str(args.tls_key))
    config = uvicorn.Config(app, lifespan="on", **options)
    config.load()  # builds the SSL context, which is then tightened before serving
    if config.ssl is not None:
        config.ssl.minimum_version = ssl.TLSVersion.TLSv1_2
    return config


def run(args: argparse.Namespace, config: CentralConfig) -> int:
    """Open everything, bind, announce the URL and serve until interrupted."""
    from central.app import create_app  # heavy imports only for this command

    if bool(args.tls_cert) != bool(args.tls_key):
        raise ValueError("--tls-cert and --tls-key go together")
    if args.rate_limit is not None and args.rate_limit <= 0:
        raise ValueError("--rate-limit must be positive")
    config = dataclasses.replace(
        config,
        catalog_path=args.catalog,
        rate_limit=args.rate_limit,
        demo_advance_s=args.demo_advance,
        min_app_version=args.min_app_version,
    )
    try:
        app = create_app(config)
    except CatalogError as exc:
        print(f"error: {exc} (pass --catalog FILE)", file=sys.stderr)
        return 1
    loose = app.state.central.core.loose_files
    if loose:
        print(
            f"warning: {len(loose)} path(s) of central's data are readable by other users; "
            "see `mashangban-central doctor`",
            file=sys.stderr,
        )
    sock = bind(args.host, args.port)
    tls = args.tls_cert is not None
    server = ReportingServer(
        server_config(app, args),
        on_started=lambda: print(f"listening {url_of(sock, tls)}", flush=True),
    )
    if args.parent_pid is not None:
        watch_parent(server, args.parent_pid)
    server.run(sockets=[sock])
    return 0
