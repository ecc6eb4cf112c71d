"""The command line: questions --json, bank check/import, wrongbook."""

import csv
import io
import json
import shutil

import pytest

from cskexam.cli import main
from test_bank import GOOD

KEYS = {"id", "type", "stem", "options", "answer", "explanation", "node", "source"}


@pytest.fixture(scope="module")
def _imported_template(tmp_path_factory):
    """The bundled notes imported once; each test gets a copy of the file."""
    from cskexam.services.library import open_library

    path = tmp_path_factory.mktemp("imported") / "lib.sqlite3"
    lib = open_library(f"sqlite:///{path}")
    lib.ensure_imported()
    with lib.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    lib.close()
    return path


@pytest.fixture
def db_url(tmp_path, _imported_template):
    target = tmp_path / "lib.sqlite3"
    shutil.copyfile(_imported_template, target)
    return f"sqlite:///{target}"


def test_questions_json_lists_generated_and_bank_questions(db_url, capsys):
    assert main(["--db", db_url, "questions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(set(q) == KEYS for q in data)
    sources = {q["source"] for q in data}
    # Every generated question on the bundled notes tests a fact the bank already tests.
    assert sources == {"bank"}
    assert sum(q["source"] == "bank" for q in data) >= 150
    by_id = {q["id"]: q for q in data}
    assert len(by_id) == len(data)
    # The competitor question of the brief: the bank asks it, so the generator's copy is left out.
    asked = [q for q in data if q["type"] == "单选" and "指提供不同的产品以满足相同需求的竞争者" in q["stem"]]
    assert [q["source"] for q in asked] == ["bank"]
    assert asked[0]["options"][asked[0]["answer"]] == "普通竞争者"
    assert set(asked[0]["options"].values()) == {"愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"}


def test_generated_questions_keep_the_json_fields(db_url, capsys):
    from pathlib import Path

    notes = Path(__file__).parent / "material_notes" / "crm_notes.txt"
    assert main(["--db", db_url, "import", str(notes)]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "questions", "--json", "--source", "generated"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and all(set(q) == KEYS and q["source"] == "generated" for q in data)


def test_questions_filters_by_type(db_url, capsys):
    assert main(["--db", db_url, "questions", "--json", "--type", "判断", "--source", "bank"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and {(q["type"], q["source"]) for q in data} == {("判断", "bank")}
    assert all(q["answer"] in ("对", "错") for q in data)


def test_bank_check_passes_on_the_bundled_bank(capsys):
    assert main(["bank", "check"]) == 0
    out = capsys.readouterr().out
    assert "全部通过" in out


def test_bank_check_lists_every_problem_and_exits_2(tmp_path, capsys):
    bad = GOOD.replace("answer: B\n", "answer: G\n", 1).replace("node: [微观环境]", "node: [不存在的知识点]")
    (tmp_path / "a.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("document: [\n", encoding="utf-8")
    assert main(["bank", "check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'a.yaml'}:7: 单选题答案必须是一个字母" in err
    assert "找不到知识点「不存在的知识点」" in err
    assert f"{tmp_path / 'b.yaml'}:" in err and "YAML 格式错误" in err
    assert "2 个文件共 3 个问题" in err
    assert "Traceback" not in err


def test_bank_check_missing_path_is_a_clear_error(capsys):
    assert main(["bank", "check", "/no/such/bank.yaml"]) == 2
    assert capsys.readouterr().err.strip() == "错误: /no/such/bank.yaml: 路径不存在"


def _template_csv(rows):
    buf = io.StringIO()
    csv.writer(buf).writerows([["题型", "题干", "A", "B", "C", "D", "答案", "解析", "章节"], *rows])
    return buf.getvalue()


def test_bank_import_csv_is_all_or_nothing(db_url, tmp_path, capsys):
    good = ["单选题", "客户服务的五大特性中，生产与消费并存指的是（ ）。", "无形性", "不可分性", "有偿性", "易变性", "B",
            "不可分性：生产与消费并存。", "客户服务的五大特性"]
    bad = ["多选题", "下列属于宏观环境分析的有（ ）。", "市场人口", "营销环境", "", "", "AZ", "", "宏观环境分析"]
    path = tmp_path / "刷题.csv"
    path.write_text(_template_csv([good, bad]), encoding="utf-8-sig")
    assert main(["--db", db_url, "bank", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"错误: {path}:3: ")
    assert main(["--db", db_url, "questions", "--json", "--source", "import"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing half-imported

    path.write_text(_template_csv([good]), encoding="utf-8-sig")
    assert main(["--db", db_url, "bank", "import", str(path)]) == 0
    assert "新增 1" in capsys.readouterr().out
    assert main(["--db", db_url, "bank", "import", str(path)]) == 0  # again: no duplicate
    assert "新增 0，更新 1" in capsys.readouterr().out
    assert main(["--db", db_url, "questions", "--json", "--source", "import"]) == 0
    (q,) = json.loads(capsys.readouterr().out)
    assert q["answer"] == "B" and q["node"] and q["source"] == "import"


def test_bank_import_wrong_extension(db_url, tmp_path, capsys):
    path = tmp_path / "bank.txt"
    path.write_text("x", encoding="utf-8")
    assert main(["--db", db_url, "bank", "import", str(path)]) == 2
    assert "只能导入 .xlsx、.csv 或 .yaml 文件" in capsys.readouterr().err


def test_wrongbook_list_and_export(db_url, tmp_path, capsys):
    from cskexam.services.library import open_library
    from cskexam.services.practice import Practice

    lib = open_library(db_url)
    practice = Practice(lib)
    (q,) = [q for q in practice.questions(types=["判断"]) if q.source == "bank"][:1]
    wrong = "错" if q.answer == "对" else "对"
    practice.answer(q, wrong)
    lib.close()

    assert main(["--db", db_url, "wrongbook", "list", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["id"] == q.id and entry["wrong_count"] == 1 and entry["cleared_at"] is None
    assert main(["--db", db_url, "wrongbook"]) == 0
    assert q.id in capsys.readouterr().out
    target = tmp_path / "wrong.csv"
    assert main(["--db", db_url, "wrongbook", "export", str(target)]) == 0
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 2 and rows[1][0] == q.id and rows[1][5] == wrong


def test_questions_lint_is_clean_on_the_bundled_library(db_url, capsys):
    assert main(["--db", db_url, "questions", "--lint"]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("共 0 处") and "选项数 0" in out
