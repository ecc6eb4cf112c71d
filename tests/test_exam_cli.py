"""``cskexam exam …`` on a temp library: JSON shapes, reproducible papers, clear errors."""

import json

from cskexam.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_paper_json_is_reproducible_and_history_lists_attempts(library, exam_home, tmp_db_url, capsys):
    code, out, _ = run(capsys, "--db", tmp_db_url, "exam", "paper", "-b", "小卷", "--seed", "3", "--json")
    first = json.loads(out)
    assert code == 0 and first["seed"] == 3 and len(first["questions"]) == 11
    assert {"number", "section", "points", "part", "id", "type", "stem", "answer", "node"} <= set(first["questions"][0])
    _, again, _ = run(capsys, "--db", tmp_db_url, "exam", "paper", "-b", "小卷", "--seed", "3", "--json")
    assert json.loads(again) == first

    from cskexam.services.exam import ExamService
    from test_exam_service import practise_every_question

    practise_every_question(library)
    s = ExamService(library).start("小卷", seed=3)
    s.answer(1, s.paper.items[0].question.answer)
    s.submit()
    code, out, _ = run(capsys, "--db", tmp_db_url, "exam", "history", "--json")
    (row,) = json.loads(out)
    assert code == 0 and row["blueprint"] == "小卷" and row["score"] == 2 and row["passed"] is False
    code, out, _ = run(capsys, "--db", tmp_db_url, "exam", "calibration")
    assert code == 0 and "平均绝对误差" in out and "至少 3 次" in out
    code, out, _ = run(capsys, "--db", tmp_db_url, "exam", "report", str(row["id"]))
    assert code == 0 and "2/21 分，不合格" in out and "按题型" in out


def test_bad_input_is_one_clear_message_and_exit_2(library, exam_home, tmp_db_url, capsys):
    code, out, err = run(capsys, "--db", tmp_db_url, "exam", "paper", "-b", "大考")
    assert code == 2 and err.startswith("错误: 没有名为「大考」的试卷方案") and "Traceback" not in err
    code, _, err = run(capsys, "--db", tmp_db_url, "exam", "report", "99")
    assert code == 2 and "没有这次考试: 99" in err
    (exam_home / "blueprints" / "broken.yaml").write_text("name: 坏卷\nminutes: 0\n", encoding="utf-8")
    code, _, err = run(capsys, "exam", "blueprints")
    assert code == 2 and "broken.yaml:2: " in err and "考试时长" in err


def test_an_exam_without_evidence_has_no_prediction_in_history_or_calibration(library, exam_home, tmp_db_url,
                                                                                capsys):
    from cskexam.services.exam import ExamService
    from cskexam.tui.screens.exam_report import summary_content

    s = ExamService(library).start("小卷", seed=3)
    report = s.submit()
    code, out, _ = run(capsys, "--db", tmp_db_url, "exam", "history")
    assert code == 0 and "考前预测：尚无数据" in out and "预测 " not in out.replace("考前预测：", "")
    code, out, _ = run(capsys, "--db", tmp_db_url, "exam", "history", "--json")
    assert json.loads(out)[0]["predicted"] is None
    code, out, _ = run(capsys, "--db", tmp_db_url, "exam", "calibration")
    assert code == 0 and "平均绝对误差" not in out and "还没有带预测的考试记录" in out
    assert "考前预测：尚无数据" in summary_content(report, s.prediction).plain
