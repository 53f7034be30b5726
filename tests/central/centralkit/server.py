"""Central in a thread: the real app under uvicorn on 127.0.0.1, a free port."""

from __future__ import annotations

import threading

import uvicorn

from central.app import CentralServices, create_app
from central.cli_serve import ReportingServer, bind, url_of
from central.clock import Clock
from central.config import CentralConfig


class ThreadedCentral:
    """Start with ``start()``; ``url`` is the base URL; ``stop()`` shuts it down."""

    def __init__(self, config: CentralConfig, clock: Clock) -> None:
        self.config = config
        self.clock = clock
        self.app = create_app(config, clock)
        self.services: CentralServices = self.app.state.central
        self._started = threading.Event()
        self._socket = bind("127.0.0.1", 0)
        self.url = url_of(self._socket, tls=False)
        self._server = ReportingServer(
            uvicorn.Config(self.app, log_level="warning", lifespan="on", access_log=False),
            on_started=self._started.set,
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self) -> ThreadedCentral:
        """Run the server; returns once it accepts connections."""
        self._thread.start()
        if not self._started.wait(30):
            raise RuntimeError("central did not start")
        return self

    def stop(self) -> None:
        """Ask uvicorn to exit and wait for the thread."""
        self._server.should_exit = True
        self._thread.join(30)
        self._socket.close()
