"""YAML with line numbers: mappings that know the line of each key, and a guard against alias bombs.

``load_yaml_with_lines(text)`` is ``yaml.safe_load`` whose mappings carry
``.line`` and ``.line_of(key)``, so that a validation message can name the
line. The question bank and the exam blueprints are read with it.
"""

from __future__ import annotations

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
# measured on the composed tree, before anything is built from it.
MAX_YAML_NODES = 500_000


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


def load_yaml_with_lines(text: str) -> Any:
    """``yaml.safe_load`` whose mappings carry ``.line`` and ``.line_of(key)``.

    Raises ``yaml.YAMLError`` (``YamlLimitError`` for a bomb or an unreadable value).
    """
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader subclass


# libyaml's reasons, in the words a bank author needs; others are shown as they are.
_YAML_REASONS = (
    ("tab character", "用了 Tab 缩进（请改用空格）"),
    ("did not find expected key", "缩进不对，或少了「键: 值」中的键"),
    ("did not find expected '-' indicator", "缩进不对：列表项应以「- 」开头并对齐"),
    ("mapping values are not allowed", "这里不能出现「键: 值」（冒号后缺空格，或缩进不对？）"),
    ("unexpected end of stream", "文件在引号或括号中间结束（引号或括号没有配对）"),
    ("undefined alias", "引用了没有定义的别名（*名字）"),
    ("could not determine a constructor for the tag", "不支持的 YAML 标签（如 !!python/…）"),
    ("failed to decode base64", "!!binary 内容不是有效的 base64"),
    ("maximum nesting depth", "嵌套层数太多"),
    ("cannot start any token", "有不能出现在这里的字符（如行首的 @ 或 `）"),
    ("found unknown escape character", "双引号中的转义字符（\\…）无效"),
    ("expected <document start>", "一个文件只能有一份文档（多了 --- 或内容没有缩进）"),
    ("found duplicate anchor", "锚点（&名字）重复定义"),
)


def yaml_reason(reason: str) -> str:
    """A libyaml problem in Chinese where it is a common one."""
    for needle, words in _YAML_REASONS:
        if needle in reason:
            return words
    return reason


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
    return text if len(text) <= limit else text[:limit] + "…"
