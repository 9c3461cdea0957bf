"""Lines as Python's tokenizer and flake8 count them: ended by ``\\r\\n``, ``\\r`` or ``\\n`` only.

``str.splitlines`` also ends a line at ``\\x0b``, a form feed, ``\\x1c``-``\\x1e``, ``\\x85``,
U+2028 and U+2029, which Python reads as ordinary characters: every line number after one
would drift.
"""

from __future__ import annotations

import re

#: A line's end: ``\r\n``, ``\r`` or ``\n``.
LINE_END = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
#: What ``str.splitlines`` ends a line at besides ``\r`` and ``\n``.
_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
#: Compiled at its first use (``re`` keeps it), as are the checker's other rarely needed patterns.
_ENDING = r"(?:\r\n|\r|\n)\Z"


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """The physical lines of ``text`` (with their endings when ``keepends``)."""
    if not any(other in text for other in _OTHER_BREAKS):  # the usual text: C's split, 5x faster
        return text.splitlines(keepends)
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


def universal(text: str) -> str:
    """``text`` with every line ending made ``\\n``, as flake8 reads a file (universal newlines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ending(line: str) -> str:
    """The line ending of one line (``""`` for a last line without one)."""
    match = re.search(_ENDING, line)
    return match.group() if match else ""


def with_endings_of(original: str, text: str) -> str:
    """``text``, an edited ``universal(original)``, with the line endings ``original`` had.

    Lines the edit kept keep their own ending (the lines before the first change and after the
    last one by position, those between as ``difflib`` matches them); the k-th line of a changed
    block takes the ending of the k-th line it replaces, an added line that of the nearest
    original line above it.
    """
    before = split_lines(original, keepends=True)
    after = split_lines(text, keepends=True)
    plain = [universal(line) for line in before]
    head = 0
    while head < min(len(plain), len(after)) and plain[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(plain), len(after)) - head and plain[-1 - tail] == after[-1 - tail]:
        tail += 1
    middle = plain[head : len(plain) - tail], after[head : len(after) - tail]
    import difflib  # only an edit needs it, not every check

    matcher = difflib.SequenceMatcher(None, *middle, autojunk=False)
    restored = before[:head]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag == "equal":
            restored += before[i1:i2]
            continue
        near = next((_ending(line) for line in reversed(before[: max(i1, 1)]) if _ending(line)), "\n")
        for k, line in enumerate(after[j1:j2]):
            own = _ending(before[i1 + k]) if i1 + k < i2 else ""
            restored.append(line[:-1] + (own or near) if line.endswith("\n") else line)
    return "".join(restored + before[len(before) - tail :])
