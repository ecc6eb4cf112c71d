"""Hostile input, seventh round: notes of thousands of list items named alike, a paragraph of
megabytes, imports of many big files, an export whose temporary name was planted as a symlink
or whose target is read-only, closed standard streams, odd database URLs, and bank fields of
the wrong type. Each gets the correct result within the limits (10 s, 300 MB), or one Chinese
message naming the file, exit 2, no traceback and nothing written."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from cskexam.core.errata_losses import LossIndex, find_losses
from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.questions import generate_questions
from cskexam.core.search.documents import INDEXED_BODY_CHARS, iter_node_documents
from cskexam.core.search.tokenize import RUN_PIECE, Tokenizer
from cli_helpers import isolate_cli, no_library, output


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate_cli(monkeypatch, tmp_path)


# -- notes whose questions took quadratic time -------------------------------------------------

def _question_seconds(text: str) -> float:
    graph = parse_notes([NoteSource("清单.txt", text)])
    start = time.process_time()
    generate_questions(graph, random.Random(1))
    return time.process_time() - start


def test_a_list_of_thousands_of_items_gets_its_questions_in_linear_time():
    """Each item's line was searched for the title of every other item of its list:
    6,000 numbered items (70 KB) took over 15 s to import."""
    text = "清单\n" + "".join(f"{i}、项目{i}\n" for i in range(1, 5001))
    assert _question_seconds(text) < 3


def test_thousands_of_points_named_alike_get_their_questions_in_linear_time():
    """A line's start was compared with every title sharing its first two characters:
    6,000 points 要点1 … 要点6000 that each name the next took over 15 s to import."""
    text = "清单\n" + "".join(f"一、要点{i}\n要点{i}是指关于要点{i + 1}的说明。\n" for i in range(1, 4001))
    assert _question_seconds(text) < 3


# -- a paragraph of megabytes ------------------------------------------------------------------

class _Recording:
    """A segmenter that records the longest text it was given."""

    def __init__(self):
        self.longest = 0

    def cut_for_search(self, text):
        self.longest = max(self.longest, len(text))
        return [text[i:i + 2] for i in range(0, len(text), 2)]

    def cut_all(self, text):
        return [text]


def test_a_run_of_millions_of_characters_is_segmented_in_pieces():
    """One run of 2.7 million characters without punctuation (an 8 MB file of one line) took the
    segmenter 480 MB at once."""
    segmenter = _Recording()
    words = Tokenizer(segmenter).tokens("范" * 300_000)
    assert segmenter.longest <= RUN_PIECE
    assert words == "范范"


def test_only_the_head_of_a_body_of_megabytes_is_cut_into_index_words():
    body = "甲乙，" * 200_000
    graph = parse_notes([NoteSource("一段.txt", "标题\n" + body + "\n")])
    segmenter = _Recording()
    tokenizer = Tokenizer(segmenter)
    seen: list[str] = []
    real = tokenizer.tokens
    tokenizer.tokens = lambda text: seen.append(text) or real(text)  # type: ignore[method-assign]
    docs = list(iter_node_documents(graph, tokenizer))
    assert max(len(t) for t in seen) <= INDEXED_BODY_CHARS
    assert max(len(d.body) for d in docs) > INDEXED_BODY_CHARS  # the text itself is kept whole


def test_the_loss_finder_counts_only_pairs_that_are_words_and_reads_a_bounded_text():
    """8 MB of characters in no word's order counted millions of pairs (hundreds of MB) and took
    ten seconds to read for lost characters."""
    import tracemalloc

    index = LossIndex([("范", 100), ("围", 100), ("范围", 50_000), ("在", 900_000), ("上", 900_000)])
    rng = random.Random(3)
    text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(300_000))
    cut_lengths: list[int] = []

    def cut(line: str) -> list[str]:
        cut_lengths.append(len(line))
        return list(line)

    tracemalloc.start()
    try:
        find_losses(text, cut, index, read_budget=50_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sum(cut_lengths) <= 50_000 + 2_000
    assert peak < 20 * 1024 * 1024


def test_an_import_of_more_notes_than_any_textbook_is_refused_naming_the_file(tmp_path, capsys):
    """Eight 8 MB files of text took 13 s and 420 MB to import."""
    from cskexam.cli import main

    folder = tmp_path / "笔记"
    folder.mkdir()
    rng = random.Random(5)
    for k in range(3):
        text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(2_400_000))
        (folder / f"{k}.txt").write_text(f"标题{k}\n{text}\n", encoding="utf-8")
    assert main(["import", str(folder)]) == 2
    _, err = output(capsys)
    assert "2.txt" in err and "合计太大" in err and "分几次导入" in err
    assert no_library(tmp_path)


# -- exports -----------------------------------------------------------------------------------

def _answered_wrong(tmp_path) -> None:
    """A library with one wrong answer in the 错题本."""
    from cskexam.services.library import open_library
    from cskexam.services.practice import Practice

    with open_library(None) as library:
        library.ensure_imported()
        practice = Practice(library)
        question = next(q for q in practice.questions() if q.type == "单选")
        wrong = next(k for k in question.options if k != question.answer)
        practice.answer(question, wrong)


def test_an_export_is_never_written_through_a_name_planted_beside_it(tmp_path, capsys):
    """``out.csv.part``, made beforehand as a symlink to another file (the library), had the
    export written into that file."""
    from cskexam.cli import main

    _answered_wrong(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("别动我", encoding="utf-8")
    (tmp_path / "out.csv.part").symlink_to(victim)
    assert main(["wrongbook", "export", "out.csv"]) == 0
    output(capsys)
    assert victim.read_text(encoding="utf-8") == "别动我"
    assert "题干" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part") and not p.is_symlink()]


def test_an_anki_deck_is_never_written_through_a_name_planted_beside_it(tmp_path, capsys):
    from cskexam.cli import main

    victim = tmp_path / "victim.txt"
    victim.write_text("别动我", encoding="utf-8")
    (tmp_path / "deck.apkg.part").symlink_to(victim)
    assert main(["export", "apkg", "deck.apkg"]) == 0
    output(capsys)
    assert victim.read_text(encoding="utf-8") == "别动我"
    assert (tmp_path / "deck.apkg").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("args, name", [(["wrongbook", "export"], "错题.csv"), (["export", "apkg"], "牌组.apkg")])
def test_a_read_only_file_is_not_overwritten_by_an_export(tmp_path, capsys, args, name):
    """Replaced by a rename, a read-only file was overwritten all the same, and made writable."""
    from cskexam.cli import main

    target = tmp_path / name
    target.write_text("旧的", encoding="utf-8")
    target.chmod(0o444)
    assert main([*args, name]) == 2
    _, err = output(capsys)
    assert name in err and "只读" in err
    assert target.read_text(encoding="utf-8") == "旧的" and target.stat().st_mode & 0o777 == 0o444
    assert no_library(tmp_path)


def test_an_export_keeps_the_permissions_of_the_file_it_replaces(tmp_path, capsys):
    from cskexam.cli import main

    target = tmp_path / "错题.csv"
    target.write_text("旧的", encoding="utf-8")
    target.chmod(0o600)
    assert main(["wrongbook", "export", "错题.csv"]) == 0
    output(capsys)
    assert target.stat().st_mode & 0o777 == 0o600
    assert "题干" in target.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("args, words", [
    (["wrongbook", "export", "note.txt/x.csv"], "是一个文件，不是目录"),
    (["export", "apkg", "note.txt/x.apkg"], "是一个文件，不是目录"),
    (["wrongbook", "export", ".csv"], "只有扩展名"),
    (["export", "apkg", ".apkg"], "只有扩展名"),
    (["export", "apkg", "牌组.txt"], ".apkg 结尾"),
])
def test_an_export_target_that_cannot_be_is_named_so_before_a_library_is_made(tmp_path, capsys, args, words):
    """A deck named 牌组.txt made the library and imported the notes before it was refused."""
    from cskexam.cli import main

    (tmp_path / "note.txt").write_text("笔记", encoding="utf-8")
    assert main(args) == 2
    _, err = output(capsys)
    assert words in err
    assert no_library(tmp_path)


# -- values refused before a library is made ---------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["settings", "--retention", "2"], "0.70–0.99"),
    (["settings", "--daily-goal", "99999"], "每日目标"),
    (["settings", "--learning-steps", "0m"], "步长"),
    (["exam", "paper", "--seed", "-1"], "--seed"),
    (["exam", "paper", "--blueprint", "没有这个"], "没有名为「没有这个」的试卷方案"),
    (["exam", "predict", "-b", "没有这个"], "没有名为「没有这个」的试卷方案"),
    (["wrongbook", "setting", "--clear-after", "0"], "1–20"),
])
def test_a_value_out_of_range_makes_no_library(tmp_path, capsys, args, words):
    """Each of these made the library (some imported the notes into it) before saying no."""
    from cskexam.cli import main

    try:
        code = main(args)
    except SystemExit as exc:  # refused with the other arguments
        code = exc.code
    assert code == 2
    _, err = output(capsys)
    assert words in err
    assert not (tmp_path / "home" / "cskexam.sqlite3").exists()


# -- standard streams, database URLs, the data folder ------------------------------------------

def _run(tmp_path, shell: str) -> tuple[int, str, str]:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root), CSKEXAM_HOME=str(tmp_path / "home"), PY=sys.executable)
    env.pop("CSKEXAM_DB", None)
    done = subprocess.run(["sh", "-c", shell], env=env, cwd=tmp_path, capture_output=True, timeout=120)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


@pytest.mark.parametrize("shell", ['"$PY" -m cskexam --version >&-', '"$PY" -m cskexam graph >&-'])
def test_a_closed_standard_output_is_one_message(tmp_path, shell):
    code, _, err = _run(tmp_path, shell)
    assert code == 2 and "Traceback" not in err
    assert "写出结果时出错（标准输出）" in err and "已被关闭" in err


def test_a_closed_standard_input_ends_a_review_as_the_end_of_input_does(tmp_path):
    code, out, err = _run(tmp_path, '"$PY" -m cskexam review --limit 1 <&-')
    assert code == 0 and "Traceback" not in err
    assert "本次复习 0 张" in out


def test_a_closed_error_stream_sends_no_message_into_the_output(tmp_path):
    code, out, err = _run(tmp_path, '"$PY" -m cskexam search --limit x 2>&-')
    assert code == 2 and out == ""


@pytest.mark.parametrize("url", ["sqlite:///?mode=ro", "sqlite:///lib.db?cache=shared"])
def test_sqlite_url_arguments_the_driver_ignores_are_refused_in_chinese(tmp_path, url):
    """SQLAlchemy's English SAWarning was printed, and the library opened in memory or without them."""
    code, _, err = _run(tmp_path, f'"$PY" -m cskexam --db "{url}" stats')
    assert code == 2 and "Warning" not in err and "Traceback" not in err
    assert "? 后面的参数不对" in err


