"""YAML with line numbers: mappings that know the line of each key, and a guard against alias bombs.

``load_yaml_with_lines(text)`` is ``yaml.safe_load`` whose mappings carry
``.line`` and ``.line_of(key)``, so that a validation message can name the
line. The question bank and the exam blueprints are read with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from cskexam.core.notes.normalize import strip_controls


class _LineDict(dict):
    """A mapping that remembers where it and each of its keys start."""

    line: int = 0

    def __init__(self):
        super().__init__()
        self.key_lines: dict[Any, int] = {}
        self.duplicate_keys: list[tuple[Any, int]] = []

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml parses the bundled bank far faster than the pure-Python parser, and
# the bank is loaded inside every notes import.
if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _check_expansion(node)
        return self.construct_document(node)


# A bank of 5,000 questions has ~100k nodes. Aliases let a few hundred bytes
# stand for billions of them ("billion laughs"): the expanded count is
# measured on the composed tree, before anything is built from it. Without
# aliases, a few MB of tiny flow items (``- {id: q1, …}``) are also millions
# of nodes, each a Python object once composed (120k such questions: 1 GB,
# 15 s): those are counted on the parser's events first, which costs little.
MAX_YAML_NODES = 200_000


class YamlLimitError(yaml.YAMLError):
    """A YAML text refused before it is built: too many nodes once aliases are expanded, or an unreadable value."""

    def __init__(self, problem: str, mark: Any = None):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark

    def __str__(self) -> str:
        return self.problem


def _check_expansion(root: yaml.Node) -> None:
    """Count the nodes of ``root`` with every alias expanded; refuse too many, or a cycle."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if done:
            visiting.discard(key)
            total = 1 + sum(sizes[id(c)] for c in children)
            if total > MAX_YAML_NODES:
                raise YamlLimitError(
                    f"展开别名（*引用）后内容过多（超过 {MAX_YAML_NODES:,} 项），拒绝读取", node.start_mark)
            sizes[key] = total
            continue
        if key in visiting:
            raise YamlLimitError("别名（*引用）形成了循环，拒绝读取", node.start_mark)
        visiting.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in visiting:
                raise YamlLimitError("别名（*引用）形成了循环，拒绝读取", child.start_mark)
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    out = _LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        try:
            hash(key)
        except TypeError:
            key = shown(key)
        value = _construct(loader, value_node)
        line = key_node.start_mark.line + 1
        if key in out:
            out.duplicate_keys.append((key, line))
        out[key] = value
        out.key_lines[key] = line
    return out


def _construct(loader: _LineLoader, node: yaml.Node) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except RecursionError:
        raise YamlLimitError("嵌套层数太多，拒绝读取", node.start_mark) from None
    except (ValueError, OverflowError, TypeError):
        # int() of a 5,000-digit number, a date like 2024-13-45 …
        raise YamlLimitError("含有无法读取的值（如超长的数字或不存在的日期）", node.start_mark) from None


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# Python refuses to write an int of over 4,300 decimal digits as text, but a hex
# (0xFFF…) or base-60 (1:2:3:…) YAML int has no such limit when it is read: a
# number no message, stem or answer could ever quote is refused where it is read.
_MAX_INT_BITS = 4000 * 3


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    value = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    if abs(value).bit_length() > _MAX_INT_BITS:
        raise ValueError("int too long")
    return value


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml_with_lines(text: str) -> Any:
    """``yaml.safe_load`` whose mappings carry ``.line`` and ``.line_of(key)``.

    Raises ``yaml.YAMLError`` (``YamlLimitError`` for a bomb or an unreadable value).
    """
    try:
        _check_node_count(text)
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader subclass
    except UnicodeEncodeError:  # a lone surrogate (text decoded with surrogateescape)
        raise YamlLimitError("含有无效的字符（不是 UTF-8 文字）") from None


_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)


def _check_node_count(text: str) -> None:
    """Refuse a text of more than MAX_YAML_NODES nodes as written, before any is composed.

    A syntax error met on the way is raised as the loader would raise it.
    """
    count = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, _NODE_EVENTS):
            count += 1
            if count > MAX_YAML_NODES:
                raise YamlLimitError(
                    f"内容过多（超过 {MAX_YAML_NODES:,} 项，约一万道题），拒绝读取：请把题库分成几个文件",
                    event.start_mark)


