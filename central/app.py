"""Wiring: opens storage, keys and catalog in a visible order and builds the ASGI app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI

from central import security_log as events
from central.api import (
    routes_attachments,
    routes_cases,
    routes_catalog,
    routes_enrollment,
    routes_metrics,
    routes_public,
    routes_staff,
    routes_submissions,
    routes_terminals,
)
from central.api.enrolment_guard import EnrolmentGuard
from central.api.http_hygiene import AccessLogMiddleware, SecurityHeadersMiddleware
from central.api.lookup_guard import LookupGuard
from central.api.openapi import install_openapi
from central.api.problem_handlers import install_problem_handlers
from central.api.ratelimit import RateLimitMiddleware, Throttle
from central.attachment_files import AttachmentFiles
from central.catalog import CatalogStore
from central.catalog_versions import CatalogVersions
from central.clock import Clock, SystemClock
from central.config import CentralConfig
from central.data_keys import DataKeys
from central.file_modes import LoosePath, loose_paths, prepare_private_files
from central.kek import FileKekProvider
from central.keys import KeyRing
from central.secretbox import SecretBox
from central.security_log import SecurityLog
from central.services.auth import RequestVerifier
from central.services.demo import DemoAdvancer
from central.services.enrollment_codes import (
    CODE_KEY_FILENAME,
    CodeHasher,
    withdraw_unkeyed_codes,
)
from central.services.intake import SubmissionIntake
from central.services.key_registry import register_keys
from central.store.engine import Store
from central.store.migrate import upgrade

log = logging.getLogger(__name__)
API_VERSION = "1"


@dataclass
class CentralCore:
    """What the admin commands need: the database, the keys, the secret box, the key
    enrolment codes are hashed with."""

    config: CentralConfig
    clock: Clock
    store: Store
    keyring: KeyRing
    secretbox: SecretBox
    code_hasher: CodeHasher
    loose_files: list[LoosePath]  # found at opening: readable by others
    kek: FileKekProvider  # wraps the data keys of everything encrypted at rest
    data_keys: DataKeys
    security: SecurityLog
    attachments: AttachmentFiles


def open_core(
    config: CentralConfig, clock: Clock | None = None, deep_mode_check: bool = False
) -> CentralCore:
    """Data dir (0700) → KEK and data keys → database (0600, migrated, clear
    payloads of an older schema encrypted) → platform keys (first one generated) →
    secrets and the enrolment-code key; warns about looser modes (of every file with
    ``deep_mode_check``, else of the top two levels)."""
    clock = clock or SystemClock()
    prepare_private_files(config.data_dir, config.db_url)
    store = Store(config.db_url)
    security = SecurityLog(config.security_log_path, clock)
    kek = FileKekProvider(config.kek_dir)
    data_keys = DataKeys(kek, security)
    upgrade(store, data_keys, config.attachments_dir)
    attachments = AttachmentFiles(config.attachments_dir, store, data_keys)
    attachments.purge_clear()
    keyring = KeyRing(config.keys_dir)
    keyring.ensure_key(clock.now())
    register_keys(store, keyring, clock.now())
    hasher = CodeHasher(config.keys_dir / CODE_KEY_FILENAME)
    withdraw_unkeyed_codes(store, clock.now())
    loose = loose_paths(config.data_dir, config.db_url, deep=deep_mode_check)
    for item in loose:
        log.warning("%s (run `mashangban-central doctor --fix`)", item.describe())
    secretbox = SecretBox(config.secrets_key_path)
    return CentralCore(
        config, clock, store, keyring, secretbox, hasher, loose, kek, data_keys, security,
        attachments,
    )  # fmt: skip


@dataclass
class CentralServices:
    """Everything a request handler reaches through ``request.app.state.central``."""

    core: CentralCore
    catalog: CatalogStore
    attachments: AttachmentFiles
    verifier: RequestVerifier
    intake: SubmissionIntake
    security: SecurityLog
    throttle: Throttle
    enrolment_guard: EnrolmentGuard
    lookup_guard: LookupGuard


def build_services(core: CentralCore) -> CentralServices:
    """Catalog, attachment files, request verifier, intake, and the security log with
    the throttles that write to it, on top of the core."""
    catalog = CatalogStore(
        core.config.catalog_path, core.keyring, CatalogVersions(core.config.catalog_versions_dir)
    )
    security = core.security
    return CentralServices(
        core=core,
        catalog=catalog,
        attachments=core.attachments,
        verifier=RequestVerifier(core.store, core.secretbox, core.clock),
        intake=SubmissionIntake(core.store, core.keyring, catalog, core.clock, core.data_keys),
        security=security,
        throttle=Throttle(core.config.throttle_policy(), security),
        enrolment_guard=EnrolmentGuard(core.clock),
        lookup_guard=LookupGuard(core.clock),
    )


def create_app(config: CentralConfig, clock: Clock | None = None) -> FastAPI:
    """The central ASGI application, ready to serve (storage opened eagerly)."""
    services = build_services(open_core(config, clock, deep_mode_check=True))
    if services.core.loose_files:
        services.security.record(
            events.LOOSE_FILE_MODES, "warned", source="local",
            count=len(services.core.loose_files),
        )  # fmt: skip

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        advancer = None
        if config.demo_advance_s:
            advancer = DemoAdvancer(services.core.store, services.core.clock, config.demo_advance_s)
            advancer.start()
        try:
            yield
        finally:
            if advancer is not None:
                advancer.stop()
            services.core.store.dispose()
            services.security.close()

    app = FastAPI(
        title="马上办 central platform",
        version=API_VERSION,
        description="Reference server of the Terminal Sync Protocol, version 1.",
        lifespan=lifespan,
        # swagger-ui and ReDoc load scripts from a public CDN: an intranet has none and
        # should not trust one. The document itself stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.central = services
    for module in (
        routes_enrollment,
        routes_terminals,
        routes_attachments,
        routes_submissions,
        routes_cases,
        routes_catalog,
        routes_staff,
        routes_public,
        routes_metrics,
    ):
        app.include_router(module.router)
    install_problem_handlers(app)
    install_openapi(app)
    # Added last = outermost: every response, a 429 included, gets the headers and a
    # line in the access log.
    app.add_middleware(RateLimitMiddleware, throttle=services.throttle)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(AccessLogMiddleware)
    return app
