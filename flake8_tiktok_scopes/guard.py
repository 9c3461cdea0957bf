"""Keep inputs that libcst or a recursive visitor cannot take away from them.

libcst's native parser crashes the process (it cannot be caught) on very long operator
chains and gets slow on very large modules; visitors recurse once per nesting level.
These limits are far above what TikTok integration code looks like.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterable

MAX_CHARACTERS = 2_000_000
MAX_LINES = 20_000
MAX_TOKENS = 150_000
MAX_DEPTH = 50  # brackets nested in brackets
MAX_CHAIN = 100  # binary operators (or adjacent strings) in a row at one depth

_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_BINARY = frozenset(["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^"])
_RESET = frozenset({",", ":", "=", ";"})


def too_complex(source: str, tokens: Iterable[tokenize.TokenInfo] | None = None) -> str | None:
    """Why ``source`` must not be parsed, or None when it is safe to."""
    if len(source) > MAX_CHARACTERS:
        return f"more than {MAX_CHARACTERS} characters"
    if source.count("\n") > MAX_LINES:
        return f"more than {MAX_LINES} lines"
    if tokens is None:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    try:
        return _scan(tokens)
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        return f"does not tokenize: {error}"


def _scan(tokens: Iterable[tokenize.TokenInfo]) -> str | None:
    chains = [0]  # operator chain length at each open bracket depth
    strings = 0
    for count, token in enumerate(tokens):
        if count > MAX_TOKENS:
            return f"more than {MAX_TOKENS} tokens"
        kind, text = token.type, token.string
        if kind in (tokenize.NL, tokenize.COMMENT):
            continue
        if kind == tokenize.STRING:
            strings += 1
            if strings > MAX_CHAIN:
                return f"more than {MAX_CHAIN} strings concatenated"
            continue
        strings = 0
        if kind == tokenize.NEWLINE:
            chains = [0]
        elif kind == tokenize.OP or (kind == tokenize.NAME and text in ("and", "or")):
            if text in _OPEN:
                chains.append(0)
                if len(chains) > MAX_DEPTH:
                    return f"brackets nested more than {MAX_DEPTH} deep"
            elif text in _CLOSE:
                if len(chains) > 1:
                    chains.pop()
            elif text in _BINARY or text in ("and", "or"):
                chains[-1] += 1
                if chains[-1] > MAX_CHAIN:
                    return f"more than {MAX_CHAIN} operators in a row"
            elif text in _RESET:
                chains[-1] = 0
    return None
