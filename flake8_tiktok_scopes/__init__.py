"""flake8-tiktok-scopes: find TikTok API fields whose OAuth scope the code does not request.

The pipeline, one folder a stage (each folder's ``__init__`` says what it owns and what it
may import; a stage imports only the stages before it and ``tiktok/``):

1. ``source/``: a file's text: the cheap prefilter, the guard that keeps inputs libcst
   cannot take away from it, lines as flake8 counts them.
2. ``analysis/``: the libcst module interpreted as Python binds values (names, calls,
   objects, imports of the project's own modules), within a budget per file.
3. ``recognise/``: values turned into what matters here: requests (endpoint, fields) and
   scope declarations, each name anchored where it is written.
4. ``rules/``: requests and declarations judged against the catalog: findings.
5. ``fix/``: findings turned into edits of the declarations (one fixer per code).
6. ``frontends/``: the flake8 plugin and the ``tiktok-scopes`` command; they only format.

``tiktok/`` is the one place for facts about TikTok's API and the libraries that call it;
``engine.py`` runs stages 1-4 for one file; ``options.py`` holds the options both front ends share;
``records.py`` makes the named tuples every stage passes on.
"""

__version__ = "0.1.0"
