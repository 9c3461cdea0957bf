"""SARIF 2.1.0 for GitHub code scanning: one run, one rule per code, repo-relative locations.

URIs hold a file name's bytes percent-encoded (a name that is not UTF-8 included); texts
that mention one show its odd bytes as ``\\xNN``.

No ``partialFingerprints``: upload-sarif computes stable ones from the source itself.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..rules.codes import CODES
from .report import LEVELS, Reported, printable

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def source_root(start: str = ".") -> str:
    """The root paths are relative to: the git work tree holding ``start``, else ``start`` itself."""
    try:
        result = subprocess.run(["git", "-C", start, "rev-parse", "--show-toplevel"], capture_output=True)
    except OSError:
        result = None
    if result is not None and result.returncode == 0 and result.stdout.strip():
        return os.path.realpath(os.fsdecode(result.stdout.rstrip(b"\n")))
    return os.path.realpath(start)


def relative_to(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators; None when it lies outside.

    A symbolic link is located where it is, not where it points: its folder is resolved
    (as ``root`` is), its own name is kept.
    """
    absolute = os.path.abspath(path)
    resolved = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    for candidate in (absolute, resolved):
        relative = os.path.relpath(candidate, root)
        if not (relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative)):
            return relative.replace(os.sep, "/")
    return None


def rules() -> list[dict[str, Any]]:
    """One reporting descriptor per code, from the code registry."""
    return [
        {
            "id": code,
            "name": "".join(word.capitalize() for word in c.title.replace(",", "").split()),
            "shortDescription": {"text": c.title},
            "fullDescription": {"text": f"{c.title.capitalize()}."},
            "help": {"text": f"{code}: {c.title}. Reported as: {c.template}"},
            "defaultConfiguration": {"enabled": c.default_on, "level": LEVELS[code]},
        }
        for code, c in CODES.items()
    ]


def log(reported: Sequence[Reported], root: str) -> dict[str, Any]:
    """The SARIF log of a run."""
    index = {code: number for number, code in enumerate(CODES)}
    results = []
    for path, f in reported:
        relative = relative_to(path, root)
        location: dict[str, Any] = (
            {"uri": quote(os.fsencode(relative)), "uriBaseId": SRCROOT}
            if relative is not None
            else {"uri": "file://" + quote(os.fsencode(os.path.abspath(path)))}
        )
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.code],
            "message": {"text": printable(f.text)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {"startLine": f.line, "startColumn": f.column + 1},
                    }
                }
            ],
            "properties": {"subject": printable(f.subject), **({"needs": f.needs} if f.needs else {})},
        }
        results.append(result)
    run = {
        "tool": {"driver": {"name": "flake8-tiktok-scopes", "version": __version__, "rules": rules()}},
        "originalUriBaseIds": {SRCROOT: {"uri": "file://" + quote(os.fsencode(root)).rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def dumps(reported: Sequence[Reported], root: str) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(log(reported, root), indent=2) + "\n"
