"""Modal verbs and adverbs between a subject and its copula (测评的指标应是…, 客户服务通常是指…).

A sentence cut at its 是 / 为 / 指 keeps them on the subject's side, but they are no part of the
subject: 「测评的指标应」 is no answer to 「____是企业能够控制和改进的」, 「客户服务通常」 no term
to define. ``modal_tail`` says where such a run closing a subject starts, so the cut falls
before it (``____应是…`` keyed 测评的指标).

Pure. A single character (应, 会, 能, 才…) also ends many words (效应, 社会, 职能, 人才): it counts
as a modal only where the segmenter cut it as a word of its own (``bounds``), or, without a
segmenter, where what stays before it is a name the notes use (``known``).
"""

from __future__ import annotations

from typing import Collection

# Longest first, so 应该 is taken whole before 应.
_WORDS = (
    "应当", "應當", "应该", "應該", "理应", "理應", "必须", "必須", "必需", "必定", "必然", "一定", "可以", "能够", "能夠",
    "一般", "通常", "往往", "常常", "经常", "經常", "大多", "大都", "大致", "基本", "基本上", "主要", "首先", "其实",
    "其實", "实际上", "實際上", "本身", "本来", "本來", "始终", "始終", "一直", "依然", "仍然", "恰恰", "确实", "確實",
    "也就", "都应", "都應", "也应", "也應", "仅仅", "僅僅", "只能", "只有",
)
_CHARS = frozenset("应應须須需要就都也只仅僅才可能会會均皆总總即便还還又亦并並将將多常正乃")
# Characters that make a cut subject no subject at all: 「X不是Y」 blanked on X states Y of X.
# Without a segmenter, only characters that end few words count alone (首问负责制就是指…), and not
# in the words they do end (成就, 人才, 首都).
_ALONE = frozenset("就都也才只亦又乃皆均")
_ENDED_BY_THEM = frozenset({"成就", "造就", "迁就", "遷就", "将就", "將就", "首都", "古都", "国都", "國都", "京都", "人才", "天才",
                            "口才", "英才", "奇才", "刚才", "剛才", "方才", "人均", "平均"})
NEGATIONS = ("不", "并不", "並不", "并非", "並非", "绝不", "絕不", "未必", "不一定", "从不", "從不", "决不", "決不", "没", "沒")
MODALS = tuple(sorted(_WORDS, key=len, reverse=True))


def modal_tail(head: str, bounds: Collection[int] | None = None, known: Collection[str] = (),
               offset: int = 0) -> int:
    """Where the run of modal words closing ``head`` starts (``len(head)`` when none).

    ``bounds`` are word boundaries of the sentence ``head`` opens at ``offset``; ``known``
    names the notes use (a single-character modal is trusted when what stays before it is one).
    At least two characters of subject always stay."""
    end = len(head)
    while end > 2:
        word = next((w for w in MODALS if head.endswith(w, 0, end) and end - len(w) >= 2), None)
        if word is None and head[end - 1] in _CHARS:
            start = end - 1
            if bounds is not None:
                alone = offset + start in bounds
            else:
                alone = head[start] in _ALONE and head[start - 1:end] not in _ENDED_BY_THEM
            alone = alone or head[:start] in known
            word = head[start:end] if alone else None
        if word is None:
            return end
        end -= len(word)
    return end


def ends_negated(head: str) -> bool:
    """``head`` closes on a negation (服务补救并非…是): cut there, the sentence says the opposite."""
    return head.endswith(NEGATIONS)


def modal_lead(text: str) -> int:
    """Length of a modal word opening ``text`` (通常指…, 一般是…, 就指…), 0 when none."""
    found = next((len(w) for w in MODALS if text.startswith(w)), 0)
    if not found and text[:1] in _CHARS and text[1:2] in ("是", "指", "为", "為"):
        found = 1
    return found


def defined_term(term: str, text: str, known: Collection[str] = ()) -> tuple[str, str]:
    """A parsed definition's term without the modal the parser left on it (客户服务通常 of
    「客户服务通常是指…」), the modal put back before the definition with the 是 the parser
    took with it (通常是指…)."""
    cut = modal_tail(term, known=known)
    if cut == len(term):
        return term, text
    return term[:cut], term[cut:] + ("是" if text.startswith("指") else "") + text
