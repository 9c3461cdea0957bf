"""Every TikTok endpoint the checker knows: one entry each, grouped by product.

An entry says how the endpoint is called (method, URL), which token it takes, which scopes it
needs (as a whole, per field, or per value of one body parameter), the fields it returns, what
replaces it when TikTok retired it, and the keys of its sources (:mod:`.sources`). Adding an
endpoint is adding an entry here (and fixtures that use it). Facts the research notes mark
UNCONFIRMED have no entry: ``/v2/post/publish/cancel/``, ``/v2/oauth/refresh_token/``, the
``artist.certification`` and Local Service endpoints, Research hosts other than
``open.tiktokapis.com``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..records import Record
from .scopes import (
    ANY_PORTABILITY,
    ANY_POSTING,
    BASIC,
    COMMERCIAL_CONTENT_API,
    OPEN_ID,
    PROFILE,
    RESEARCH_API,
    STATS,
    VIDEO_LIST,
    VIDEO_PUBLISH,
    VIDEO_UPLOAD,
    Requirement,
    needs,
    portability_category,
)

V2_HOST = "open.tiktokapis.com"
V1_HOST = "open-api.tiktok.com"
WEB_HOST = "www.tiktok.com"
SANDBOX_HOST = "sandbox-www.tiktok.com"

# Tokens an endpoint takes.
USER = "user"  # a Login Kit user access token: it carries the scopes the user granted
CLIENT = "client"  # a client access token (grant_type=client_credentials), not tied to a login
NO_TOKEN = "none"

# Kinds: endpoints of one kind take the same fields and play the same part.
AUTHORIZE = "authorize"  # the page where a user grants scopes
OAUTH = "oauth"  # token, revoke and QR code requests (client_key, client_secret)
USER_INFO = "user_info"
VIDEO = "video"
POSTING = "posting"
UPLOAD = "upload"
DATA_REQUEST = "data_request"
DATA_STATUS = "data_status"
DATA = "data"
RESEARCH = "research"
COMMERCIAL_CONTENT = "commercial_content"
EMBED = "embed"


class ScopeParameter(Record):
    """A body parameter whose value decides the scope an endpoint needs (``post_mode``)."""

    name: str
    values: Mapping[str, Requirement]


class Retirement(Record):
    """A retired or deprecated endpoint: what it was, since when, and what replaces it."""

    what: str  # "a deprecated v1 endpoint"
    replacement: str
    date: str | None = None  # when TikTok stopped serving it; None when no date was announced


class Endpoint:
    """One TikTok endpoint (each one is its own: equal only to itself)."""

    __slots__ = (
        "fields",
        "key",
        "kind",
        "method",
        "misspellings",
        "parameter",
        "product",
        "retired",
        "scope",
        "sources",
        "token",
        "url",
    )

    def __init__(
        self,
        key: str,
        product: str,
        kind: str,
        method: str,
        url: str,
        sources: tuple[str, ...],
        token: str = USER,
        scope: Requirement | None = None,
        fields: Mapping[str, Requirement] | None = None,
        misspellings: Mapping[str, str | None] | None = None,
        parameter: ScopeParameter | None = None,
        retired: Retirement | None = None,
    ) -> None:
        self.key = key
        self.product = product
        self.kind = kind
        self.method = method
        self.url = url
        self.sources = sources
        self.token = token
        self.scope = scope  # needed as a whole; None: per field, or nothing
        #: Field name -> what it needs; None when the checker does not judge field names here.
        self.fields = fields
        self.misspellings: Mapping[str, str | None] = misspellings if misspellings is not None else {}
        self.parameter = parameter
        self.retired = retired

    def __repr__(self) -> str:
        return f"Endpoint({self.key!r}, {self.url!r})"

    @property
    def host(self) -> str:
        """The URL's host."""
        return self.url.split("/", 3)[2]

    @property
    def path(self) -> str:
        """The URL's path, e.g. ``/v2/user/info/``."""
        return "/" + self.url.split("/", 3)[3]


def _v2(path: str) -> str:
    return f"https://{V2_HOST}{path}"


def _v1(path: str) -> str:
    return f"https://{V1_HOST}{path}"


# -- fields ------------------------------------------------------------------------------------

