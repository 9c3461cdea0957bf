"""The cheap text test that keeps files which say nothing of TikTok away from libcst.

It runs on every file flake8 checks, so it must cost next to nothing: one ``str.lower()`` and
substring searches for the words the catalog derives from its endpoints and scopes, a dozen
short ones first (some 15 ms per MB of source on a slow machine, half of it the ``lower()``;
several times faster than the equivalent case-insensitive regular expression). The words are
a copy of the catalog's, which the tests keep equal: importing the catalog would cost every
flake8 run some 5 ms.
"""

from __future__ import annotations

#: The catalog's ``PREFILTER_WORDS`` and ``PREFILTER_FIELDS``, written out so that flake8 does not
#: import the catalog for every file (tests/test_catalog.py keeps them equal to the catalog's).
WORDS: dict[str, tuple[str, ...]] = {
    "artist.": ("artist.certification",),
    "comment.": ("comment.list",),
    "local.": ("local.product", "local.shop", "local.voucher"),
    "portability.": (
        "portability.activity",
        "portability.all",
        "portability.directmessages",
        "portability.postsandprofile",
    ),
    "post/": ("post/publish",),
    "research.": ("research.adlib", "research.data"),
    "research/": (
        "research/adlib",
        "research/playlist",
        "research/tts",
        "research/user",
        "research/validation_task",
        "research/video",
    ),
    "share/": ("share/video",),
    "user.": ("user.info", "user.insights"),
    "user/": ("user/data", "user/info"),
    "video.": ("video.insights", "video.list", "video.publish", "video.upload"),
    "video/": ("video/list", "video/query"),
}
FIELDS: tuple[str, ...] = (
    "open_id",
    "union_id",
    "bio_description",
    "profile_deep_link",
    "profile_web_link",
    "follower_count",
    "following_count",
    "likes_count",
)


def mentions_tiktok(source: str) -> bool:
    """True when ``source`` names TikTok, a TikTok API path, the start of a scope name or a field
    name only TikTok uses (any case)."""
    lowered = source.lower()
    if "tiktok" in lowered:
        return True
    if any(head in lowered and any(w in lowered for w in words) for head, words in WORDS.items()):
        return True
    return any(name in lowered for name in FIELDS)  # a URL imported from another module


#: Words without which a file about TikTok cannot declare scopes: a scope parameter, key or
#: name, a scope name itself, python-tiktok's client (its default scope), allauth's setting.
_DECLARING = ("scope", "user.info.", "video.", "portability.", "research.", "kitapi", "socialaccount")


def may_declare(source: str) -> bool:
    """True when ``source`` could declare TikTok scopes (the project view reads no other file)."""
    lowered = source.lower()
    return mentions_tiktok(source) and any(word in lowered for word in _DECLARING)
