"""libcst's parse of a module, without the node validation a tree made by its parser does not need.

Every libcst node validates itself when it is made (``CSTNode.__post_init__`` calls
``_validate``): that protects trees built by hand, and costs about a tenth of the parse for a
tree the parser made from valid source. While the checker parses, ``__post_init__`` does
nothing -- but only when it is exactly that one call, so a libcst whose ``__post_init__``
does more is used as it is. The tree is the same either way (a test compares them).
"""

from __future__ import annotations

import libcst as cst

_POST_INIT = cst.CSTNode.__dict__.get("__post_init__")
#: True when ``__post_init__`` only validates (its code calls ``_validate`` and nothing else).
SKIPS_VALIDATION = (
    _POST_INIT is not None
    and getattr(_POST_INIT, "__code__", None) is not None
    and (_POST_INIT.__code__.co_names == ("_validate",))
)


def _nothing(self: cst.CSTNode) -> None:
    """``__post_init__`` while the checker parses."""


def parse_module(source: str) -> cst.Module:
    """``libcst.parse_module``, without validating the nodes when that is safe."""
    if not SKIPS_VALIDATION:
        return cst.parse_module(source)
    cst.CSTNode.__post_init__ = _nothing  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        cst.CSTNode.__post_init__ = _POST_INIT  # type: ignore[method-assign,assignment]
