"""Exam blueprints on disk: the presets shipped with cskexam and the user's own, merged by name."""

from __future__ import annotations

from pathlib import Path

from cskexam.core import exam as core
from cskexam.core.exam import Blueprint
from cskexam.errors import UserError, os_error_text, shown_value

PRESET_DIR = Path(__file__).resolve().parent.parent / "blueprints"


def user_blueprint_dir() -> Path:
    from cskexam.paths import data_dir

    return data_dir() / "blueprints"


def _read_blueprints(directory: Path) -> list[Blueprint]:
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(p for p in directory.iterdir() if p.suffix.lower() in (".yaml", ".yml")):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise core.BlueprintError(f"无法读取文件: {os_error_text(exc)}", str(path)) from None
        except UnicodeDecodeError:
            raise core.BlueprintError("试卷方案文件必须是 UTF-8 编码", str(path)) from None
        out.append(core.parse_blueprint(text, str(path)))
    return out


def load_blueprints(user_dir: Path | None = None) -> list[Blueprint]:
    """The presets with the user's blueprints on top; BlueprintError for a bad file."""
    presets = _read_blueprints(PRESET_DIR)
    user = _read_blueprints(user_dir if user_dir is not None else user_blueprint_dir())
    names: dict[str, str] = {}
    for bp in user:
        if bp.name in names:
            raise core.BlueprintError(f"试卷名称「{bp.name}」与 {names[bp.name]} 重复", bp.source)
        names[bp.name] = bp.source
    return core.merge_blueprints(presets, user)


def find_blueprint(name: str, blueprints: list[Blueprint]) -> Blueprint:
    for bp in blueprints:
        if bp.name == name:
            return bp
    known = "、".join(b.name for b in blueprints)
    raise UserError(f"没有名为「{shown_value(name)}」的试卷方案（可选: {known}）")
