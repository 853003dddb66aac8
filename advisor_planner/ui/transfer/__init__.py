"""File ▸ Import… and File ▸ Export…: files in with a preview and one-step undo, data out.

- ``import_dialog``: the import's preview, then one undoable write, and the file chooser.
- ``column_mapping``: a CSV's mapping step, its headers matched to fields, correctable.
- ``export``: everything as a JSON archive, or one list as CSV, written on a worker.
"""
