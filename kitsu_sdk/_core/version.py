"""The package's version, written once: pyproject.toml reads it (setuptools' dynamic version),
kitsu_sdk exports it as `__version__` and the clients send it in their User-Agent."""

__version__ = "0.1.0"
