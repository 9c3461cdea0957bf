"""The codes (TTS001-TTS007) and the rules that turn observations into findings.

Findings are plain data (``findings.py`` does not import libcst). May import
``recognise/`` and ``tiktok/``.
"""
