"""The README documents every code, and its examples behave as it says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from expectations import ROOT
from flake8_tiktok_scopes.engine import check_source
from flake8_tiktok_scopes.frontends.cli import main
from flake8_tiktok_scopes.rules.codes import CODES
from flake8_tiktok_scopes.tiktok import catalog

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
