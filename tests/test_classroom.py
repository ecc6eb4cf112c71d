"""The teacher's report over the profiles of one library (both engines)."""

from __future__ import annotations

import json

from cskexam.cli import main
from cskexam.core.srs import SrsSettings
from cskexam.services.classroom import class_report
from cskexam.services.library import open_library
from cskexam.services.practice import Practice
from cskexam.services.review import Reviewer
from test_concurrency import Clock, library  # noqa: F401 (fixture)


def test_report_shows_each_candidate_and_the_points_the_class_gets_wrong(library, db_url, capsys):
    questions = Practice(library).questions()
    hard = next(q for q in questions if q.node)
    easy = next(q for q in questions if q.node and q.node != hard.node)
    for i, name in enumerate(["张三", "李四", "王五"]):
        lib = open_library(db_url, profile=name)
        try:
            practice = Practice(lib, clock=Clock(i))
            practice.answer(hard, "__wrong__")
            practice.answer(easy, easy.answer)
            if name == "张三":
                practice.answer(hard, hard.answer)
                with Reviewer(lib.db, clock=Clock(10 + i)) as r:
                    r.save_settings(SrsSettings(daily_new_limit=50))
                    for _ in range(4):
                        r.answer(r.next_card().id, 3)
        finally:
            lib.close()

    report = class_report(library)
    by_name = {p.profile: p for p in report.profiles}
    assert list(by_name) == ["default", "张三", "李四", "王五"]
    assert by_name["张三"].reviews == 4 and by_name["李四"].reviews == 0
    assert by_name["张三"].practice_answers == 3 and abs(by_name["张三"].practice_accuracy - 2 / 3) < 1e-3
    assert by_name["李四"].practice_accuracy == 0.5 and by_name["default"].practice_accuracy is None
    # two answers are no evidence for a predicted score: none, as on the home screen
    assert by_name["李四"].predicted is None and by_name["default"].predicted is None
    top = report.weak_points[0]
    assert top.node == hard.node and top.answers == 4 and top.wrong_rate == 0.75
    assert easy.node not in {w.node for w in report.weak_points}  # never answered wrongly
    assert top.title == library.graph().nodes[hard.node].title and top.path

    assert main(["--db", db_url, "class", "report", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"profiles", "weak_points"}
    assert {"node", "title", "path", "answers", "wrong_rate"} <= set(data["weak_points"][0])
    assert [p["profile"] for p in data["profiles"]] == ["default", "张三", "李四", "王五"]
    assert main(["--db", db_url, "class", "report"]) == 0
    out = capsys.readouterr().out
    assert "张三" in out and "最常错" in out and top.title in out
    李四_row = next(line for line in out.splitlines() if line.startswith("李四"))
    assert 李四_row.endswith("未考\t尚无数据")  # no mock yet, too little for a prediction
