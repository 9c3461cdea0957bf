"""What TikTok's API is and how Python libraries call it: data, read by every other stage.

Owns the catalog (endpoints, fields, scopes, hosts, deprecations, with their sources). Imports
nothing else of the package, and nothing that is not in the standard library.
"""
