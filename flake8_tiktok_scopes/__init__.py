"""flake8-tiktok-scopes: find TikTok API fields whose OAuth scope the code does not request."""

__version__ = "0.1.0"
