"""The list model's proxy: the cells it gives the view are the rows the search keeps, in the
order sorted, and painting them asks nothing of the model but the cells."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QModelRoleData, Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from advisor_planner.ui.table import Column, RecordFilterProxy, RecordTableModel


@dataclass(frozen=True)
class Person:
    name: str
    score: int


COLUMNS = [Column("Name", lambda p: p.name), Column("Score", lambda p: p.score, numeric=True)]


def _view(qtbot, rows: list[Person]) -> tuple[QTableView, RecordTableModel, RecordFilterProxy]:
    model = RecordTableModel(COLUMNS)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(400, 600)
    view.show()
    qtbot.waitExposed(view)
    return view, model, proxy


def _shown(proxy: RecordFilterProxy) -> list[tuple[str, str]]:
    """Each row's cells as the view gets them (``multiData``), beside what Qt maps it to."""
    result = []
    for number in range(proxy.rowCount()):
        data = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
        proxy.multiData(proxy.index(number, 0), data)
        mapped = proxy.mapToSource(proxy.index(number, 0))
        result.append((data.data(), mapped.data()))
    return result


def test_the_cells_follow_the_search_the_sort_and_new_rows(qtbot) -> None:
    people = [Person(name, n) for n, name in enumerate(["Ada", "Bea", "Abe", "Cy", "Al"])]
    _view_, model, proxy = _view(qtbot, people)
    proxy.set_search("a")
    assert [shown for shown, _ in _shown(proxy)] == ["Ada", "Bea", "Abe", "Al"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [shown for shown, _ in _shown(proxy)] == ["Bea", "Al", "Ada", "Abe"]
    assert all(shown == mapped for shown, mapped in _shown(proxy))
    proxy.set_search("a b")
    assert [shown for shown, _ in _shown(proxy)] == ["Bea", "Abe"]
    model.set_rows([*people, Person("Abby", 9)])
    proxy.sort(0, Qt.SortOrder.DescendingOrder)  # (as the list does after a load)
    assert [shown for shown, _ in _shown(proxy)] == ["Bea", "Abe", "Abby"]
    proxy.set_search("")
    assert [shown for shown, _ in _shown(proxy)] == [p.name for p in model.rows]


def test_painting_a_list_asks_the_model_only_for_its_cells(qtbot) -> None:
    """Mapping each cell through Qt (its data, its flags) called the model's rowCount and
    columnCount in Python, four calls a cell (a list's repaint on the large demo took a
    fifth longer)."""
    view, _model, proxy = _view(qtbot, [Person(f"Person {n}", n) for n in range(200)])
    counts = {RecordTableModel.rowCount.__code__, RecordTableModel.columnCount.__code__}
    counted: list[str] = []

    def count(frame, event, _arg) -> None:  # noqa: ANN001 - sys.setprofile's hook
        if event == "call" and frame.f_code in counts:
            counted.append(frame.f_code.co_name)

    for search in ("", "person"):
        proxy.set_search(search)
        qtbot.wait(50)
        counted.clear()
        sys.setprofile(count)
        try:
            view.viewport().repaint()
        finally:
            sys.setprofile(None)
        cells = view.rowAt(view.viewport().height() - 1) * 2
        assert cells > 20
        assert len(counted) < cells / 4, (search, len(counted), cells)


def test_painting_a_cell_fills_its_roles_in_their_places_not_walking_them_all(qtbot) -> None:
    """The delegate asks each cell for seven roles, always in the same places; walking them
    one by one (each a wrapper made, its role read, its data cleared or set) cost as much as
    drawing the text. The places are learnt from the first cell, then each cell's text and
    alignment are set in theirs (each place's role checked as it is filled)."""
    view, model, proxy = _view(qtbot, [Person(f"Person {n}", n) for n in range(200)])
    delegate = view.itemDelegate()
    delegate.initStyleOption(QStyleOptionViewItem(), proxy.index(0, 0))  # (learnt, if not yet)
    walked = proxy.spans_walked
    for search in ("", "person 1"):
        proxy.set_search(search)
        for row in range(0, proxy.rowCount(), 7):
            for column in (0, 1):
                option = QStyleOptionViewItem()
                delegate.initStyleOption(option, proxy.index(row, column))
                shown = model.rows[proxy.mapToSource(proxy.index(row, 0)).row()]
                assert option.text == model.cells(shown)[column]
                right = bool(option.displayAlignment & Qt.AlignmentFlag.AlignRight)
                assert right == (column == 1)
        view.viewport().repaint()
    assert proxy.spans_walked == walked
    # Asked for one role at a time (a test, a tooltip), the cell still answers each.
    data = QModelRoleData(int(Qt.ItemDataRole.TextAlignmentRole))
    proxy.multiData(proxy.index(0, 1), data)
    assert data.data() == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_a_list_loaded_on_the_worker_sorts_by_any_column_with_its_keys_worked_out_there(
    qtbot, db, monkeypatch
) -> None:
    """The first click on a header worked out the column's key of every row on the GUI
    thread (a few ms for the large demo's thousand people, in the frame of the click); the
    loading worker works out every column's, the sorted one's as before."""
    from advisor_planner.ui import list_page, table

    people = [Person(name, n % 3) for n, name in enumerate(["Cy", "Ada", "Bea", "Abe"])]
    generation, _loaded, prepared = list_page._read(7, lambda: (people, None), COLUMNS, 0)
    assert generation == 7 and sorted(prepared.sort_keys) == [0, 1]
    _view_, model, proxy = _view(qtbot, [])
    model.set_rows(people, prepared)
    worked_out: list[int] = []
    original = table.sort_keys
    monkeypatch.setattr(
        table, "sort_keys", lambda column, rows: worked_out.append(1) or original(column, rows)
    )
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert [p.score for p in model.rows] == [2, 1, 0, 0]
    proxy.sort(0)
    assert [p.name for p in model.rows] == ["Abe", "Ada", "Bea", "Cy"]
    assert worked_out == []
