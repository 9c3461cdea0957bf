"""TikTok's scope names, which API grants each, and what a request needs: any one of some scopes.

Names: the Scopes Reference (union of its versions, sources S23 and T29), the Minis pages (S25)
and the Business API token quoted by python-tiktok (L5); see :mod:`.sources`.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from ..records import Record

BASIC = "user.info.basic"
PROFILE = "user.info.profile"
STATS = "user.info.stats"
OPEN_ID = "user.info.open_id"
VIDEO_LIST = "video.list"
VIDEO_PUBLISH = "video.publish"
VIDEO_UPLOAD = "video.upload"

PORTABILITY_KINDS = ("activity", "all", "directmessages", "postsandprofile")


def portability(kind: str) -> tuple[str, str]:
    """The two Data Portability scopes of one kind: a single request, and ongoing ones."""
    return f"portability.{kind}.single", f"portability.{kind}.ongoing"


#: Scopes a Login Kit authorization (a user's login) can grant, in the order scopes are listed.
LOGIN_KIT_SCOPES: tuple[str, ...] = (
    BASIC,
    PROFILE,
    STATS,
    OPEN_ID,
    VIDEO_LIST,
    VIDEO_PUBLISH,
    VIDEO_UPLOAD,
    "artist.certification.read",
    "artist.certification.update",
    *(scope for kind in PORTABILITY_KINDS for scope in portability(kind)),
)

#: Local Service / TikTok GO scopes, granted to a merchant token (T30); which endpoint needs which
#: is not documented, so they are known names and nothing more.
MERCHANT_SCOPES: tuple[str, ...] = ("local.product.manage", "local.shop.manage", "local.voucher.manage")


class OtherApi(Record):
    """A TikTok API whose scopes a Login Kit user login cannot grant."""

    name: str
    why: str  # how that API's scopes are granted instead
    scopes: tuple[str, ...]


_CLIENT_TOKEN = (
    "TikTok grants it to an approved project, whose calls use a client access token "
    "(grant_type=client_credentials), not a user's login"
)
RESEARCH_API = OtherApi(
    "Research API", _CLIENT_TOKEN, ("research.data.basic", "research.data.u18eu", "research.data.vra")
)
COMMERCIAL_CONTENT_API = OtherApi("Commercial Content API", _CLIENT_TOKEN, ("research.adlib.basic",))
BUSINESS_API = OtherApi(
    "TikTok API for Business",
    "it is granted by the Business API's own authorization (business-api.tiktok.com/portal/auth)",
    ("user.insights", "video.insights", "comment.list", "comment.list.manage"),
)
OTHER_APIS: tuple[OtherApi, ...] = (RESEARCH_API, COMMERCIAL_CONTENT_API, BUSINESS_API)
#: The API each of those scopes belongs to.
OTHER_API_OF: Mapping[str, OtherApi] = {scope: api for api in OTHER_APIS for scope in api.scopes}

#: Every scope name TikTok documents (TTS004 calls any other name unknown), in listing order.
ALL_SCOPES: tuple[str, ...] = (
    *LOGIN_KIT_SCOPES,
    *RESEARCH_API.scopes,
    *COMMERCIAL_CONTENT_API.scopes,
    *MERCHANT_SCOPES,
    *BUSINESS_API.scopes,
)
KNOWN_SCOPES: frozenset[str] = frozenset(ALL_SCOPES)
SCOPE_ORDER: Mapping[str, int] = {name: index for index, name in enumerate(ALL_SCOPES)}


def scope_sort_key(scope: str) -> tuple[int, str]:
    """Order scopes as the catalog lists them, unknown names last."""
    return (SCOPE_ORDER.get(scope, len(SCOPE_ORDER)), scope)


class Requirement(Record):
    """What a request needs: any one of ``scopes``; the first is the one to ask for."""

    scopes: tuple[str, ...]
    label: str = ""  # how a message names a long list of scopes

    def met_by(self, declared: AbstractSet[str]) -> bool:
        """True when one of the declared scopes satisfies it."""
        return any(scope in declared for scope in self.scopes)


def needs(*scopes: str, label: str = "") -> Requirement:
    """A requirement met by any of ``scopes``."""
    return Requirement(scopes, label)


#: Posting status (status/fetch) and a photo post whose mode is not known: either posting scope.
ANY_POSTING = needs(VIDEO_UPLOAD, VIDEO_PUBLISH)
#: Data Portability endpoints: any of its scopes (the category decides which, where it is known).
ANY_PORTABILITY = needs(
    *portability("all"),
    *(scope for kind in PORTABILITY_KINDS if kind != "all" for scope in portability(kind)),
    label="a 'portability.*' scope",
)


def portability_category(category: str, *kinds: str) -> Requirement:
    """The Data Portability scopes that cover one category of ``category_selection_list`` (FS §2.2)."""
    names = [scope for kind in (*kinds, "all") for scope in portability(kind)]
    covered = " or ".join(f"portability.{kind}.*" for kind in (*kinds, "all"))
    return needs(*names, label=f"a scope that covers category '{category}' ({covered})")
