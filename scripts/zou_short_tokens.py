"""WSGI entry point: a Zou API whose JSON Web Tokens expire within seconds.

Zou has no setting for token lifetimes: ``zou.app.config`` hard-codes
``JWT_ACCESS_TOKEN_EXPIRES = timedelta(days=7)`` and
``JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=15)``, and
``zou.app.create_app(config_object=config)`` copies that module into
``app.config`` (``app.config.from_object``). Flask-JWT-Extended reads the
lifetimes from ``app.config`` when it signs a token, and Zou's logout stores
revoked token ids in Redis with the same lifetimes. So changing the two values
on the config module *before* building the app is enough.

``scripts/local-kitsu.sh`` serves this module next to the normal API (same
database, same Redis, same SECRET_KEY) so integration tests can see tokens
really expire and exercise the refresh flow:

    gunicorn -k gevent -b 127.0.0.1:5002 --pythonpath scripts zou_short_tokens:app

Environment:

- ``KITSU_SHORT_ACCESS_SECONDS``: access token lifetime, default 4.
- ``KITSU_SHORT_REFRESH_SECONDS``: refresh token lifetime, default 3600.
"""

import os
from datetime import timedelta

from zou.app import config, create_app

ACCESS_SECONDS = int(os.environ.get("KITSU_SHORT_ACCESS_SECONDS", "4"))
REFRESH_SECONDS = int(os.environ.get("KITSU_SHORT_REFRESH_SECONDS", "3600"))

config.JWT_ACCESS_TOKEN_EXPIRES = timedelta(seconds=ACCESS_SECONDS)
config.JWT_REFRESH_TOKEN_EXPIRES = timedelta(seconds=REFRESH_SECONDS)

app = create_app(config)

# Fail at boot rather than silently serving 7-day tokens if a later Zou
# stops taking the lifetimes from the config module.
if app.config["JWT_ACCESS_TOKEN_EXPIRES"] != timedelta(seconds=ACCESS_SECONDS):
    raise RuntimeError(
        "zou_short_tokens: JWT_ACCESS_TOKEN_EXPIRES override did not apply"
    )
