"""File ▸ Import… and File ▸ Export…: files in with a preview and one-step undo, data out.

- ``import_dialog``: the import's preview, then one undoable write, and the file chooser;
  for now also the export.
"""
