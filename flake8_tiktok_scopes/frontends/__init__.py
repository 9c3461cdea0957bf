"""The flake8 plugin and the ``tiktok-scopes`` command: options in, findings formatted out.

They call ``engine`` and ``fix/``; no analysis lives here. ``plugin`` is imported by flake8 on
every run and must stay light (no libcst).
"""
