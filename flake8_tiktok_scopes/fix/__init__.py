"""``tiktok-scopes fix``: edits that make findings go away, applied as libcst node replacements.

May import every stage before it (``engine``, ``rules/``, ``recognise/``, ``analysis/``).
"""
