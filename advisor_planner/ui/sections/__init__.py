"""One module per section of the main window; each exposes ``build_page(context, empty_page)``.

A page gets the shared ``AppContext`` and the section's empty-state page (shown while its list
is empty), reads through ``services`` and changes data only through undo commands.
"""
