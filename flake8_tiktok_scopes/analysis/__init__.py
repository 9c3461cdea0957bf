"""The libcst module, interpreted as Python binds values: a bounded abstract interpreter.

Owns values (strings that remember where each character is written), bindings, the
expression evaluator, the statement interpreter and the placing of anchors at lines and
columns. Reports what it evaluates to an observer (``recognise/``) without knowing what a
request is. May import ``source/`` and ``tiktok/``.
"""