#: User Info fields (v1 and v2) and the scope each needs since 2024-02-29 (S1, S38).
USER_INFO_FIELDS: Mapping[str, str] = {
    "open_id": BASIC,
    "union_id": BASIC,
    "avatar_url": BASIC,
    "avatar_url_100": BASIC,
    "avatar_large_url": BASIC,
    "display_name": BASIC,
    "bio_description": PROFILE,
    "profile_deep_link": PROFILE,
    # Named by the Scopes Reference for user.info.profile, absent from the field table.
    "profile_web_link": PROFILE,
    "is_verified": PROFILE,
    "username": PROFILE,
    "follower_count": STATS,
    "following_count": STATS,
    "likes_count": STATS,
    "video_count": STATS,
}

#: Fields only the legacy v1 Login Kit documentation lists (S5).
USER_INFO_V1_ONLY_FIELDS: Mapping[str, str] = {"avatar_url_200": BASIC}

#: The Video Object (S8); list and query need ``video.list`` for the endpoint as a whole.
VIDEO_FIELDS: tuple[str, ...] = (
    "id",
    "create_time",
    "cover_image_url",
    "share_url",
    "video_description",
    "duration",
    "height",
    "width",
    "title",
    "embed_html",
    "embed_link",
    "like_count",
    "comment_count",
    "share_count",
    "view_count",
)

#: Names people write for a user-info field that does not exist, and what they meant
#: (``None``: TikTok has no such field at all).
USER_INFO_MISSPELLINGS: Mapping[str, str | None] = {
    "like_count": "likes_count",
    "likes": "likes_count",
    "total_likes": "likes_count",
    "heart_count": "likes_count",
    "followers_count": "follower_count",
    "followers": "follower_count",
    "fans_count": "follower_count",
    "followings_count": "following_count",
    "following": "following_count",
    "videos_count": "video_count",
    "video_counts": "video_count",
    "bio": "bio_description",
    "description": "bio_description",
    "signature": "bio_description",
    "avatar": "avatar_url",
    "avatar_thumb": "avatar_url_100",
    "avatar_larger": "avatar_large_url",
    "nickname": "display_name",
    "name": "display_name",
    "user_name": "username",
    "unique_id": "username",
    "verified": "is_verified",
    "profile_link": "profile_deep_link",
    "deep_link": "profile_deep_link",
    "user_id": "open_id",
    "id": "open_id",
    "email": None,
    "phone": None,
    "phone_number": None,
    "birthday": None,
    "gender": None,
    "country": None,
    "region": None,
    "is_private": None,
}

#: The same for video fields.
VIDEO_MISSPELLINGS: Mapping[str, str | None] = {
    "likes_count": "like_count",
    "likes": "like_count",
    "comments_count": "comment_count",
    "shares_count": "share_count",
    "views_count": "view_count",
    "play_count": "view_count",
    "description": "video_description",
    "caption": "video_description",
    "cover_url": "cover_image_url",
    "cover": "cover_image_url",
    "video_id": "id",
    "url": "share_url",
    "create_date": "create_time",
}


def _user_info_fields(scopes: Mapping[str, str]) -> Mapping[str, Requirement]:
    # Minis grant open_id alone with user.info.open_id (S25).
    return {name: needs(scope, *([OPEN_ID] if name == "open_id" else [])) for name, scope in scopes.items()}


def _all_need(requirement: Requirement, names: tuple[str, ...]) -> Mapping[str, Requirement]:
    return dict.fromkeys(names, requirement)


_VIDEO_LIST = needs(VIDEO_LIST)
_VIDEO = _all_need(_VIDEO_LIST, VIDEO_FIELDS)
_V2_AUTHORIZE = f"https://{WEB_HOST}/v2/auth/authorize/"
_V2_TOKEN = _v2("/v2/oauth/token/")
_OAUTH_V1_END = "2024-02-29"

# -- Login Kit (S30, T35; v1 end of life S37) --------------------------------------------------

LOGIN_KIT = "Login Kit"


def _oauth(
    key: str, kind: str, method: str, url: str, *sources: str, retired: Retirement | None = None
) -> Endpoint:
    return Endpoint(key, LOGIN_KIT, kind, method, url, sources, NO_TOKEN, retired=retired)


