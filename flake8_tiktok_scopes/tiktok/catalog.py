"""The TikTok API facts the checker relies on: one place, read by rules, messages and docs.

Every fact comes from the project's research notes on the TikTok API
(``shared/research/tiktok-api.md``), which cite TikTok's own pages:

- fields and scopes of Get User Info: developers.tiktok.com/doc/tiktok-api-v2-get-user-info
  and the 2024-02-29 bulletin developers.tiktok.com/bulletin/user-info-scope-migration;
- the scope list: developers.tiktok.com/doc/tiktok-api-scopes (union of its versions);
- video fields: developers.tiktok.com/doc/tiktok-api-v2-video-object;
- v1 end of life: developers.tiktok.com/bulletin/migration-guidance-oauth-v1;
- python-tiktok 0.1.12 ``pytiktok/kit_api.py`` and django-allauth 65.x ``providers/tiktok``
  for the SDK defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

BASIC = "user.info.basic"
PROFILE = "user.info.profile"
STATS = "user.info.stats"
VIDEO_LIST = "video.list"

#: Every Login Kit / TikTok API scope name, in the order used when scopes are listed.
LOGIN_KIT_SCOPES: tuple[str, ...] = (
    BASIC,
    PROFILE,
    STATS,
    "user.info.open_id",
    VIDEO_LIST,
    "video.publish",
    "video.upload",
    "artist.certification.read",
    "artist.certification.update",
    *(
        f"portability.{kind}.{mode}"
        for kind in ("activity", "all", "directmessages", "postsandprofile")
        for mode in ("single", "ongoing")
    ),
    "research.data.basic",
    "research.data.u18eu",
    "research.data.vra",
    "research.adlib.basic",
    "local.product.manage",
    "local.shop.manage",
    "local.voucher.manage",
)

#: TikTok API for Business scope names: known, but they grant nothing on Login Kit endpoints.
BUSINESS_SCOPES: tuple[str, ...] = (
    "user.insights",
    "video.insights",
    "comment.list",
    "comment.list.manage",
)

KNOWN_SCOPES: frozenset[str] = frozenset(LOGIN_KIT_SCOPES + BUSINESS_SCOPES)
SCOPE_ORDER: Mapping[str, int] = {
    name: index for index, name in enumerate(LOGIN_KIT_SCOPES + BUSINESS_SCOPES)
}

#: User Info fields (v1 and v2) and the scope each needs since 2024-02-29.
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

#: Fields only the legacy v1 Login Kit documentation lists.
USER_INFO_V1_ONLY_FIELDS: Mapping[str, str] = {"avatar_url_200": BASIC}

#: The Video Object; list and query need ``video.list`` for the endpoint as a whole.
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


@dataclass(frozen=True)
class Endpoint:
    """An endpoint that takes a ``fields`` list."""

    key: str
    url: str
    fields: Mapping[str, str]  # field name -> scope it needs
    misspellings: Mapping[str, str | None]
    deprecated: bool = False

    @property
    def kind(self) -> str:
        """``user_info`` or ``video``: endpoints of one kind take the same fields."""
        return "video" if self.key.startswith("video_") else "user_info"

    @property
    def path(self) -> str:
        """The URL's path, e.g. ``/v2/user/info/``."""
        return "/" + self.url.split("/", 3)[3]


V2_HOST = "open.tiktokapis.com"
V1_HOST = "open-api.tiktok.com"
#: Hosts that serve the Login Kit / TikTok API v2 (the second appears in some TikTok curl examples).
V2_HOSTS: frozenset[str] = frozenset({V2_HOST, "open-platform.tiktokapis.com"})

_VIDEO_SCOPES: Mapping[str, str] = {name: VIDEO_LIST for name in VIDEO_FIELDS}

USER_INFO_V2 = Endpoint(
    "user_info_v2",
    f"https://{V2_HOST}/v2/user/info/",
    USER_INFO_FIELDS,
    USER_INFO_MISSPELLINGS,
)
USER_INFO_V1 = Endpoint(
    "user_info_v1",
    f"https://{V1_HOST}/user/info/",
    {**USER_INFO_FIELDS, **USER_INFO_V1_ONLY_FIELDS},
    USER_INFO_MISSPELLINGS,
    deprecated=True,
)
VIDEO_LIST_V2 = Endpoint(
    "video_list_v2", f"https://{V2_HOST}/v2/video/list/", _VIDEO_SCOPES, VIDEO_MISSPELLINGS
)
VIDEO_QUERY_V2 = Endpoint(
    "video_query_v2", f"https://{V2_HOST}/v2/video/query/", _VIDEO_SCOPES, VIDEO_MISSPELLINGS
)
VIDEO_LIST_V1 = Endpoint(
    "video_list_v1",
    f"https://{V1_HOST}/video/list/",
    _VIDEO_SCOPES,
    VIDEO_MISSPELLINGS,
    deprecated=True,
)
VIDEO_QUERY_V1 = Endpoint(
    "video_query_v1",
    f"https://{V1_HOST}/video/query/",
    _VIDEO_SCOPES,
    VIDEO_MISSPELLINGS,
    deprecated=True,
)

