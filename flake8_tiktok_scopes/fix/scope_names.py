"""TTS004, an unknown scope name: replaced by the known scope it stands for, when exactly one is close."""

from __future__ import annotations

from ..recognise.observations import Declaration
from ..tiktok import catalog
from .fixer import ScopeFixer
from .scopes import File, fixed_name, written_span


class MisspeltScope(ScopeFixer):
    """``user.info.profil`` -> ``user.info.profile``."""

    def fix_scope(self, file: File, declaration: Declaration, index: int) -> None:
        """Replace the name where it is written, and note it for the fixers that add scopes."""
        ref = declaration.scopes[index]
        name = ref.scope.name
        if name in catalog.KNOWN_SCOPES:
            return
        where = f"{file.path}:{file.line(ref)}"
        span, replacement = written_span(ref), fixed_name(name)
        if replacement is None:
            self.plan.left.append(f"{where}: '{name}' left as is: no single known scope is close to it")
        elif span is None:
            self.plan.left.append(f"{where}: '{name}' left as is: it is not written as a literal")
        else:
            self.plan.of(file.path).splice(*span, replacement)
            self.plan.renamed[(id(span[0]), span[1])] = replacement
            self.plan.done.append(f"{where}: '{name}' -> '{replacement}'")
