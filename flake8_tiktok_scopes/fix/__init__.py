"""``tiktok-scopes fix``: edits that make findings go away, applied as libcst node replacements
(``scopes``, ``edits``), run to a fixed point (``apply``) and written back as a careful editor
writes a file (``write``).

``registry`` names the fixers of each code; ``fixer`` is what a fixer is; ``scopes`` and
``edits`` are what fixers build on; ``apply`` runs rounds of fixing and writes the result.
May import every stage before it (``engine``, ``rules/``, ``recognise/``, ``analysis/``).
"""
