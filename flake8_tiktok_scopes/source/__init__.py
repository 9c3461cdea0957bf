"""A file's text, before any parse: the prefilter, the guard, lines counted as flake8 counts them;
and its place: the application and the folder its modules are imported from (``roots``).

May import ``tiktok/``. Never imports libcst: flake8 runs the prefilter on every file.
"""
