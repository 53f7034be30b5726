"""A software TPM 2.0 (swtpm) on loopback for the key-protection tests.

Each ``Swtpm`` is one machine's TPM: its own state folder, its own ports. A second
one with fresh state is another machine. The TCTI for tpm2-tools is ``tcti``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from terminal.crypto.tpm import TOOLS

DEADLINE_S = 60.0  # a busy machine: wait on the condition, never a tight limit


def missing() -> str | None:
    """Why these tests cannot run here (None: they can)."""
    absent = [t for t in ("swtpm", *TOOLS, "tpm2_getcap", "tpm2_pcrextend") if not shutil.which(t)]
    if absent:
        return f"swtpm / tpm2-tools not installed ({', '.join(absent)}); scripts/setup.sh adds them"
    return None


def _free_pair() -> int:
    """A port P with P and P+1 free on 127.0.0.1 (server and control)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port >= 65535:
            continue
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
        return port
    raise RuntimeError("no free pair of loopback ports")


class Swtpm:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.port = 0
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def tcti(self) -> str:
        return f"swtpm:host=127.0.0.1,port={self.port}"

    def start(self) -> Swtpm:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        for _ in range(3):  # a port taken between the probe and the bind: try others
            self.port = _free_pair()
            self._proc = subprocess.Popen(
                ["swtpm", "socket", "--tpm2",
                 "--server", f"type=tcp,port={self.port},bindaddr=127.0.0.1",
                 "--ctrl", f"type=tcp,port={self.port + 1},bindaddr=127.0.0.1",
                 "--tpmstate", f"dir={self.state_dir}",
                 "--flags", "not-need-init,startup-clear"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )  # fmt: skip
            if self._wait_ready():
                return self
            self.stop()
        raise RuntimeError("swtpm did not start")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                return False
            if self.tools("tpm2_getcap", "properties-fixed").returncode == 0:
                return True
            time.sleep(0.2)
        return False

    def tools(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "TPM2TOOLS_TCTI": self.tcti}
        return subprocess.run(args, env=env, capture_output=True, timeout=DEADLINE_S, check=False)

    def stop(self) -> None:
        if self._proc is None:
            return
        if self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGTERM)
            try:
                self._proc.wait(timeout=DEADLINE_S)
            except subprocess.TimeoutExpired:
                os.killpg(self._proc.pid, signal.SIGKILL)
                self._proc.wait(timeout=DEADLINE_S)
        if self._proc.stderr is not None:
            self._proc.stderr.close()
        self._proc = None

    def __enter__(self) -> Swtpm:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