def _retired_oauth(key: str, method: str, path: str, replacement: str, what: str, *sources: str) -> Endpoint:
    return _oauth(
        key, OAUTH, method, _v1(path), *sources, retired=Retirement(what, replacement, _OAUTH_V1_END)
    )


_V1_AUTHORIZE = Retirement("a legacy v1 authorization page", _V2_AUTHORIZE, _OAUTH_V1_END)
_V1_OAUTH, _V0_QR = "a v1 OAuth endpoint", "a v0 QR code authorization endpoint"
_LOGIN_KIT: tuple[Endpoint, ...] = (
    _oauth("authorize", AUTHORIZE, "GET", _V2_AUTHORIZE, "S30", "T35"),
    # The sandbox host is seen in code only (tiktok-api.md C2).
    _oauth("authorize_sandbox", AUTHORIZE, "GET", f"https://{SANDBOX_HOST}/v2/auth/authorize/", "S30"),
    _oauth("token", OAUTH, "POST", _V2_TOKEN, "T3", "T2", "S33"),
    _oauth("revoke", OAUTH, "POST", _v2("/v2/oauth/revoke/"), "T1"),
    _oauth("get_qrcode", OAUTH, "POST", _v2("/v2/oauth/get_qrcode/"), "S34", "T37"),
    _oauth("check_qrcode", OAUTH, "POST", _v2("/v2/oauth/check_qrcode/"), "S34", "T37"),
    _oauth(
        "authorize_v1",
        AUTHORIZE,
        "GET",
        f"https://{WEB_HOST}/auth/authorize/",
        "S31",
        "S37",
        retired=_V1_AUTHORIZE,
    ),
    _oauth(
        "authorize_v1_sandbox",
        AUTHORIZE,
        "GET",
        f"https://{SANDBOX_HOST}/auth/authorize/",
        "S37",
        retired=_V1_AUTHORIZE,
    ),
    _oauth("connect_v1", AUTHORIZE, "GET", _v1("/platform/oauth/connect/"), "S37", retired=_V1_AUTHORIZE),
    _retired_oauth("access_token_v1", "POST", "/oauth/access_token/", _V2_TOKEN, _V1_OAUTH, "S26", "S37"),
    _retired_oauth("refresh_token_v1", "POST", "/oauth/refresh_token/", _V2_TOKEN, _V1_OAUTH, "S26", "S37"),
    _retired_oauth("revoke_v1", "POST", "/oauth/revoke/", _v2("/v2/oauth/revoke/"), _V1_OAUTH, "S26", "S37"),
    _retired_oauth(
        "get_qrcode_v0", "GET", "/v0/oauth/get_qrcode/", _v2("/v2/oauth/get_qrcode/"), _V0_QR, "S34"
    ),
    _retired_oauth(
        "check_qrcode_v0", "GET", "/v0/oauth/check_qrcode/", _v2("/v2/oauth/check_qrcode/"), _V0_QR, "S34"
    ),
)

# -- Display API (S1, S6, S8; v1: S4, S9, S11) -------------------------------------------------

DISPLAY = "Display API"
USER_INFO_V2 = Endpoint(
    "user_info",
    DISPLAY,
    USER_INFO,
    "GET",
    _v2("/v2/user/info/"),
    ("S1", "S38"),
    fields=_user_info_fields(USER_INFO_FIELDS),
    misspellings=USER_INFO_MISSPELLINGS,
)
_DISPLAY_V1 = "a deprecated v1 endpoint"


def _video(key: str, url: str, source: str, replacing: Endpoint | None = None) -> Endpoint:
    """A video endpoint: ``video.list`` as a whole, the Video Object's fields (v1 replaced by v2)."""
    retired = None if replacing is None else Retirement(_DISPLAY_V1, replacing.url)
    return Endpoint(
        key,
        DISPLAY,
        VIDEO,
        "POST",
        url,
        (source,),
        scope=_VIDEO_LIST,
        fields=_VIDEO,
        misspellings=VIDEO_MISSPELLINGS,
        retired=retired,
    )


