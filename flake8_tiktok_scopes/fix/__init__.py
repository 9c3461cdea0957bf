"""``tiktok-scopes fix``: edits that make findings go away, applied as libcst node replacements
(``scopes``, ``edits``), run to a fixed point (``apply``) and written back as a careful editor
writes a file (``write``).

May import every stage before it (``engine``, ``rules/``, ``recognise/``, ``analysis/``).
"""
