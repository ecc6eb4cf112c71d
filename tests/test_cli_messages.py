"""Messages in Chinese: argparse's errors, OS errors, the Ctrl+C hint."""

import pytest

from cskexam.cli import chinese_argparse_message, main


@pytest.mark.parametrize("argv,expected", [
    (["cards", "--kind", "x"], "--kind 不能是 x，可选：definition、list"),
    (["nosuch"], "命令 不能是 nosuch"),
    (["cards", "--bogus"], "无法识别的参数：--bogus"),
    (["review", "--limit"], "--limit 后面需要一个值"),
    (["review", "--limit", "x"], "--limit 的值 x 无效（须为整数）"),
    (["search"], "缺少参数："),
])
def test_argparse_errors_are_chinese(argv, expected, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and "用法: " in err
    assert not any(word in err for word in ("invalid", "argument", "required", "unrecognized", "expected"))


def test_unknown_messages_pass_through():
    assert chinese_argparse_message("something new") == "something new"


def test_an_os_error_is_one_chinese_line(tmp_path, capsys, monkeypatch):
    import errno

    import cskexam.commands.cards as cards

    def unreadable(args):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "notes.txt"))

    monkeypatch.setattr(cards, "run", unreadable)
    code = main(["cards"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "Permission" not in err
    assert err == f"错误: {tmp_path / 'notes.txt'}: 没有权限\n"


def test_os_error_text():
    import errno

    from cskexam.errors import os_error_text

    assert os_error_text(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_error_text(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "文件或目录不存在"


def test_ctrl_c_hint_is_chinese():
    from cskexam.tui.app import CskexamApp

    app = CskexamApp(library_opener=lambda url: (_ for _ in ()).throw(RuntimeError("not needed")))
    notes = []
    app.notify = lambda message, **kw: notes.append((message, kw.get("title")))
    app.action_help_quit()
    assert notes and "退出" in notes[0][0] and "Do you want" not in (notes[0][1] or "")