@pytest.mark.parametrize("port", ["99999", "0"])
def test_a_port_that_cannot_be_is_an_invalid_url(capsys, port):
    from cskexam.cli import main

    assert main(["--db", f"postgresql://u@127.0.0.1:{port}/x", "stats"]) == 2
    _, err = output(capsys)
    assert f"端口 {port} 不存在" in err


@pytest.mark.parametrize("args", [
    ["db", "check", "--db", "sqlite://"],
    ["db", "restore", "latest", "--db", "sqlite:///:memory:"],
])
def test_backups_of_a_library_in_memory_are_not_said_to_be_postgresqls(capsys, args):
    from cskexam.cli import main

    assert main(args) == 2
    _, err = output(capsys)
    assert "没有指向文件" in err and "PostgreSQL" not in err


def test_a_copy_into_memory_is_refused_instead_of_thrown_away(tmp_path, capsys):
    from cskexam.cli import main

    assert main(["db", "copy", f"sqlite:///{tmp_path / 'none.db'}", "sqlite://"]) == 2
    _, err = output(capsys)
    assert "内存中的数据库" in err


def test_a_data_folder_that_is_a_file_is_named_so(tmp_path, monkeypatch, capsys):
    from cskexam.cli import main

    (tmp_path / "home").write_text("", encoding="utf-8")
    assert main(["stats"]) == 2
    _, err = output(capsys)
    assert "CSKEXAM_HOME 指向的是一个文件，不是目录" in err


