"""Paper format and the way from an exam to the review queue."""

from __future__ import annotations

import datetime as dt

from cskexam.core.exam import parse_blueprint
from support import T0

WEIGHTED = """\
name: 加权卷
minutes: 30
pass_mark: 6
weights:
  技能理论: 4
sections:
  - {type: 多选, count: 2, points: 5}
"""


def test_multi_choice_is_all_or_nothing_unless_the_blueprint_allows_partial_credit():
    bp = parse_blueprint(WEIGHTED, "w.yaml")
    assert bp.sections[0].partial_credit is False
    lenient = parse_blueprint(WEIGHTED.replace("points: 5}", "points: 5, partial_credit: true}"), "w.yaml")
    assert lenient.sections[0].partial_credit is True


def test_a_blueprint_weights_parts_of_the_notes_by_title():
    bp = parse_blueprint(WEIGHTED, "w.yaml")
    assert bp.weight_for("客户服务管理师二级-《技能理论》重点考点") == 4
    assert bp.weight_for("餐饮公司组织架构") == 1
    assert type(bp).from_dict(bp.to_dict()).weights == bp.weights


def test_a_bad_weight_names_its_line():
    import pytest

    from cskexam.core.exam import BlueprintError

    with pytest.raises(BlueprintError) as err:
        parse_blueprint(WEIGHTED.replace("技能理论: 4", "技能理论: -1"), "w.yaml")
    assert err.value.line == 5


def test_wrong_answers_of_an_exam_stay_within_the_days_new_card_limit(library):
    from cskexam.services import review_queue
    from cskexam.storage import review_repo

    graph = library.graph()
    nodes = [n.id for n in graph if n.kind == "item"]
    with library.db.session(immediate=True) as s:
        review_queue.set_settings(s, review_queue.get_settings(s).__class__(daily_new_limit=5), T0)
    with library.db.session(immediate=True) as s:
        today, later = review_queue.schedule_nodes_within_limits(s, nodes, T0)
    assert today and later
    assert today <= 5 + max(len(review_repo.cards_of_nodes(s, [n])) for n in nodes)
    with library.db.session() as s:
        due_now = review_repo.count_due(s, (1, 2, 3), T0, T0)
    assert due_now == today