VIDEO_LIST_V2 = _video("video_list", _v2("/v2/video/list/"), "S6")
VIDEO_QUERY_V2 = _video("video_query", _v2("/v2/video/query/"), "S8")
VIDEO_LIST_V1 = _video("video_list_v1", _v1("/video/list/"), "S9", VIDEO_LIST_V2)
VIDEO_QUERY_V1 = _video("video_query_v1", _v1("/video/query/"), "S11", VIDEO_QUERY_V2)
USER_INFO_V1 = Endpoint(
    "user_info_v1",
    DISPLAY,
    USER_INFO,
    "POST",
    _v1("/user/info/"),
    ("S4", "S5"),
    fields=_user_info_fields({**USER_INFO_FIELDS, **USER_INFO_V1_ONLY_FIELDS}),
    misspellings=USER_INFO_MISSPELLINGS,
    retired=Retirement(_DISPLAY_V1, USER_INFO_V2.url),
)

# -- Content Posting API (T6-T10, S28; Share Video API end of life T27) ------------------------

POSTING_API = "Content Posting API"
_PUBLISH, _UPLOAD = needs(VIDEO_PUBLISH), needs(VIDEO_UPLOAD)
_INBOX_INIT = _v2("/v2/post/publish/inbox/video/init/")
_POST_MODE = ScopeParameter("post_mode", {"DIRECT_POST": _PUBLISH, "MEDIA_UPLOAD": _UPLOAD})


def _posting(
    key: str, path: str, scope: Requirement, source: str, parameter: ScopeParameter | None = None
) -> Endpoint:
    url = _v2(f"/v2/post/publish/{path}")
    return Endpoint(key, POSTING_API, POSTING, "POST", url, (source,), scope=scope, parameter=parameter)


_POSTING: tuple[Endpoint, ...] = (
    _posting("creator_info", "creator_info/query/", _PUBLISH, "T6"),
    _posting("video_init", "video/init/", _PUBLISH, "T7"),
    _posting("inbox_video_init", "inbox/video/init/", _UPLOAD, "T8"),
    _posting("content_init", "content/init/", ANY_POSTING, "S28", parameter=_POST_MODE),
    _posting("status_fetch", "status/fetch/", ANY_POSTING, "T9"),
    # The pre-signed upload_url that init returns (its host varies by region): no token.
    Endpoint(
        "upload", POSTING_API, UPLOAD, "PUT", "https://upload.us.tiktokapis.com/video/", ("T10",), NO_TOKEN
    ),
    # Every call has been rejected since 2023-09-10; nothing but TTS003 is said of it.
    Endpoint(
        "share_video_v1",
        POSTING_API,
        POSTING,
        "POST",
        _v1("/share/video/upload/"),
        ("T27",),
        retired=Retirement("the Share Video API", _INBOX_INIT, "2023-09-10"),
    ),
)

# -- Data Portability API (S19, T12, T13) ------------------------------------------------------

PORTABILITY_API = "Data Portability API"
_CATEGORIES = ScopeParameter(
    "category_selection_list",
    {
        "activity": portability_category("activity", "activity"),
        "video": portability_category("video", "postsandprofile"),
        "profile": portability_category("profile", "postsandprofile"),
        "direct_message": portability_category("direct_message", "directmessages"),
        "all_data": portability_category("all_data"),
    },
)
_STATUS_FIELDS = (
    "request_id",
    "apply_time",
    "collect_time",
    "status",
    "data_format",
    "category_selection_list",
)


def _data(key: str, kind: str, path: str, *sources: str, fields: tuple[str, ...] | None = None) -> Endpoint:
    url, named = _v2(f"/v2/user/data/{path}"), None if fields is None else _all_need(ANY_PORTABILITY, fields)
    parameter = _CATEGORIES if kind == DATA_REQUEST else None
    return Endpoint(
        key,
        PORTABILITY_API,
        kind,
        "POST",
        url,
        sources,
        scope=ANY_PORTABILITY,
        fields=named,
        parameter=parameter,
    )


_PORTABILITY: tuple[Endpoint, ...] = (
    _data("data_add", DATA_REQUEST, "add/", "S19", "T13", fields=("request_id",)),
    _data("data_check", DATA_STATUS, "check/", "S19", fields=_STATUS_FIELDS),
    _data("data_cancel", DATA, "cancel/", "S19", "T13"),
    _data("data_download", DATA, "download/", "T12"),
)

# -- Research API and Commercial Content API: client tokens (T4, T19) --------------------------

