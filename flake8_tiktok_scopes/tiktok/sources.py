"""Where the catalog's facts come from, cited once: each key names a page or a package.

The keys are those of the project's research notes: ``S``/``L`` keys from
``shared/research/tiktok-api.md``, ``T``/``M``/``R`` keys from ``shared/research/tiktok-endpoints.md``
(stored copies of TikTok for Developers pages, doc mirrors and SDK source). Catalog entries name
their sources by key; a test checks that every key they name is here.
"""

from __future__ import annotations

from collections.abc import Mapping

_DOCS = "https://developers.tiktok.com/doc/"

SOURCES: Mapping[str, str] = {
    "S1": _DOCS + "tiktok-api-v2-get-user-info",
    "S4": _DOCS + "tiktok-api-v1-user-info",
    "S5": _DOCS + "login-kit-user-info-basic",
    "S6": _DOCS + "tiktok-api-v2-video-list",
    "S8": _DOCS + "tiktok-api-v2-video-query",
    "S9": _DOCS + "tiktok-api-v1-video-list",
    "S11": _DOCS + "login-kit-video-query",
    "S12": _DOCS + "research-api-specs-query-user-info",
    "S13": _DOCS + "research-api-specs-query-videos",
    "S14": _DOCS + "research-api-specs-query-video-comments",
    "S15": _DOCS + "research-api-specs-query-user-pinned-videos",
    "S17": _DOCS + "research-api-specs-query-user-following",
    "S18": _DOCS + "commercial-content-api-query-ads",
    "S19": _DOCS + "data-portability-api-add-data-request",
    "S23": _DOCS + "tiktok-api-scopes",
    "S24": _DOCS + "scopes-overview",
    "S25": _DOCS + "minis-user-data",
    "S26": _DOCS + "login-kit-manage-user-access-tokens",
    "S28": _DOCS + "content-posting-api-reference-photo-post",
    "S30": _DOCS + "login-kit-web",
    "S31": _DOCS + "legacy-user-access-guide",
    "S33": _DOCS + "media-asset-api-reference",
    "S34": "https://developers.tiktok.com/bulletin/migration-guidance-qr-code-authorization-v2",
    "S37": "https://developers.tiktok.com/bulletin/migration-guidance-oauth-v1",
    "S38": "https://developers.tiktok.com/bulletin/user-info-scope-migration",
    "T1": "https://developers.tiktok.com/docs/en/oauth-revoke-a-user-access-token",
    "T2": "https://developers.tiktok.com/docs/en/oauth-refresh-a-user-access-token",
    "T3": _DOCS + "oauth-get-a-user-access-token",
    "T4": "https://developers.tiktok.com/docs/zh-Hans/oauth-user-access-token-management",
    "T6": _DOCS + "content-posting-api-reference-query-creator-info",
    "T7": _DOCS + "content-posting-api-reference-direct-post",
    "T8": _DOCS + "content-posting-api-reference-upload-video",
    "T9": _DOCS + "content-posting-api-reference-get-video-status",
    "T10": _DOCS + "content-posting-api-media-transfer-guide",
    "T12": _DOCS + "data-portability-api-download",
    "T13": _DOCS + "data-portability-api-cancel-data-request",
    "T15": _DOCS + "research-api-specs-query-playlist-info",
    "T16": _DOCS + "research-api-specs-query-user-reposted-videos",
    "T17": _DOCS + "research-api-specs-query-tiktok-shop-products",
    "T18": "https://developers.tiktok.com/docs/zh-Hans/batch-compliance-apis",
    "T20": _DOCS + "commercial-content-api-query-commercial-content",
    "T26": "https://developers.tiktok.com/products/share-kit",
    "T27": "https://developers.tiktok.com/bulletin/migration-notice-share-video-api",
    "T28": "https://developers.tiktok.com/doc/changelog",
    "T29": "https://developers.tiktok.com/docs/en/tiktok-api-scopes",
    "T35": _DOCS + "login-kit-web",
    "T37": _DOCS + "login-kit-qr-code-authorization",
    "M6": "doc mirror of the Commercial Content API pages (tiktok-endpoints.md, M6)",
    "R1": "fudiwei/DotNetCore.SKIT.FlurlHttpClient.ByteDance, TikTokV2ClientExecuteResearchExtensions.cs",
    "R3": "arthurkushman/tiktok-api, tiktok.go (oEmbed response struct)",
    "L1": "python-tiktok 0.1.12, pytiktok/kit_api.py",
    "L3": "django-allauth 65.21.1, allauth/socialaccount/providers/tiktok",
    "L5": "python-tiktok README and business-authorization docs (Business API token scopes)",
}