# -- bank fields of the wrong kind -------------------------------------------------------------

@pytest.mark.parametrize("field, value, words", [
    ("stem", "[甲, 乙]", "缺少题干 stem：这里写的是「（一个列表）」，不是文字"),
    ("stem", "{甲: 1}", "缺少题干 stem：这里写的是「（一个映射）」，不是文字"),
    ("stem", "true", "缺少题干 stem：这里写的是「True」"),
    ("explanation", "[1, 2]", "缺少解析 explanation：这里写的是「（一个列表）」"),
    ("type", "[单选]", "缺少题型 type：这里写的是「（一个列表）」"),
    ("id", "[1]", "缺少题号 id：这里写的是「（一个列表）」"),
])
def test_a_bank_field_of_the_wrong_kind_is_not_called_missing(tmp_path, capsys, field, value, words):
    from cskexam.cli import main

    fields = {"id": "x-1", "type": "单选", "stem": "客户服务环境是指（ ）。", "explanation": "解析"}
    fields[field] = value
    text = "document: 测试\nquestions:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items())
    text += "\n    options: {A: 甲, B: 乙, C: 丙, D: 丁}\n    answer: B\n    node: [客户服务环境研究]\n"
    (tmp_path / "bank.yaml").write_text(text, encoding="utf-8")
    assert main(["bank", "check", "bank.yaml"]) == 2
    _, err = output(capsys)
    assert words in err


