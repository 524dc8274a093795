"""Every default of kitsu_sdk in one place: timeouts, retry policy, pages, cache."""

from __future__ import annotations

#: (connect, read) seconds for ordinary API calls.
DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 60.0)
#: (connect, read) seconds for uploads and downloads: Zou transcodes previews inside the request.
TRANSFER_TIMEOUT: tuple[float, float] = (5.0, 600.0)

#: Retries after the first attempt, for requests that are safe to repeat.
MAX_RETRIES = 3
#: First backoff delay in seconds; doubled each retry, plus jitter, capped below.
BACKOFF_FACTOR = 0.5
MAX_BACKOFF = 30.0
#: Retry-After values above this are not waited for: the error is raised instead.
MAX_RETRY_AFTER = 120.0
RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: Seconds of waiting a request may spend on refused connections beyond MAX_RETRIES (they never
#: reached the server, so any method may be sent again): rides out a Zou restart (~10 s).
CONNECT_RETRY_SECONDS = 20.0
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

#: Connections kept per host: one client shared by 16 threads must not queue on the pool.
POOL_MAXSIZE = 32

#: Operations a bulk helper (`client.run_many`, kitsu_sdk.bulk) runs at once by default; each
#: client's `concurrency` overrides it. Zou's default deployment serves about this many at once.
BULK_CONCURRENCY = 8
#: Entities per request for Zou's batch routes used by the bulk helpers (task creation).
BULK_CHUNK_SIZE = 100

#: Seconds a client keeps a lookup that rarely changes (the default task status, a status by
#: short name, an entity's project: `_core/lookups.py`), and how many it keeps.
LOOKUP_TTL = 120.0
LOOKUP_MAXSIZE = 512

#: Refresh the access token proactively when it expires within this many seconds.
REFRESH_MARGIN = 60.0

#: Page size asked for when iterating over a paginated route.
DEFAULT_PAGE_SIZE = 100

#: Cache defaults (the cache is off until enabled).
CACHE_MAXSIZE = 1024
CACHE_TTL = 120.0

#: Seconds a download waits for a preview Zou is still processing (it answers 202 meanwhile).
PROCESSING_TIMEOUT = 60.0

#: Bytes per chunk when streaming a download or an upload.
CHUNK_SIZE = 256 * 1024

USER_AGENT = "kitsu_sdk/{version}"
LOGGER_NAME = "kitsu_sdk"
