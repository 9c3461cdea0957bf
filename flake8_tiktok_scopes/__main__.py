"""``python -m flake8_tiktok_scopes``: the ``tiktok-scopes`` command."""

from __future__ import annotations

from .frontends.cli import run

if __name__ == "__main__":
    run()
