"""Attachments go first (sync-protocol.md §2): HEAD, then PUT when central lacks one.

The sealed file at ``attachments/<sha256>.sealed`` is sent as stored; its name is
its digest, so central can check it. Once central has it, every attachment row
with that digest is marked uploaded (one small transaction each, so a crash
loses at most a HEAD).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sync.client import SyncClient
from sync.errors import ServerError
from terminal.store.startup import OpenStore

log = logging.getLogger(__name__)


class AttachmentUnavailable(Exception):
    """The sealed file is missing or no longer hashes to its name."""

    def __init__(self, code: str, sha256: str) -> None:
        super().__init__(f"{code}: {sha256[:12]}")
        self.code = code
        self.sha256 = sha256


class AttachmentUploader:
    """Makes sure central holds a sealed attachment."""

    def __init__(self, client: SyncClient, store: OpenStore) -> None:
        self._client = client
        self._store = store
        self.uploaded = 0
        self.already_present = 0

    def _file(self, sha256: str) -> Path:
        return self._store.paths.attachments_dir / f"{sha256}.sealed"

    def ensure(self, sha256: str) -> None:
        """HEAD, PUT if absent, then mark it uploaded; AttachmentUnavailable if unreadable."""
        path = f"/attachments/{sha256}"
        head = self._client.request("HEAD", path, expect=(200, 404))
        if head.status_code == 200:
            self.already_present += 1
        else:
            try:
                data = self._file(sha256).read_bytes()
            except FileNotFoundError as exc:
                raise AttachmentUnavailable("attachment-file-missing", sha256) from exc
            try:
                self._client.request(
                    "PUT",
                    path,
                    body=data,
                    headers={"Content-Type": "application/octet-stream"},
                    expect=(200, 201),
                )
            except ServerError as exc:
                if exc.status == 422:
                    raise AttachmentUnavailable("attachment-file-damaged", sha256) from exc
                raise
            self.uploaded += 1
        self._store.writer.run(
            lambda c: c.execute("UPDATE attachments SET uploaded = 1 WHERE sha256 = ?", (sha256,))
        )
