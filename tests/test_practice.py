"""Questions in storage, practice answers, the 错题本, stars and CSV export."""

import csv
import datetime as dt
import random

import pytest

from cskexam.errors import UserError
from support import T0, StepClock
from test_bank import GOOD
from test_questions_helpers import SAMPLE_BANK_SIZE, by_title, open_sample_library, sample_graph


def Clock() -> StepClock:
    return StepClock(T0, dt.timedelta(minutes=1))


@pytest.fixture
def practice(library):
    from cskexam.services.practice import Practice

    return Practice(library, clock=Clock())


def _question(practice, qid):
    (q,) = [q for q in practice.questions() if q.id == qid]
    return q


def test_import_stores_generated_and_bank_questions(library):
    from cskexam.storage import question_repo

    with library.db.session() as s:
        counts = question_repo.count_questions(s)
        bank = question_repo.get_question(s, "jn-001")
    # GOOD's five and the sample library's own (see open_sample_library)
    assert counts["bank"] == 5 + SAMPLE_BANK_SIZE and counts["generated"] > 20
    assert bank.node == by_title(library.graph(), "普通竞争者").id
    assert bank.options["B"] == "普通竞争者" and bank.source == "bank"


def test_reimport_keeps_ids_and_deactivates_vanished_questions(library, bank_dir):
    from cskexam.services.library import PreparedImport
    from cskexam.storage import question_repo

    before = {q.id for q in _all(library)}
    (bank_dir / "01.yaml").write_text(GOOD.split("  - id: jn-002")[0], encoding="utf-8")
    library.store(PreparedImport([], sample_graph()), now=T0 + dt.timedelta(days=1))
    after = {q.id for q in _all(library)}
    assert before - after == {"jn-002", "jn-003", "jn-004", "jn-005"}
    # Generated questions that asked what the removed authored ones asked come back.
    assert all(qid.startswith("g-") for qid in after - before)
    with library.db.session() as s:
        old = question_repo.load_questions(s, ids=["jn-002"], active_only=False)
    assert len(old) == 1  # kept, inactive


def _all(library):
    from cskexam.storage import question_repo

    with library.db.session() as s:
        return question_repo.load_questions(s)


def test_broken_bank_file_is_skipped_whole(library, bank_dir):
    from cskexam.services.library import PreparedImport
    from cskexam.storage import question_repo

    (bank_dir / "01.yaml").write_text(GOOD.replace("answer: B\n", "answer: Z\n", 1), encoding="utf-8")
    library.store(PreparedImport([], sample_graph()), now=T0 + dt.timedelta(days=1))
    with library.db.session() as s:
        # only the sample library's other file loads
        assert question_repo.count_questions(s).get("bank", 0) == SAMPLE_BANK_SIZE


def test_filters_scope_type_and_order(practice, library):
    graph = library.graph()
    comp = by_title(graph, "竞争者环境")
    scope = {comp.id} | {c for c in comp.children}
    qs = practice.questions(node_id=comp.id)
    assert qs and all(q.node in scope for q in qs)
    assert {"jn-001", "jn-003", "jn-005"} <= {q.id for q in qs}
    singles = practice.questions(types=["单选"])
    assert singles and {q.type for q in singles} == {"单选"}
    ordered = practice.questions()
    shuffled = practice.questions(order="随机", rng=random.Random(4))
    assert sorted(q.id for q in ordered) == sorted(q.id for q in shuffled)
    assert [q.id for q in ordered] != [q.id for q in shuffled]
    # 顺序 follows the notes: 宏观环境 questions come before 五大特性 ones.
    nodes = [q.node for q in ordered]
    macro, five = by_title(graph, "宏观环境分析").id, by_title(graph, "客户服务的五大特性").id
    assert nodes.index(macro) < nodes.index(five)
    with pytest.raises(UserError):
        practice.questions(node_id="nope")
    with pytest.raises(UserError):
        practice.questions(order="倒序")


def test_wrong_answer_enters_wrongbook_and_schedules_the_key_point(practice, library):
    from cskexam.storage import question_repo, review_repo

    q = _question(practice, "jn-001")
    out = practice.answer(q, "A")
    assert not out.correct and out.in_wrongbook and out.wrong_count == 1
    assert out.scheduled_cards >= 1  # the cards of 普通竞争者 are due now
    with library.db.session() as s:
        cards = review_repo.cards_of_nodes(s, [q.node])
        assert cards and all(c.due is not None for c in cards)
        answers = question_repo.answers_of(s, q.id)
    assert [(a.given, a.correct, a.mode) for a in answers] == [("A", False, "practice")]
    (entry,) = practice.wrong_book()
    assert entry.question.id == "jn-001" and entry.wrong_count == 1 and entry.last_given == "A"


def test_question_leaves_wrongbook_after_n_right_answers_in_a_row(practice):
    q = _question(practice, "jn-001")
    practice.answer(q, "A")
    practice.answer(q, "C")
    assert practice.wrong_book()[0].wrong_count == 2
    first = practice.answer(q, "B")
    assert first.in_wrongbook and not first.cleared
    practice.answer(q, "D")  # a slip resets the streak
    practice.answer(q, "B")
    assert practice.wrong_book()[0].right_streak == 1
    last = practice.answer(q, "b")
    assert last.cleared and not last.in_wrongbook
    assert practice.wrong_book() == []
    (gone,) = practice.wrong_book(include_cleared=True)
    assert gone.wrong_count == 3 and gone.cleared_at is not None