RESEARCH_PRODUCT = RESEARCH_API.name
_RESEARCH = needs(RESEARCH_API.scopes[0])
#: Field lists the sources give as complete (TTS002 judges names only there; the video query's
#: list grew in 2025 past what the sources read, so its names are not judged).
_RESEARCH_USER_FIELDS = (
    *("open_id", "display_name", "is_private", "bio_description", "avatar_url", "is_verified"),
    *("follower_count", "following_count", "likes_count", "video_count", "bio_url"),
)
_RESEARCH_REPOSTED_FIELDS = (
    *("id", "create_time", "username", "region_code", "video_description", "music_id", "like_count"),
    *("comment_count", "share_count", "view_count", "hashtag_names", "is_stem_verified"),
    *("favourites_count", "video_duration", "hashtag_info_list", "sticker_info_list"),
    *("effect_info_list", "video_mention_list", "video_label", "video_tag"),
)
_RESEARCH_COMMENT_FIELDS = (
    *("id", "video_id", "text", "like_count", "reply_count", "parent_comment_id", "create_time"),
)
_RESEARCH_PLAYLIST_FIELDS = (
    *("playlist_id", "playlist_name", "playlist_video_ids", "playlist_last_updated"),
    *("playlist_item_total", "has_more", "cursor"),
)
_RESEARCH_PATHS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    ("research_video_query", "video/query/", ("S13",), None),
    ("research_user_info", "user/info/", ("S12", "T28"), _RESEARCH_USER_FIELDS),
    ("research_comment_list", "video/comment/list/", ("S14",), _RESEARCH_COMMENT_FIELDS),
    ("research_liked_videos", "user/liked_videos/", ("R1",), None),
    ("research_pinned_videos", "user/pinned_videos/", ("S15",), None),
    ("research_reposted_videos", "user/reposted_videos/", ("T16",), _RESEARCH_REPOSTED_FIELDS),
    ("research_followers", "user/followers/", ("S17",), None),
    ("research_following", "user/following/", ("S17",), None),
    ("research_playlist_info", "playlist/info/", ("T15",), _RESEARCH_PLAYLIST_FIELDS),
    ("research_shop_products", "tts/product/", ("T17",), None),
    ("research_shop_info", "tts/shop/", ("T17",), None),
    ("research_validation_create", "validation_task/create/", ("T18",), None),
    ("research_validation_status", "validation_task_status/get/", ("T18",), None),
)
COMMERCIAL_PRODUCT = COMMERCIAL_CONTENT_API.name
_ADLIB = needs(COMMERCIAL_CONTENT_API.scopes[0])
_COMMERCIAL_PATHS = (
    ("ad_query", "ad/query/", ("S18", "M6")),
    ("ad_detail", "ad/detail/", ("M6",)),
    ("ad_report", "ad/report/", ("M6", "R1")),
    ("advertiser_query", "advertiser/query/", ("M6",)),
    ("commercial_content_query", "commercial_content/query/", ("T20", "M6")),
)
_CLIENT_APIS: tuple[Endpoint, ...] = (
    *(
        Endpoint(
            key,
            RESEARCH_PRODUCT,
            RESEARCH,
            "POST",
            _v2(f"/v2/research/{path}"),
            sources,
            CLIENT,
            _RESEARCH,
            None if fields is None else _all_need(_RESEARCH, fields),
        )
        for key, path, sources, fields in _RESEARCH_PATHS
    ),
    *(
        Endpoint(
            key,
            COMMERCIAL_PRODUCT,
            COMMERCIAL_CONTENT,
            "POST",
            _v2(f"/v2/research/adlib/{path}"),
            sources,
            CLIENT,
            _ADLIB,
        )
        for key, path, sources in _COMMERCIAL_PATHS
    ),
)

# -- Embed: no token (R3, T22) -----------------------------------------------------------------

_EMBED = (Endpoint("oembed", "Embed", EMBED, "GET", f"https://{WEB_HOST}/oembed", ("R3",), NO_TOKEN),)

#: Every endpoint, product by product.
ENDPOINTS: tuple[Endpoint, ...] = (
    *_LOGIN_KIT,
    USER_INFO_V2,
    VIDEO_LIST_V2,
    VIDEO_QUERY_V2,
    USER_INFO_V1,
    VIDEO_LIST_V1,
    VIDEO_QUERY_V1,
    *_POSTING,
    *_PORTABILITY,
    *_CLIENT_APIS,
    *_EMBED,
)
