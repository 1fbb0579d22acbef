"""The search site and JSON API: ``create_app`` is the one entry point (flaskr style)."""
from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app

from indexer import FIELD_LABELS, KIND_LABELS, Archive, Backend

DEFAULTS: dict[str, Any] = {
    "INDEX_DIR": "index_data",  # FLASK_INDEX_DIR or BAOKAN_INDEX_DIR override it
    "BACKEND": "",  # BAOKAN_BACKEND: "" or "whoosh:DIR" (the index above) or "sphinx://host:port,…" (a cluster)
    "PAPER": "焦作日报",  # paper name for citations when a record does not say
    "SITE_NAME": "焦作日报 · 报刊检索",
    "JSON_SORT_KEYS": False,
}

_archive_lock = threading.Lock()


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then FLASK_* and BAOKAN_* environment, then ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("FLASK")
    app.config.from_prefixed_env("BAOKAN")  # BAOKAN_INDEX_DIR=/srv/index -> INDEX_DIR
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # "巡察", not "\u5de1\u5bdf"
    app.json.sort_keys = False  # type: ignore[attr-defined]
    # the Chinese labels every template shows, macros included: the one table in indexer.searching.facets
    app.jinja_env.globals.update(field_labels=FIELD_LABELS, kind_labels=KIND_LABELS)

    from webapp import api, browse, errors, export, views

    app.register_blueprint(views.bp)
    app.register_blueprint(browse.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(export.bp)
    errors.init_app(app)
    return app


def get_archive() -> Archive:
    """The app's one ``Archive``, created on first use (it opens the index lazily itself)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    archive = app.extensions.get("baokan.archive")
    if archive is None:
        with _archive_lock:
            archive = app.extensions.get("baokan.archive")
            if archive is None:
                archive = Archive(app.config["INDEX_DIR"])
                app.extensions["baokan.archive"] = archive
    return archive


def get_backend() -> Backend:
    """The app's one ``Backend``: the cluster that BACKEND names, else the Whoosh index of ``get_archive()``."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    backend = app.extensions.get("baokan.backend")
    if backend is None:
        from indexer import WhooshBackend, open_backend

        spec = str(app.config.get("BACKEND") or "")
        if spec and not spec.startswith("whoosh:"):
            made = open_backend(spec)  # connects lazily, on the first request that needs it
        else:
            if spec[len("whoosh:"):]:
                app.config["INDEX_DIR"] = spec[len("whoosh:"):]
            made = WhooshBackend(app.config["INDEX_DIR"], get_archive())
        with _archive_lock:
            backend = app.extensions.setdefault("baokan.backend", made)
    return backend
