"""From values to what the rules judge: requests, scope declarations, deprecated URLs.

Owns URL parsing and the recognisers the interpreter's observer calls. May import
``analysis/`` (values, call sites), ``source/`` and ``tiktok/``.
"""
