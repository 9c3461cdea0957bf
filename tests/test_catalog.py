"""The catalog: the TikTok facts that rules, messages and docs read."""

from __future__ import annotations

import pytest

from flake8_tiktok_scopes.source import prefilter
from flake8_tiktok_scopes.tiktok import catalog, endpoints, scopes
from flake8_tiktok_scopes.tiktok.endpoints import ENDPOINTS, Endpoint
from flake8_tiktok_scopes.tiktok.sources import SOURCES

_IDS = [endpoint.key for endpoint in ENDPOINTS]


def test_user_info_fields_need_the_scopes_of_the_2024_migration() -> None:
    by_scope: dict[str, set[str]] = {}
    for field, scope in catalog.USER_INFO_FIELDS.items():
        by_scope.setdefault(scope, set()).add(field)
    assert by_scope[scopes.BASIC] == {
        "open_id",
        "union_id",
        "avatar_url",
        "avatar_url_100",
        "avatar_large_url",
        "display_name",
    }
    assert by_scope[scopes.STATS] == {"follower_count", "following_count", "likes_count", "video_count"}
    assert {"bio_description", "profile_deep_link", "is_verified", "username"} <= by_scope[scopes.PROFILE]


def test_keys_are_unique_and_places_distinct() -> None:
    assert len(set(_IDS)) == len(_IDS)
    places = [(e.host, e.path) for e in ENDPOINTS]
    assert len(set(places)) == len(places)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_IDS)
def test_every_entry_is_complete_and_sourced(endpoint: Endpoint) -> None:
    assert endpoint.url.startswith("https://") and endpoint.method in ("GET", "POST", "PUT")
    assert endpoint.sources and set(endpoint.sources) <= set(SOURCES)
    assert endpoint.token in (endpoints.USER, endpoints.CLIENT, endpoints.NO_TOKEN)
    assert catalog.endpoint_at(endpoint.host, endpoint.path) is endpoint
    assert catalog.endpoint_at(endpoint.host, endpoint.path.rstrip("/")) is endpoint
    for requirement in catalog.requirements(endpoint):
        assert requirement.scopes and set(requirement.scopes) <= scopes.KNOWN_SCOPES
    if endpoint.token != endpoints.USER and endpoint.fields:  # names judged, never a login's scopes
        assert set(endpoint.fields.values()) == {endpoint.scope}


def test_kind_is_data_not_a_key_prefix() -> None:
    kinds = {e.key: e.kind for e in ENDPOINTS}
    assert kinds["video_list"] == kinds["video_query_v1"] == endpoints.VIDEO
    assert kinds["user_info"] == endpoints.USER_INFO
    assert kinds["creator_info"] == kinds["content_init"] == endpoints.POSTING
    assert {kinds["data_add"], kinds["data_check"], kinds["data_download"]} == {
        endpoints.DATA_REQUEST,
        endpoints.DATA_STATUS,
        endpoints.DATA,
    }


def test_endpoints_of_one_kind_take_the_same_fields() -> None:
    fields: dict[str, set[frozenset[str] | None]] = {}
    for endpoint in (e for e in ENDPOINTS if e.token == endpoints.USER):
        named = None if endpoint.fields is None else frozenset(endpoint.fields)
        fields.setdefault(endpoint.kind, set()).add(named)
    assert {kind: len(lists) for kind, lists in fields.items() if len(lists) > 1} == {
        endpoints.USER_INFO: 2  # v1 also knows avatar_url_200
    }


def test_video_endpoints_need_video_list_for_every_field() -> None:
    for endpoint in ENDPOINTS:
        if endpoint.kind == endpoints.VIDEO:
            assert endpoint.scope == scopes.needs(scopes.VIDEO_LIST)
            assert endpoint.fields is not None and "like_count" in endpoint.fields
            assert {r.scopes for r in endpoint.fields.values()} == {(scopes.VIDEO_LIST,)}
            assert "likes_count" not in endpoint.fields


def test_content_posting_scopes() -> None:
    at = {e.key: e for e in ENDPOINTS}
    publish, upload = (scopes.VIDEO_PUBLISH,), (scopes.VIDEO_UPLOAD,)
    assert at["creator_info"].scope and at["creator_info"].scope.scopes == publish
    assert at["video_init"].scope and at["video_init"].scope.scopes == publish
    assert at["inbox_video_init"].scope and at["inbox_video_init"].scope.scopes == upload
    assert at["status_fetch"].scope == scopes.ANY_POSTING
    mode = at["content_init"].parameter
    assert mode is not None and mode.name == "post_mode"
    assert {value: r.scopes for value, r in mode.values.items()} == {
        "DIRECT_POST": publish,
        "MEDIA_UPLOAD": upload,
    }


