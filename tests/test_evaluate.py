"""The string evaluator: what an expression holds, and where each character was written."""

from __future__ import annotations

import libcst as cst
import pytest

from flake8_tiktok_scopes.analysis.interpret import Interpreter
from flake8_tiktok_scopes.analysis.values import HOLE, Text, Value, alternatives
from flake8_tiktok_scopes.recognise.collector import Collector


def values_of(source: str, name: str = "RESULT") -> list[str]:
    """The possible string values of a module-level name after the module runs."""
    module = cst.parse_module(source)
    interpreter = Interpreter(Collector())
    interpreter.run(module)
    value: Value | None = interpreter.module_env.names.get(name)
    assert value is not None, f"{name} is not bound"
    return sorted(a.value if isinstance(a, Text) else repr(a) for a in alternatives(value))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('RESULT = "open_id"', ["open_id"]),
        ('RESULT = "open_id," "follower_count"', ["open_id,follower_count"]),
        ('A = "open_id"\nRESULT = A + ",bio_description"', ["open_id,bio_description"]),
        ('A = "x"\nRESULT = f"{A}/user/info/?fields={A}"', ["x/user/info/?fields=x"]),
        ('F = ["a", "b"]\nRESULT = ",".join(F)', ["a,b"]),
        ('F = ("a", "b")\nRESULT = ",".join(f for f in F)', ["a,b"]),
        ('RESULT = "{}/{}".format("a", "b")', ["a/b"]),
        ('RESULT = "%s?fields=%s" % ("u", "f")', ["u?fields=f"]),
        ('RESULT = "%(u)s" % {"u": "v"}', ["v"]),
        ('import os\nRESULT = os.getenv("X", "user.info.basic")', ["user.info.basic"]),
        ('from urllib.parse import urlencode\nRESULT = urlencode({"scope": "a,b"})', ["scope=a,b"]),
        (
            'from urllib.parse import urljoin\nRESULT = urljoin("https://h/v2/", "user/info/")',
            ["https://h/v2/user/info/"],
        ),
        ('RESULT = "a" if x else "b"', ["a", "b"]),
        ('RESULT = "a"\nif x:\n    RESULT = "b"', ["a", "b"]),
        ('RESULT = "a"\nRESULT += ",b"', ["a,b"]),
        ('D = {"k": "v"}\nRESULT = D["k"]', ["v"]),
        ('D = {}\nD["k"] = "v"\nRESULT = D.get("k")', ["v"]),
        ('class C:\n    X = "x"\nRESULT = C.X', ["x"]),
        ('import enum\nclass S(str, enum.Enum):\n    A = "a"\nRESULT = S.A.value', ["a"]),
        ('def f():\n    return "r"\nRESULT = f()', ["r"]),
        ('RESULT = "a\\\\nb"', ["a\\nb"]),
    ],
)
def test_values(source: str, expected: list[str]) -> None:
    assert values_of(source) == expected


def test_an_unknown_part_is_a_hole_never_a_guess() -> None:
    assert values_of('RESULT = "https://h/?fields=" + fields') == [f"https://h/?fields={HOLE}"]
    assert values_of("RESULT = unknown_name") == ["UNKNOWN"]


def test_every_character_knows_where_it_was_written() -> None:
    module = cst.parse_module('X = "open_id," "follower_count"\n')
    interpreter = Interpreter(Collector())
    interpreter.run(module)
    text = interpreter.module_env.names["X"]
    assert isinstance(text, Text)
    index = text.value.index("follower_count")
    anchor = text.anchor(index)
    assert anchor is not None
    assert isinstance(anchor.node, cst.SimpleString)
    assert anchor.node.value[anchor.offset :].startswith("follower_count")


def test_escapes_keep_offsets_of_the_source() -> None:
    module = cst.parse_module('X = "a\\tb,follower_count"\n')
    interpreter = Interpreter(Collector())
    interpreter.run(module)
    text = interpreter.module_env.names["X"]
    assert isinstance(text, Text)
    anchor = text.anchor(text.value.index("follower_count"))
    assert anchor is not None
    assert isinstance(anchor.node, cst.SimpleString)
    assert anchor.node.value[anchor.offset :].startswith("follower_count")