def test_clear_after_is_a_setting(practice):
    assert practice.clear_after() == 2
    practice.set_clear_after(1)
    q = _question(practice, "jn-003")
    practice.answer(q, "对")
    assert practice.answer(q, "×").cleared
    with pytest.raises(UserError):
        practice.set_clear_after(0)


def test_partial_multi_and_short_answer_count_as_wrong_with_details(practice):
    multi = _question(practice, "jn-002")
    out = practice.answer(multi, "A")
    assert not out.correct and out.result.score == 0.5 and out.in_wrongbook
    short = _question(practice, "jn-005")
    out = practice.answer(short, "愿望竞争者、一般竞争者和品牌竞争者")
    assert out.short.missed == ["产品形式竞争者"] and out.result.score == 0.75
    assert not out.correct and out.in_wrongbook


def test_wrong_only_practice_and_stars(practice):
    q1, q3 = _question(practice, "jn-001"), _question(practice, "jn-003")
    practice.answer(q1, "A")
    practice.answer(q3, "对")
    assert {q.id for q in practice.questions(wrong_only=True)} == {"jn-001", "jn-003"}
    assert practice.toggle_star("jn-004") is True
    assert [q.id for q in practice.questions(starred_only=True)] == ["jn-004"]
    assert practice.toggle_star("jn-004") is False
    assert practice.questions(starred_only=True) == []
    with pytest.raises(UserError):
        practice.toggle_star("no-such-question")


def test_export_wrongbook_csv_readable_by_excel(practice, tmp_path):
    q = _question(practice, "jn-001")
    practice.answer(q, "A")
    practice.toggle_star("jn-001")
    target = tmp_path / "错题本.csv"
    assert practice.export_wrong_book(target) == 1
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["题号", "题型", "题干"]
    row = dict(zip(rows[0], rows[1]))
    assert row["题号"] == "jn-001" and row["正确答案"] == "B. 普通竞争者" and row["上次作答"] == "A"
    assert row["错误次数"] == "1" and row["收藏"] == "是"
    assert row["知识点"].endswith("竞争者环境 › 普通竞争者")
    assert not (tmp_path / "错题本.csv.part").exists()


def test_export_to_a_missing_folder_is_a_user_error(practice, tmp_path):
    with pytest.raises(UserError) as info:
        practice.export_wrong_book(tmp_path / "no" / "such" / "dir.csv")
    assert "目录不存在" in str(info.value)
    assert not (tmp_path / "no").exists()


def test_record_answer_works_inside_an_exam_transaction(library):
    from cskexam.services.practice import record_answer
    from cskexam.storage import question_repo

    with library.db.session() as s:
        q = question_repo.get_question(s, "jn-003")
        out = record_answer(s, q, "错", T0, mode="exam", context="attempt-1")
        assert out.correct
        (a,) = question_repo.answers_of(s, "jn-003")
        assert a.mode == "exam" and a.context == "attempt-1"
        assert question_repo.answer_stats(s, ["jn-003"]) == {"jn-003": (1, 1)}


def test_edited_notes_drop_only_the_bank_questions_whose_node_vanished(library):
    from cskexam.services.library import PreparedImport

    edited = sample_graph()
    macro = by_title(edited, "宏观环境分析")
    for nid in [macro.id, *macro.children]:
        edited.nodes.pop(nid)
    parent = edited.nodes[macro.parent]
    parent.children.remove(macro.id)
    library.store(PreparedImport([], edited), now=T0 + dt.timedelta(days=1), replace=True)
    ids = {q.id for q in _all(library)}
    assert "jn-002" not in ids
    assert {"jn-001", "jn-003", "jn-004", "jn-005"} <= ids


@pytest.fixture
def library(sample_library):
    """The services run on both engines here."""
    return sample_library


def test_a_short_answer_padded_with_another_questions_point_is_not_full_marks(practice):
    short = _question(practice, "jn-005")
    bare = "愿望竞争者、普通竞争者、产品形式竞争者、品牌竞争者"
    assert practice.answer(short, bare).correct
    other = next(q for q in practice.questions(types=["简答", "案例分析"])
                 if q.id != "jn-005" and q.points and "竞争" not in q.points[0].point)
    out = practice.answer(short, bare + "、" + other.points[0].point)
    assert not out.correct and out.short.padded and out.result.score == pytest.approx(0.8)


def test_a_right_answer_outside_the_wrongbook_does_not_read_the_clear_after_setting(practice, library):
    """On a server every read is a round trip: the 错题本 threshold is read only for a question in it."""
    from test_review import count_statements

    q = _question(practice, "jn-001")
    statements = count_statements(library.db)
    assert practice.answer(q, "B").correct
    assert not any("question_settings" in s for s in statements), statements
    practice.answer(q, "A")  # into the 错题本
    statements.clear()
    out = practice.answer(q, "B")
    assert out.in_wrongbook and out.clear_after == 2 and out.to_leave == 1
    assert sum("question_settings" in s for s in statements) == 1
