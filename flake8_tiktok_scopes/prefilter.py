"""The cheap text test that keeps files which say nothing of TikTok away from libcst."""

from __future__ import annotations

import re

#: A TikTok host, the SDK, a scope name or an endpoint path the analysis could act on.
_MENTION = re.compile(r"tiktok|user[./]info|video[./](?:list|query)", re.IGNORECASE)


def mentions_tiktok(source: str) -> bool:
    """True when ``source`` names a TikTok host, SDK, scope or field endpoint path."""
    return _MENTION.search(source) is not None
