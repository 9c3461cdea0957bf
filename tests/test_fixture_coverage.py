"""Every endpoint the checker judges has fixtures: one where it is misused, one where it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations import FIXTURES, expected
from flake8_tiktok_scopes import engine
from flake8_tiktok_scopes.analysis.values import Text
from flake8_tiktok_scopes.recognise import urls
from flake8_tiktok_scopes.tiktok import catalog
from flake8_tiktok_scopes.tiktok.endpoints import ENDPOINTS, NO_TOKEN, Endpoint


def _used(path: Path) -> set[str]:
    """Keys of the endpoints a fixture uses: requested, retired, sent OAuth parameters, written."""
    source = path.read_text(encoding="utf-8")
    analysis = engine.analyze(source, str(path))
    if analysis is None:
        return set()
    found = analysis.observations
    used = {request.endpoint for request in found.requests}
    used |= {use.endpoint for use in found.deprecated} | {m.endpoint for m in found.authorization.misnamed}
    used |= {e for url in urls.find_urls(Text.plain(source)) if (e := urls.endpoint_at(url)) is not None}
    return {endpoint.key for endpoint in used}


@pytest.fixture(scope="module")
def uses() -> list[tuple[set[str], bool]]:
    """Per fixture: the endpoints it uses, and whether it expects any finding."""
    return [(_used(path), bool(expected(path))) for path in sorted(FIXTURES.rglob("*.py"))]


def _judged(endpoint: Endpoint) -> bool:
    return endpoint.token != NO_TOKEN or endpoint.kind in catalog.CLIENT_KEY_KINDS


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if _judged(e)], ids=lambda e: e.key)
def test_endpoint_has_bad_and_good_fixtures(endpoint: Endpoint, uses: list[tuple[set[str], bool]]) -> None:
    assert any(endpoint.key in used and bad for used, bad in uses), "no fixture where it is misused"
    if endpoint.retired is None:
        assert any(endpoint.key in used and not bad for used, bad in uses), "no fixture where it is used well"