def test_data_portability_categories_need_their_scopes() -> None:
    add = catalog.endpoint_at(catalog.V2_HOST, "/v2/user/data/add/")
    assert add is not None and add.parameter is not None
    by_category = {category: set(r.scopes) for category, r in add.parameter.values.items()}
    every = set(scopes.ANY_PORTABILITY.scopes)
    assert by_category["all_data"] == set(scopes.portability("all"))
    assert (
        by_category["video"]
        == by_category["profile"]
        == {*scopes.portability("postsandprofile"), *scopes.portability("all")}
    )
    assert all(needed <= every for needed in by_category.values())
    for endpoint in ENDPOINTS:
        if endpoint.path.startswith("/v2/user/data/"):
            assert endpoint.scope == scopes.ANY_PORTABILITY


def test_client_token_apis_are_never_login_scopes() -> None:
    for endpoint in ENDPOINTS:
        if endpoint.token == endpoints.CLIENT:
            assert endpoint.path.startswith("/v2/research/")
            for requirement in catalog.requirements(endpoint):
                assert set(requirement.scopes) <= set(scopes.OTHER_API_OF)
    assert not set(scopes.OTHER_API_OF) & set(scopes.LOGIN_KIT_SCOPES)
    assert not catalog.JUDGED_SCOPES & set(scopes.OTHER_API_OF)


def test_retired_endpoints_say_what_replaces_them_and_since_when() -> None:
    for endpoint in ENDPOINTS:
        retired = endpoint.retired
        if retired is None:
            continue
        assert endpoint.host in (catalog.V1_HOST, endpoints.WEB_HOST, endpoints.SANDBOX_HOST)
        host, _, path = retired.replacement.removeprefix("https://").partition("/")
        replacement = catalog.endpoint_at(host, f"/{path}")
        assert replacement is not None and replacement.retired is None
        assert catalog.DEPRECATED_ENDPOINTS[(endpoint.host, endpoint.path)] == retired.replacement
    dates = {e.key: e.retired.date for e in ENDPOINTS if e.retired}
    assert dates["connect_v1"] == dates["authorize_v1"] == dates["access_token_v1"] == "2024-02-29"
    assert dates["get_qrcode_v0"] == dates["check_qrcode_v0"] == "2024-02-29"
    assert dates["share_video_v1"] == "2023-09-10"
    assert dates["user_info_v1"] is None  # deprecated, no shutdown date announced


def test_misspellings_point_at_real_fields_of_their_endpoint() -> None:
    for endpoint in ENDPOINTS:
        for wrong, meant in endpoint.misspellings.items():
            assert endpoint.fields is not None and wrong not in endpoint.fields
            assert meant is None or meant in endpoint.fields


def test_sdk_defaults_are_known() -> None:
    assert set(catalog.PYTIKTOK_DEFAULT_SCOPE.split(",")) <= catalog.KNOWN_SCOPES
    assert set(catalog.ALLAUTH_DEFAULT_SCOPE) <= catalog.KNOWN_SCOPES
    for method in catalog.PYTIKTOK_METHODS.values():
        assert method.endpoint.fields is not None
        assert set(method.default_fields) <= set(method.endpoint.fields)


def test_scope_order_puts_user_info_first() -> None:
    ordered = sorted(["video.list", "user.info.stats", "user.info.basic"], key=catalog.scope_sort_key)
    assert ordered == ["user.info.basic", "user.info.stats", "video.list"]


def test_judged_scopes_leave_out_what_every_app_or_a_mobile_sdk_holds() -> None:
    assert {scopes.PROFILE, scopes.STATS, scopes.VIDEO_LIST, scopes.VIDEO_PUBLISH} <= catalog.JUDGED_SCOPES
    assert set(scopes.portability("activity")) <= catalog.JUDGED_SCOPES
    assert not {scopes.BASIC, scopes.OPEN_ID, scopes.VIDEO_UPLOAD} & catalog.JUDGED_SCOPES


@pytest.mark.parametrize(
    "endpoint", [e for e in ENDPOINTS if e.token != endpoints.NO_TOKEN], ids=lambda e: e.key
)
def test_prefilter_lets_every_api_path_and_scope_through(endpoint: Endpoint) -> None:
    """Its words come from the catalog: a relative path or a scope name alone is enough."""
    relative = endpoint.path.removeprefix("/v2/")
    assert prefilter.mentions_tiktok(f"client.post({relative!r})")
    assert prefilter.mentions_tiktok(f"client.post({relative.upper()!r})")


@pytest.mark.parametrize("scope", scopes.ALL_SCOPES)
def test_prefilter_lets_every_scope_through(scope: str) -> None:
    assert prefilter.mentions_tiktok(f"SCOPES = {scope!r}")


def test_prefilter_keeps_other_code_out() -> None:
    assert not prefilter.mentions_tiktok("import requests\nrequests.get('https://api.github.com/user')\n")
    assert not prefilter.mentions_tiktok("video = Video.objects.get(pk=1)\ninfo = user.get_info()\n")


def test_prefilter_words_are_the_catalogs() -> None:
    assert dict(catalog.PREFILTER_WORDS) == prefilter.WORDS
    assert prefilter.FIELDS == catalog.PREFILTER_FIELDS
