"""Pure rules and scores of the product: no Qt, no peewee, nothing of the app imported.

Every score is a pure function whose docstring states its formula, so the UI can show it.
"""
