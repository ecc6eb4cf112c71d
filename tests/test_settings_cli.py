"""``cskexam settings``: review settings stored per profile, changed from the command line."""

import json

import pytest

from cskexam.cli import main
from cskexam.commands.settings import format_steps, parse_steps


def test_steps_round_trip():
    assert parse_steps("1m,10m") == (60, 600)
    assert parse_steps("30s 2h，1d") == (30, 7200, 86400)
    assert parse_steps("5") == (300,)
    assert format_steps((60, 600, 86400, 45)) == "1m,10m,1d,45s"


def test_show_change_and_keep_settings(tmp_db_url, capsys):
    assert main(["--db", tmp_db_url, "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["daily_new_limit"] == 20
    assert main(["--db", tmp_db_url, "settings", "--new-per-day", "35", "--retention", "0.85", "--learning-steps", "1m,5m,20m"]) == 0
    assert "已保存" in capsys.readouterr().out
    assert main(["--db", tmp_db_url, "settings", "--json"]) == 0
    saved = json.loads(capsys.readouterr().out)
    assert saved["daily_new_limit"] == 35 and saved["desired_retention"] == 0.85
    assert saved["learning_steps"] == [60, 300, 1200]


@pytest.mark.parametrize("argv", [["--retention", "1.5"], ["--new-per-day", "-1"], ["--learning-steps", "soon"]])
def test_bad_values_are_refused_and_nothing_changes(tmp_db_url, capsys, argv):
    assert main(["--db", tmp_db_url, "settings", *argv]) == 2
    err = capsys.readouterr().err
    assert "错误" in err and "Traceback" not in err
    assert main(["--db", tmp_db_url, "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["desired_retention"] == 0.9
