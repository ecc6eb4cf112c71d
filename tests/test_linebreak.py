"""Chinese line layout: UAX #14 break rules, cell widths, clipping with … and paths keeping their tail."""

from hypothesis import given, settings as hsettings, strategies as st

from cskexam.core.linebreak import break_offsets, cells, clip, clip_path, wrap

TEXT = ("竞争者环境分析包括四类：愿望竞争者、一般竞争者、产品形式竞争者和品牌竞争者（宏观环境分析"
        "又称宏五）。客户服务的五大特性是无形性、差异性、不可分离性、易逝性和所有权不可转移性，"
        "共计12345个要点。")
CLOSING = "。，、）」；：！？"


def test_no_line_starts_with_closing_punctuation_at_any_width():
    for width in range(8, 60):  # narrower than one unit (性）。) must cut it
        lines = wrap(TEXT, width)
        assert "".join(lines) == TEXT
        for line in lines:
            assert cells(line) <= width
        for line in lines[1:]:
            assert line[0] not in CLOSING, (width, line)


def test_brackets_and_numbers_are_not_split():
    for width in range(6, 60):
        lines = wrap(TEXT, width)
        for line in lines[:-1]:
            assert not line.endswith(("（", "「")), (width, line)
        # 12345 is on one line
        assert any("12345" in line for line in lines), width


def test_kept_newlines_and_spaces_at_breaks():
    assert wrap("第一章 总论\n第二节", 40) == ["第一章 总论", "第二节"]
    assert wrap("customer service manager", 10) == ["customer", "service", "manager"]


def test_break_offsets_keep_every_character():
    for width in (8, 13, 20):
        offsets = break_offsets(TEXT, width)
        pieces = [TEXT[a:b] for a, b in zip([0, *offsets], [*offsets, len(TEXT)])]
        assert "".join(pieces) == TEXT
        assert [p for p in pieces] == wrap(TEXT, width)


def test_clip_ends_in_an_ellipsis():
    assert clip("客户服务管理师", 20) == "客户服务管理师"
    out = clip("客户服务管理师（二级）考试", 9)
    assert out.endswith("…") and cells(out) <= 9 and out.startswith("客户服务")


def test_a_path_keeps_its_tail():
    path = ["第一章 客户服务概述", "第二节 营销环境分析", "竞争者环境"]
    assert clip_path(path, 80) == "第一章 客户服务概述 › 第二节 营销环境分析 › 竞争者环境"
    cut = clip_path(path, 36)
    assert cut.startswith("…") and cut.endswith("第二节 营销环境分析 › 竞争者环境") and cells(cut) <= 36
    tight = clip_path(path, 16)
    assert tight.endswith("竞争者环境") and cells(tight) <= 16
    tiny = clip_path(path, 6)
    assert tiny.endswith("…") and cells(tiny) <= 6


@given(st.text(alphabet=st.sampled_from(list("客户服务（）「」。，、 ab12")), max_size=80),
       st.integers(min_value=2, max_value=30))
@hsettings(max_examples=150, deadline=None)
def test_wrap_property(text, width):
    text = text.replace("\n", "")
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cells(line) <= width for line in lines)


def _uniseg_units(paragraph: str) -> tuple[str, ...]:
    from uniseg.linebreak import line_break_units

    return tuple(line_break_units(paragraph))


def test_units_are_uniseg_s_over_the_bundled_notes_and_bank():
    """Cutting between ideographs first changes no break: the same units as uniseg over real text."""
    from cskexam.core.linebreak import _units
    from cskexam.resources import content_dir, question_bank_dir

    paragraphs = set()
    for folder in (content_dir(), question_bank_dir()):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".txt", ".md", ".yaml"):
                paragraphs.update(path.read_text(encoding="utf-8").split("\n"))
    paragraphs.discard("")
    assert len(paragraphs) > 500
    # uniseg is slow: a fixed sample of 200 real paragraphs, the longest among them included.
    import random

    ordered = sorted(paragraphs)
    sample = random.Random(7).sample(ordered, 200) + sorted(ordered, key=len)[-20:]
    for paragraph in sample:
        assert _units(paragraph) == _uniseg_units(paragraph), paragraph


MIXED = "客户服务竞争者环境，。、：；！？（）「」《》“”‘’·…—-12345 .,:;!?()[]%$¥+abcXYZ\u00a0\u2060々ー〜"


@given(st.text(alphabet=MIXED, max_size=40))
@hsettings(max_examples=300, deadline=None)
def test_units_are_uniseg_s_for_any_mix(text):
    from cskexam.core.linebreak import _units

    assert _units(text) == _uniseg_units(text)
