"""A file's text, before any parse: the prefilter, the guard, lines counted as flake8 counts them.

May import ``tiktok/``. Never imports libcst: flake8 runs the prefilter on every file.
"""
