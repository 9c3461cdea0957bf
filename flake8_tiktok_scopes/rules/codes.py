"""The codes the checker reports (TTS000-TTS007): message templates, titles, and which are on by default.

TTS000 is the ``tiktok-scopes`` command's own: under flake8 a file that does not parse is
flake8's E999, and the plugin stays quiet.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..records import Record


class Code(Record):
    """One code: its message template (first single-quoted token is the subject) and summary."""

    code: str
    title: str
    template: str
    default_on: bool = True


CODES: Mapping[str, Code] = {
    c.code: c
    for c in (
        Code(
            "TTS000",
            "file could not be analysed",
            "'{file}' could not be analysed: {reason}",
        ),
        Code(
            "TTS001",
            "request needs a scope the declared scopes lack",
            "'{subject}'{detail} needs {scope}, which {scopes} lack",
        ),
        Code(
            "TTS002",
            "not a field of the endpoint",
            "'{field}' is not a field of {endpoint}{hint}",
        ),
        Code(
            "TTS003",
            "deprecated or retired endpoint",
            "'{url}' is {what}{since}; use '{replacement}'",
        ),
        Code(
            "TTS004",
            "unknown scope, another API's scope, or scopes separated by spaces",
            "'{scope}' {problem}",
        ),
        Code(
            "TTS005",
            "no declared scopes visible",
            "'{field}' needs {scope}, but {why}",
            default_on=False,
        ),
        Code(
            "TTS006",
            "declared scope no request needs",
            "'{scope}' is declared, but no request in {place} needs it",
            default_on=False,
        ),
        Code(
            "TTS007",
            "wrong parameter in a TikTok authorization or token request",
            "'{parameter}' {problem}",
        ),
    )
}

DEFAULT_OFF: tuple[str, ...] = tuple(code for code, c in CODES.items() if not c.default_on)


def message(code: str, **values: str) -> str:
    """The message text for a code, without the code itself."""
    return CODES[code].template.format(**values)
