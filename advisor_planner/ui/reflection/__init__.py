"""The weekly reflection session (``session.ReflectionSession``) and its five steps' pages."""