FIELD_ENDPOINTS: tuple[Endpoint, ...] = (
    USER_INFO_V2,
    USER_INFO_V1,
    VIDEO_LIST_V2,
    VIDEO_QUERY_V2,
    VIDEO_LIST_V1,
    VIDEO_QUERY_V1,
)

V2_AUTHORIZE_URL = "https://www.tiktok.com/v2/auth/authorize/"
V2_TOKEN_URL = f"https://{V2_HOST}/v2/oauth/token/"

#: Authorization endpoints, as (host, path); their ``scope`` query parameter declares scopes.
AUTHORIZE_ENDPOINTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("www.tiktok.com", "/v2/auth/authorize/"),
        ("www.tiktok.com", "/auth/authorize/"),
        ("sandbox-www.tiktok.com", "/auth/authorize/"),
        ("sandbox-www.tiktok.com", "/v2/auth/authorize/"),
        (V1_HOST, "/platform/oauth/connect/"),
    }
)

#: Deprecated v1 endpoints, as (host, path), and what replaces each.
DEPRECATED_ENDPOINTS: Mapping[tuple[str, str], str] = {
    (V1_HOST, "/user/info/"): USER_INFO_V2.url,
    (V1_HOST, "/video/list/"): VIDEO_LIST_V2.url,
    (V1_HOST, "/video/query/"): VIDEO_QUERY_V2.url,
    (V1_HOST, "/platform/oauth/connect/"): V2_AUTHORIZE_URL,
    (V1_HOST, "/oauth/access_token/"): V2_TOKEN_URL,
    (V1_HOST, "/oauth/refresh_token/"): V2_TOKEN_URL,
    (V1_HOST, "/oauth/revoke/"): f"https://{V2_HOST}/v2/oauth/revoke/",
    (V1_HOST, "/v0/oauth/get_qrcode/"): f"https://{V2_HOST}/v2/oauth/get_qrcode/",
    (V1_HOST, "/v0/oauth/check_qrcode/"): f"https://{V2_HOST}/v2/oauth/check_qrcode/",
    (V1_HOST, "/share/video/upload/"): f"https://{V2_HOST}/v2/post/publish/inbox/video/init/",
    ("www.tiktok.com", "/auth/authorize/"): V2_AUTHORIZE_URL,
    ("sandbox-www.tiktok.com", "/auth/authorize/"): V2_AUTHORIZE_URL,
}

#: Hosts whose URLs make surrounding code "about TikTok" (Business API excluded on purpose).
TIKTOK_HOSTS: frozenset[str] = frozenset({*V2_HOSTS, V1_HOST, "www.tiktok.com", "sandbox-www.tiktok.com"})


@dataclass(frozen=True)
class SdkMethod:
    """A python-tiktok ``KitApi`` method that requests fields."""

    endpoint: Endpoint
    default_fields: tuple[str, ...]
    fields_position: int  # index of ``fields`` among the positional arguments


#: python-tiktok 0.1.12 ``KitApi`` (v1 only): default scope and the methods that take fields.
PYTIKTOK_DEFAULT_SCOPE = f"{BASIC},{VIDEO_LIST}"
_PYTIKTOK_VIDEO_DEFAULT = ("id", "create_time", "duration", "share_url")
PYTIKTOK_METHODS: Mapping[str, SdkMethod] = {
    "get_user_info": SdkMethod(USER_INFO_V1, ("open_id", "union_id", "display_name", "avatar_url"), 1),
    "get_user_videos": SdkMethod(VIDEO_LIST_V1, _PYTIKTOK_VIDEO_DEFAULT, 1),
    "query_videos": SdkMethod(VIDEO_QUERY_V1, _PYTIKTOK_VIDEO_DEFAULT, 2),
}

#: Every python-tiktok ``KitApi`` method and the v1 URL it calls (the SDK speaks only v1).
PYTIKTOK_URLS: Mapping[str, str] = {
    "get_authorize_url": "https://www.tiktok.com/auth/authorize/",
    "generate_access_token": f"https://{V1_HOST}/oauth/access_token/",
    "refresh_access_token": f"https://{V1_HOST}/oauth/refresh_token/",
    "revoke_access_token": f"https://{V1_HOST}/oauth/revoke/",
    "get_qrcode": f"https://{V1_HOST}/v0/oauth/get_qrcode/",
    "check_qrcode": f"https://{V1_HOST}/v0/oauth/check_qrcode/",
    "share_video": f"https://{V1_HOST}/share/video/upload/",
    **{name: method.endpoint.url for name, method in PYTIKTOK_METHODS.items()},
}

#: django-allauth's TikTok provider scope when settings name none.
ALLAUTH_DEFAULT_SCOPE: tuple[str, ...] = (BASIC, PROFILE)


def scope_sort_key(scope: str) -> tuple[int, str]:
    """Order scopes as the catalog lists them, unknown names last."""
    return (SCOPE_ORDER.get(scope, len(SCOPE_ORDER)), scope)