def test_a_multiple_choice_answer_of_nested_lists_is_not_called_repeated(tmp_path, capsys):
    from cskexam.cli import main

    (tmp_path / "bank.yaml").write_text(
        "document: 测试\nquestions:\n  - id: x-1\n    type: 多选\n    stem: 环境包括（ ）。\n"
        "    options: {A: 甲, B: 乙, C: 丙, D: 丁, E: 戊}\n    answer: [[A], [B]]\n    explanation: 解析\n"
        "    node: [客户服务环境研究]\n", encoding="utf-8")
    assert main(["bank", "check", "bank.yaml"]) == 2
    _, err = output(capsys)
    assert "多选题答案必须写成 [A, C]" in err and "重复" not in err


def test_a_column_past_the_ones_read_is_not_called_missing(tmp_path, capsys):
    """A header of 10,000 option columns with 答案 last was told 「缺少列: 答案」."""
    from cskexam.cli import main

    header = ["题型", "题干", *(f"备注{i}" for i in range(100)), "答案"]
    (tmp_path / "wide.csv").write_text(",".join(header) + "\n单选,题,A\n", encoding="utf-8")
    assert main(["bank", "check", "wide.csv"]) == 2
    _, err = output(capsys)
    assert "缺少列: 答案" in err and "只读前 64 列" in err


@pytest.mark.parametrize("name", ["题库.csv", "题库.yaml"])
def test_an_xlsx_under_another_name_is_named_an_xlsx(tmp_path, capsys, name):
    """It was called a CSV with NUL characters, or a YAML file not in UTF-8."""
    import zipfile

    from cskexam.cli import main

    with zipfile.ZipFile(tmp_path / name, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert main(["bank", "import", name]) == 2
    _, err = output(capsys)
    assert name in err and "这是一个 xlsx" in err and ".xlsx" in err
    assert no_library(tmp_path)
