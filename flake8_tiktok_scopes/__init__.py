"""flake8-tiktok-scopes: find TikTok API fields whose OAuth scope the code does not request."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("flake8-tiktok-scopes")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0+unknown"
