"""Qt widgets, dialogs, item models and the main window.

Widgets reach the data only through ``advisor_planner.services``; long work runs through
``ui.tasks`` so the window never blocks.
"""
