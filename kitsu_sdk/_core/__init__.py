"""The core: transport, auth, errors, refs, pagination, the cache store, constants and the
operation model (`call`). Nothing here imports anything above it (operations, bindings, gazu
compatibility)."""
