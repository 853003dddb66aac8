"""The parts of the Dashboard section (``ui.sections.dashboard``, which loads their series).

- ``board``: the grid of charts and panels, built when first needed (it imports pyqtgraph);
- ``panels``: who needs attention, and this week's focus.
"""
