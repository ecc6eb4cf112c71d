"""Every way a bank file's YAML can be broken is told in Chinese, with the file and the line."""

from __future__ import annotations

import re

import pytest

from cskexam.core.bank import check_bank_text
from cskexam.core.yaml_lines import yaml_reason

HEAD = "document: 客户服务管理师\nquestions:\n  - id: jn-001\n    type: 单选\n"

BROKEN = [
    # (what the author typed on line 5, words of the message)
    ("    stem: 客户服务的特性\n      有哪些\n    answer: A\n    x", "冒号"),
    ("    options: {A: 无形性, B: 有形性\n", "花括号"),
    ("    options: [无形性, 有形性\n    answer: A\n", "方括号"),
    ("    stem: |x\n      内容\n", "只能换行或写注释"),
    ("    stem: \"\\xZZ\"\n", "十六进制"),
    ("    stem: \"\\U0011FFFF\"\n", "不是有效的字符"),
    ("    stem: |0\n      内容\n", "不能是 0"),
    ("    stem: !a!b 内容\n", "标签前缀"),
    ("    stem: &名 内容\n", "只能用字母和数字"),
    ("    stem: 内容\n    - 选项\n", "缩进"),
    ("    stem: 内容\n  ? 键\n    x: y\n", ""),
    ("    stem: \"a\x01b\"\n", "控制字符"),
    ("    stem: 内容\n--- \n- b\n", "一份文档"),
    ("    stem: !<tag 内容\n", "右尖括号"),
    ("    stem: 内容\n    <<: 1\n", "合并键"),
    ("    answer: [A, B\n", "方括号"),
    ("    stem: a: b: c\n", "冒号"),
]


@pytest.mark.parametrize("line5, words", BROKEN)
def test_broken_yaml_is_one_chinese_message_with_file_and_line(line5, words):
    res = check_bank_text(HEAD + line5, "题库/第一章.yaml")
    assert len(res.problems) == 1
    problem = res.problems[0]
    assert problem.file == "题库/第一章.yaml" and problem.line >= 4
    assert problem.message.startswith("YAML 格式错误: ")
    assert words in problem.message
    # No English left: only YAML's own tokens (YAML, Tab, %TAG, \x …) may be Latin letters.
    rest = re.sub(r"YAML|Tab|%TAG|base64|python|!!binary|!!omap|\\\\[xuU]|[xuU]\b", "", problem.message)
    assert not re.search(r"[A-Za-z]{3,}", rest), problem.message


@pytest.mark.parametrize("reason", [
    "found a mysterious thing that libyaml may say one day",
    "while parsing something we never saw",
])
def test_an_unknown_libyaml_reason_is_still_chinese(reason):
    words = yaml_reason(reason)
    assert not re.search(r"[A-Za-z]", words) and "缩进" in words


def test_bank_check_from_the_command_line_exits_2_without_traceback(tmp_path, capsys, monkeypatch):
    from cskexam.cli import main

    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    bank = tmp_path / "第一章.yaml"
    bank.write_text(HEAD + "    options: {A: 无形性, B: 有形性\n", encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 2
    err = capsys.readouterr().err
    assert f"{bank}:" in err and "花括号" in err and "Traceback" not in err and "expected" not in err
