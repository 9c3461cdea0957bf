"""The README documents every code, and its examples behave as it says."""

from __future__ import annotations

import contextlib
import fnmatch
import io
import re
from pathlib import Path

import pytest

from expectations import ROOT
from flake8_tiktok_scopes.engine import check_source
from flake8_tiktok_scopes.frontends.cli import main
from flake8_tiktok_scopes.rules.codes import CODES
from flake8_tiktok_scopes.tiktok import catalog
from flake8_tiktok_scopes.tiktok.endpoints import AUTHORIZE, CLIENT, ENDPOINTS, OAUTH, USER, V2_HOST, Endpoint
from flake8_tiktok_scopes.tiktok.libraries import SHAPES

README = (ROOT / "README.md").read_text(encoding="utf-8")
_SECTION = re.compile(r"^### (TTS\d{3}): (.*?)(?: \(off by default\))?$", re.MULTILINE)
_EXAMPLE = re.compile(r"^(Bad|Good)[^\n]*:\n\n```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _sections() -> dict[str, str]:
    matches = list(_SECTION.finditer(README))
    return {
        m.group(1): README[m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(README)]
        for i, m in enumerate(matches)
    }


def test_every_code_has_a_section_with_its_title() -> None:
    titles = {m.group(1): m.group(2) for m in _SECTION.finditer(README)}
    assert titles == {code: c.title for code, c in CODES.items()}


@pytest.mark.parametrize("code", sorted(CODES))
def test_examples(code: str, tmp_path: Path) -> None:
    examples = _EXAMPLE.findall(_sections()[code])
    assert [kind for kind, _ in examples] == ["Bad", "Good"]
    (_, bad), (_, good) = examples
    assert code in _codes(bad, tmp_path)
    assert code not in _codes(good, tmp_path)


def _codes(example: str, tmp_path: Path) -> set[str]:
    """The codes an example yields: the engine's, and TTS000, which only the command line reports
    (it is about a file the engine cannot analyse)."""
    path = tmp_path / "example.py"
    path.write_text(example, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()) as out:
        main(["check", "--select", "TTS000", str(path)])
    return {f.code for f in check_source(example)} | ({"TTS000"} if " TTS000 " in out.getvalue() else set())


def test_field_table_matches_the_catalog() -> None:
    rows = re.findall(r"^\| (`[a-z_].*?) \| `([a-z.]+)` \|$", README, re.MULTILINE)
    documented = {field: scope for names, scope in rows for field in re.findall(r"`([a-z_0-9]+)`", names)}
    user_info = {f: s for f, s in documented.items() if s != catalog.VIDEO_LIST}
    assert user_info == dict(catalog.USER_INFO_FIELDS)


_TABLES = README[README.index("## Endpoints and the scopes they need") : README.index("## Configuration")]
_PRODUCT = re.compile(r"^### (.+)$", re.MULTILINE)
_ROW = re.compile(r"^\| `(GET|POST|PUT) (\S+)` \| (.*?) \| (.*?) \|$", re.MULTILINE)


def _rows() -> dict[str, tuple[str, Endpoint, str, str]]:
    """Each endpoint row of the product tables: its product, endpoint, scope and report cells."""
    headings = list(_PRODUCT.finditer(_TABLES))
    rows: dict[str, tuple[str, Endpoint, str, str]] = {}
    for number, heading in enumerate(headings):
        end = headings[number + 1].start() if number + 1 < len(headings) else len(_TABLES)
        for method, where, scope, reports in _ROW.findall(_TABLES[heading.end() : end]):
            host, path = (V2_HOST, where) if where.startswith("/") else where[len("https://") :].split("/", 1)
            endpoint = catalog.endpoint_at(host, path if path.startswith("/") else f"/{path}")
            assert endpoint is not None and endpoint.method == method, where
            assert endpoint.key not in rows, f"{where} has two rows"
            rows[endpoint.key] = (heading.group(1), endpoint, scope, reports)
    return rows


def test_every_endpoint_has_a_row_in_its_products_table() -> None:
    rows = _rows()
    assert set(rows) == {endpoint.key for endpoint in ENDPOINTS}
    assert all(product == endpoint.product for product, endpoint, _, _ in rows.values())


def test_scope_cells_name_the_scopes_the_catalog_requires() -> None:
    for _, endpoint, cell, _ in _rows().values():
        patterns = [name for name in re.findall(r"`([a-z_.*]+)`", cell) if "." in name]
        named = {scope for p in patterns for scope in fnmatch.filter(catalog.KNOWN_SCOPES, p)}
        required = {scope for r in catalog.requirements(endpoint) for scope in r.scopes}
        assert named == required, endpoint.key


def _endpoint_codes(endpoint: Endpoint) -> set[str]:
    """The codes the checker may report about an endpoint, from its catalog entry."""
    codes = set()
    if endpoint.retired is not None:
        codes.add("TTS003")
    if endpoint.kind == AUTHORIZE:
        codes |= {"TTS004", "TTS007"}
    if endpoint.kind == OAUTH or endpoint.token == CLIENT:
        codes.add("TTS007")
    if endpoint.token == USER and any(catalog.requirements(endpoint)):
        codes.add("TTS001")
    if endpoint.fields is not None:
        codes.add("TTS002")
    return codes


def test_report_cells_name_the_codes_and_the_retirement_dates() -> None:
    for _, endpoint, _, cell in _rows().values():
        assert set(re.findall(r"TTS\d{3}", cell)) == _endpoint_codes(endpoint), endpoint.key
        if endpoint.retired is not None:
            assert endpoint.retired.replacement in cell
            assert endpoint.retired.date is None or endpoint.retired.date in cell


def test_library_table_is_the_catalog_of_shapes() -> None:
    start = README.index("| library or shape |")
    table = README[start : README.index("\n\n", start)].splitlines()[2:]
    assert table == [f"| {s.library} | {s.versions} | {s.reads} |" for s in SHAPES]
