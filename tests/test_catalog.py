"""The catalog: the TikTok facts that rules, messages and docs read."""

from __future__ import annotations

from flake8_tiktok_scopes.tiktok import catalog


def test_user_info_fields_need_the_scopes_of_the_2024_migration() -> None:
    by_scope: dict[str, set[str]] = {}
    for field, scope in catalog.USER_INFO_FIELDS.items():
        by_scope.setdefault(scope, set()).add(field)
    assert by_scope[catalog.BASIC] == {
        "open_id",
        "union_id",
        "avatar_url",
        "avatar_url_100",
        "avatar_large_url",
        "display_name",
    }
    assert by_scope[catalog.STATS] == {"follower_count", "following_count", "likes_count", "video_count"}
    assert {"bio_description", "profile_deep_link", "is_verified", "username"} <= by_scope[catalog.PROFILE]


def test_every_scope_a_field_needs_is_known() -> None:
    for endpoint in catalog.FIELD_ENDPOINTS:
        assert set(endpoint.fields.values()) <= catalog.KNOWN_SCOPES


def test_video_endpoints_need_video_list_for_every_field() -> None:
    for endpoint in catalog.FIELD_ENDPOINTS:
        if endpoint.kind == "video":
            assert set(endpoint.fields.values()) == {catalog.VIDEO_LIST}
            assert "like_count" in endpoint.fields
            assert "likes_count" not in endpoint.fields


def test_misspellings_point_at_real_fields_of_their_endpoint() -> None:
    for endpoint in catalog.FIELD_ENDPOINTS:
        for wrong, meant in endpoint.misspellings.items():
            assert wrong not in endpoint.fields
            assert meant is None or meant in endpoint.fields


def test_deprecated_endpoints_are_replaced_by_v2_urls() -> None:
    for (host, path), replacement in catalog.DEPRECATED_ENDPOINTS.items():
        assert host in (catalog.V1_HOST, "www.tiktok.com", "sandbox-www.tiktok.com")
        assert path.startswith("/") and path.endswith("/")
        assert replacement.startswith(("https://open.tiktokapis.com/v2/", "https://www.tiktok.com/v2/"))
    for endpoint in catalog.FIELD_ENDPOINTS:
        assert endpoint.deprecated == ((catalog.V1_HOST, endpoint.path) in catalog.DEPRECATED_ENDPOINTS)


def test_sdk_defaults_are_known() -> None:
    assert set(catalog.PYTIKTOK_DEFAULT_SCOPE.split(",")) <= catalog.KNOWN_SCOPES
    assert set(catalog.ALLAUTH_DEFAULT_SCOPE) <= catalog.KNOWN_SCOPES
    for method in catalog.PYTIKTOK_METHODS.values():
        assert set(method.default_fields) <= set(method.endpoint.fields)
    for url in catalog.PYTIKTOK_URLS.values():
        host, _, path = url.removeprefix("https://").partition("/")
        assert (host, f"/{path}") in catalog.DEPRECATED_ENDPOINTS


def test_scope_order_puts_user_info_first() -> None:
    ordered = sorted(["video.list", "user.info.stats", "user.info.basic"], key=catalog.scope_sort_key)
    assert ordered == ["user.info.basic", "user.info.stats", "video.list"]