# libyaml's reasons (and the pure-Python parser's), in the words a bank author needs.
_YAML_REASONS = (
    ("tab character", "用了 Tab 缩进（请改用空格）"),
    ("did not find expected key", "缩进不对，或少了「键: 值」中的键"),
    ("did not find expected '-' indicator", "缩进不对：列表项应以「- 」开头并对齐"),
    ("mapping values are not allowed", "这里不能出现「键: 值」（冒号后缺空格，或缩进不对？）"),
    ("mapping keys are not allowed", "这里不能出现「? 键」形式的键（缩进不对？）"),
    ("block sequence entries are not allowed", "这里不能出现「- 」列表项（缩进不对，或它应写在上一行的键下面？）"),
    ("unexpected end of stream", "文件在引号或括号中间结束（引号或括号没有配对）"),
    ("could not find expected ':'", "少了冒号「:」：一个键要写在一行内，后面跟「: 值」（或引号没有配对？）"),
    ("found unexpected ':'", "多了一个冒号「:」（含冒号的文字请加引号）"),
    ("did not find expected ',' or ']'", "方括号列表 [ … ] 中少了逗号或右括号「]」"),
    ("did not find expected ',' or '}'", "花括号映射 { … } 中少了逗号或右括号「}」"),
    ("expected ',' or ']'", "方括号列表 [ … ] 中少了逗号或右括号「]」"),
    ("expected ',' or '}'", "花括号映射 { … } 中少了逗号或右括号「}」"),
    ("did not find expected node content", "这里缺少内容（值是空的，或多了符号如「,」「]」「}」）"),
    ("expected the node content", "这里缺少内容（值是空的，或多了符号如「,」「]」「}」）"),
    ("expected <block end>", "缩进不对：这一行与上面的内容对不齐"),
    ("did not find expected comment or line break", "这一行多了内容：「|」「>」或「---」后面只能换行或写注释"),
    ("did not find expected whitespace or line break", "这里缺少空格或换行（如「-」「?」「:」后面要有空格）"),
    ("did not find expected alphabetic or numeric character", "锚点或别名（&名字、*名字）的名字只能用字母和数字"),
    ("did not find expected hexdecimal number", "双引号中的 \\x、\\u 转义后面要跟十六进制数字"),
    ("found invalid unicode character escape code", "双引号中的 \\u/\\U 转义不是有效的字符"),
    ("found unknown escape character", "双引号中的转义字符（\\…）无效"),
    ("indentation indicator equal to 0", "「|」「>」后的缩进数字不能是 0"),
    ("undefined tag handle", "用了没有定义的标签前缀（如 !前缀!名字）"),
    ("did not find expected tag uri", "标签（!…）写得不完整"),
    ("did not find the expected '>'", "标签 !<…> 缺少右尖括号「>」"),
    ("did not find expected '!'", "标签（!…）写得不完整"),
    ("uri escaped octet", "标签中的 % 转义无效"),
    ("incompatible yaml document", "只支持 YAML 1.x（文件开头的 %YAML 版本不对）"),
    ("duplicate %yaml directive", "%YAML 指令重复"),
    ("duplicate %tag directive", "%TAG 指令重复"),
    ("directive", "不认识的 % 指令（以 % 开头的行）"),
    ("undefined alias", "引用了没有定义的别名（*名字）"),
    ("could not determine a constructor for the tag", "不支持的 YAML 标签（如 !!python/…）"),
    ("failed to decode base64", "!!binary 内容不是有效的 base64"),
    ("for merging", "合并键「<<」后面应是一个映射（或映射的列表）"),
    ("expected a mapping node", "这个标签要求一个映射（键: 值）"),
    ("expected a sequence node", "这个标签要求一个列表"),
    ("expected a single mapping item", "!!omap 的每一项应是只有一个键的映射"),
    ("found unhashable key", "键不能是列表或映射"),
    ("found unacceptable key", "键不能是列表或映射"),
    ("maximum nesting depth", "嵌套层数太多"),
    ("cannot start any token", "有不能出现在这里的字符（如行首的 @ 或 `，或 % 出现在行首）"),
    ("expected <document start>", "一个文件只能有一份文档（多了 --- 或内容没有缩进）"),
    ("but found another document", "一个文件只能有一份文档（多了 --- 或 ...）"),
    ("unexpected document indicator", "引号中的文字里出现了行首的 --- 或 ...（文档分隔符）"),
    ("found duplicate anchor", "锚点（&名字）重复定义"),
    ("control characters are not allowed", "含有不可见的控制字符（请删除它）"),
    ("special characters are not allowed", "含有不可见的控制字符（请删除它）"),
    ("utf-8", "文件中有不是 UTF-8 的字节（请另存为 UTF-8 编码）"),
    ("invalid unicode character", "含有无效的字符"),
    ("input is too long", "文件太大，无法读取"),
)
# Anything libyaml says that the table misses: still Chinese, still with the line.
_YAML_OTHER = "格式不正确（请检查这一行及上一行的缩进、冒号、引号和括号）"


def yaml_reason(reason: str) -> str:
    """A libyaml problem in Chinese: the common ones by name, any other in general words."""
    lowered = reason.lower()
    for needle, words in _YAML_REASONS:
        if needle.lower() in lowered:
            return words
    return _YAML_OTHER


def shown(value: Any, limit: int = 40) -> str:
    """A value as a message may quote it: never expanded, never long, no control characters.

    A list or mapping is described, not printed (``str`` of a billion-laughs
    list would never end); a long text or number is cut.
    """
    if isinstance(value, dict):
        return "（一个映射）"
    if isinstance(value, (list, tuple, set)):
        return "（一个列表）"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return "（一个很长的数字）"
    text = strip_controls(str(value)).replace("\n", " ")
    text = text if len(text) <= limit else text[:limit] + "…"
    # A zero-width space or a direction mark would make 「ans\u200bwer」 look like a known word,
    # or turn the rest of the line around: write it as its code.
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
