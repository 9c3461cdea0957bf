"""Lines as flake8, ``tokenize`` and ``ast`` count them: ended by ``\\n``, ``\\r\\n`` or ``\\r`` only.

``str.splitlines`` also splits at form feeds, ``\\x1c``-``\\x1e``, ``\\x85`` and U+2028/U+2029,
which Python source does not treat as line ends; every line number the checker prints comes
from this one rule.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str, *, keepends: bool = False) -> list[str]:
    """The lines of ``text`` (with their line endings when ``keepends``)."""
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]
