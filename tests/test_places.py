"""Places of findings: the fast ways (a literal's text found once in its statement, string
tokens, libcst's code generation of one statement) agree with libcst's public PositionProvider,
which takes over when libcst's private code generation API is missing or disagrees with the
source."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from expectations import FIXTURES
from flake8_tiktok_scopes.analysis import places
from flake8_tiktok_scopes.engine import check_source
from flake8_tiktok_scopes.source.lines import split_lines

FIXTURE_FILES = sorted(FIXTURES.rglob("*.py"))


def _found(path: Path) -> list[tuple[int, int, str, str]]:
    source = path.read_text(encoding="utf-8")
    return [(f.line, f.column, f.code, f.subject) for f in check_source(source, filename=str(path))]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
@pytest.mark.parametrize("disabled", [("USE_CODEGEN",), ("USE_CODEGEN", "USE_TOKENS")])
def test_position_provider_places_every_fixture_finding_alike(
    path: Path, disabled: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _found(path)
    for switch in disabled:
        monkeypatch.setattr(places, switch, False)
    assert _found(path) == fast


@pytest.mark.parametrize(
    "source",
    [
        'A = f"{B}/user/info/?fields=open_id,{C!r:>{W}},follower_count"\n',
        'A = (\n    "https://open.tiktokapis.com/v2/user/info/"\n    "?fields=open_id,"\n'
        '    "follower_count"\n)\n',
        'A = """\n  https://open.tiktokapis.com/v2/user/info/?fields=open_id,follower_count\n"""\n',
        'A = rf"{B}/user/info/?fields=open_id,\\{{x}},follower_count"\n',
        # the literal's text written twice (a comment repeats it): its statement is tokenized
        'A = (  # "https://open.tiktokapis.com/v2/user/info/?fields=open_id,follower_count"\n'
        '    "https://open.tiktokapis.com/v2/user/info/?fields=open_id,follower_count"\n)\n',
        # characters before the literal that UTF-8 writes in several bytes
        'E, A = "\u00e9\u00e9", "https://open.tiktokapis.com/v2/user/info/?fields=open_id,follower_count"\n',
    ],
)
def test_string_tokens_and_position_provider_agree(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = (
        "import requests\n"
        'AUTH = "https://www.tiktok.com/v2/auth/authorize/?scope=user.info.basic"\n'
        'B = "https://open.tiktokapis.com/v2"\n'
    )
    module = prefix + source + "requests.get(A)\n"
    fast = [(f.line, f.column, f.subject) for f in check_source(module)]
    assert [subject for _, _, subject in fast] == ["follower_count"]
    monkeypatch.setattr(places, "USE_CODEGEN", False)
    monkeypatch.setattr(places, "USE_TOKENS", False)
    assert [(f.line, f.column, f.subject) for f in check_source(module)] == fast
    for line, column, subject in fast:
        assert split_lines(module)[line - 1][column:].startswith(subject)


@pytest.mark.parametrize("second", ["{BASE}", "{OTHER}"])
def test_f_strings_with_the_same_text_parts_in_one_statement_are_placed_each_where_it_is(second: str) -> None:
    source = (
        "import requests\n"
        'BASE = OTHER = "https://open.tiktokapis.com/v2"\n'
        'SCOPES = "user.info.basic"\n'
        "def upload(retry):\n"
        '    r = requests.post(f"{BASE}/post/publish/video/init/")\n'
        "    if retry:\n"
        f'        r = requests.post(f"{second}/post/publish/video/init/")\n'
    )
    column = len('    r = requests.post(f"{BASE}')
    assert [(f.line, f.column) for f in check_source(source) if f.code == "TTS001"] == [
        (5, column),
        (7, column + 4 + len(second) - len("{BASE}")),
    ]


@pytest.mark.parametrize("path", FIXTURE_FILES[::7], ids=lambda p: str(p.relative_to(FIXTURES)))
@pytest.mark.parametrize("constructors", ["dataclasses'", "the checker's"])
@pytest.mark.parametrize("for_values", [False, True], ids=["checked", "read for its values"])
def test_a_tree_parsed_without_validation_is_the_same_tree(
    path: Path, constructors: str, for_values: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import libcst

    from flake8_tiktok_scopes.analysis import constructors as made
    from flake8_tiktok_scopes.analysis.parse import parse_module

    if constructors == "the checker's":
        monkeypatch.setattr(made, "FAST_AFTER", 0)
        monkeypatch.setattr(made._Parsed, "constructors", None)
    else:
        monkeypatch.setattr(made._Parsed, "constructors", [])
    classes = [*made.node_classes()]
    public = {c for c in vars(libcst).values() if isinstance(c, type) and issubclass(c, libcst.CSTNode)}
    assert public - {libcst.CSTNode} <= set(classes)  # direct subclasses (``Param``) too
    before = [cls.__dict__.get("__init__") for cls in classes]
    source = path.read_text(encoding="utf-8")
    fast, checked = parse_module(source, for_values=for_values), libcst.parse_module(source)
    assert fast.deep_equals(checked)
    assert fast.code == source
    assert libcst.CSTNode.__dict__["__post_init__"] is made._POST_INIT  # validation is back for others
    assert [cls.__dict__.get("__init__") for cls in classes] == before  # and their constructors
    assert libcst.SimpleWhitespace(" ") is not libcst.SimpleWhitespace(" ")  # nothing shared outside
    if constructors == "the checker's":
        assert len(made._Parsed.constructors or ()) > 100
    spaces = [
        node for node in _nodes(fast) if isinstance(node, libcst.SimpleWhitespace) and node.value == " "
    ]
    assert len({id(node) for node in spaces}) == (1 if for_values and spaces else len(spaces))


def _nodes(node: object) -> Iterator[object]:
    """Every node under ``node`` (itself included), each time it is there."""
    import libcst

    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, libcst.CSTNode):
            stack.extend(node.children)


@pytest.mark.parametrize("path", FIXTURE_FILES[::8], ids=lambda p: str(p.relative_to(FIXTURES)))
def test_a_module_parsed_in_pieces_is_the_source_and_has_the_same_findings(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces of two lines or more: every cut a module allows (before a statement that starts
    on a line of its own), the code round-trips and every finding is where it was."""
    import ast

    from flake8_tiktok_scopes.analysis import parse

    source = path.read_text(encoding="utf-8")
    whole = _found(path)
    monkeypatch.setattr(parse, "PIECE_LINES", 2)
    tree = ast.parse(source)
    pieces = parse.pieces_of(source, tree)
    assert "".join(pieces) == source
    assert parse.parse_module(source, tree).code == source
    found = check_source(source, filename=str(path), tree=tree)
    assert [(f.line, f.column, f.code, f.subject) for f in found] == whole
    if len(split_lines(source)) >= 12 and len(getattr(tree, "body", [])) >= 6:
        assert len(pieces) > 1


PIECES = {
    "crlf": "import os\r\n\r\nA = 1\r\n# note\r\nB = 2\r\nC = 3\r\n",
    "cr": "import os\r\rA = 1\r# note\rB = 2\rC = 3\r",
    "bom and form feed": "\ufeffimport os\n\x0c\nA = 1\n\nB = 2\nC = 3\n",
    "decorated": "import f\n\n\n@f\n@f(\n  1)\ndef g():\n    pass\n    # last\n\n\n"
    "class H:\n\tx = 1\nI = 2\n",
    "joined and continued": "A = 1; B = 2\nC = \\\n  3\nD = (\n 4)\nif A: E = 5\nF = 6\n",
    "no final newline": "A = 1\n\nB = 2\n\n# end\nC = 3  # three",
}


@pytest.mark.parametrize("source", PIECES.values(), ids=PIECES.keys())
def test_pieces_round_trip_whatever_the_lines(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import ast

    from flake8_tiktok_scopes.analysis import parse

    monkeypatch.setattr(parse, "PIECE_LINES", 1)
    tree = ast.parse(source.lstrip("\ufeff"))
    assert len(parse.pieces_of(source, tree)) > 2
    import libcst

    whole = libcst.parse_module(source)  # which does not keep a BOM, nor a last lone "\r"
    module = parse.parse_module(source, tree)
    assert module.code == whole.code
    assert len(module.body) == len(whole.body)


@pytest.mark.parametrize("fast_after", [0, 200], ids=["fast from the start", "fast from the scan's middle"])
def test_an_applications_scan_parses_in_a_row_and_gives_the_classes_back(
    fast_after: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan keeps libcst's classes set up from its first parse to its end (not file by file),
    with the checker's constructors once they are made, and they are as they were once it is over."""
    import libcst

    from flake8_tiktok_scopes import engine
    from flake8_tiktok_scopes.analysis import constructors as made
    from flake8_tiktok_scopes.analysis import parse
    from flake8_tiktok_scopes.options import Settings

    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    auth = 'URL = "https://www.tiktok.com/v2/auth/authorize/?scope=user.info.basic"\n'
    for n in range(3):
        (tmp_path / f"auth{n}.py").write_text(auth, encoding="utf-8")
    path = tmp_path / "profile.py"
    path.write_text(
        "import requests\n"
        'requests.get("https://open.tiktokapis.com/v2/user/info/", params={"fields": "bio_description"})\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(made, "FAST_AFTER", fast_after)
    monkeypatch.setattr(made._Parsed, "characters", 0)
    monkeypatch.setattr(made._Parsed, "constructors", None)
    post_init = libcst.CSTNode.__dict__["__post_init__"]
    events: list[str] = []
    real_parse, real_restore = parse._parse, made._restore

    def parsed(source: str, tree: object) -> libcst.Module:
        events.append("parse" if libcst.CSTNode.__dict__["__post_init__"] is not post_init else "checked")
        return real_parse(source, tree)  # type: ignore[arg-type]

    def restored() -> None:
        events.append("restore")
        real_restore()

    monkeypatch.setattr(parse, "_parse", parsed)
    monkeypatch.setattr(made, "_restore", restored)
    engine.new_run()
    found = engine.check_source(path.read_text(encoding="utf-8"), Settings(), filename=str(path))
    assert [f.code for f in found] == ["TTS001"]  # the scan read the scope of the auth modules
    assert events == ["parse", "restore", "parse", "parse", "parse", "restore"]
    assert len(made._Parsed.constructors or ()) > 100
    assert libcst.CSTNode.__dict__["__post_init__"] is post_init
    assert all(cls.__dict__["__init__"] is own for cls, own, _ in made._Parsed.constructors or ())
    assert made._Parsed.saved is None and made._Parsed.rows == 0


def test_a_scan_that_parses_nothing_sets_no_class_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan whose other files mention TikTok but cannot declare scopes (none is parsed) leaves
    libcst's classes alone: they are set up just before a scan's first parse, not before its first
    file."""
    from flake8_tiktok_scopes import engine
    from flake8_tiktok_scopes.analysis import constructors as made
    from flake8_tiktok_scopes.options import Settings

    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "urls.py").write_text('API = "https://open.tiktokapis.com/v2/"\n', encoding="utf-8")
    path = tmp_path / "profile.py"
    path.write_text(
        "import requests\n"
        'requests.get("https://open.tiktokapis.com/v2/user/info/", params={"fields": "bio_description"})\n',
        encoding="utf-8",
    )
    rows: list[int] = []
    real = made.in_a_row

    def counted() -> contextlib.AbstractContextManager[None]:
        rows.append(1)
        return real()

    monkeypatch.setattr(made, "in_a_row", counted)
    engine.new_run()
    found = engine.check_source(path.read_text(encoding="utf-8"), Settings(), filename=str(path))
    assert [f.code for f in found] == ["TTS005"]  # no scope declared anywhere
    assert rows == []
