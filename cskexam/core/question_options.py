"""The draw of choice options: the key among distractors, shuffled, redrawn while
the form of the options or the stem gives the key away. Randomness comes in as
``random.Random``."""

from __future__ import annotations

import random

from cskexam.core.distractors import gives_away, stem_gives_key
from cskexam.core.grading import fold
from cskexam.core.question import LETTERS
from cskexam.core.question_quality import odd_form

DRAWS = 12  # tries at distractors before a question whose key shows is dropped


def letters_for(options: list[str]) -> dict[str, str]:
    return {LETTERS[i]: text for i, text in enumerate(options)}


def draw_options(stem: str, right: list[str], wrong_pool: list[str], n_wrong: int, rng: random.Random,
            ) -> tuple[dict[str, str], list[str]] | None:
    """Options with ``right`` among them, shuffled; None when every draw gives the key away."""
    if len(wrong_pool) < n_wrong:
        return None
    for _ in range(DRAWS):
        opts = list(right) + rng.sample(wrong_pool, n_wrong)
        rng.shuffle(opts)
        letters = letters_for(opts)
        key = [k for k, v in letters.items() if v in right]
        if odd_form(list(right), [o for o in opts if o not in right]):
            continue  # every distractor ends in 环境 and the key does not
        if any(stem_gives_key(stem, o) for o in opts):
            continue  # 「（ ）由二级指标展开而成」 beside an option 二级指标: the stem rules it out
        if len({fold(o) for o in opts}) == len(opts) and not gives_away(stem, letters, key):
            return letters, key
    return None
