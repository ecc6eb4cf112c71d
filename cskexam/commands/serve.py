"""``cskexam serve [--host H] [--port P]``: the same app in a web browser (textual-serve).

Every browser tab starts its own ``cskexam`` process (its own session) on the
shared library: the one of ``--db`` / ``CSKEXAM_DB``, or the data dir's. A
class on one network points it at a PostgreSQL server and serves it from one
machine; each candidate picks their profile in the app (k 考生档案) or the
server is started with ``--profile``.
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import sys

from cskexam.commands import Subparsers

ORDER = 95
DEFAULT_PORT = 8000
_ANY_ADDRESS = ("0.0.0.0", "::", "")


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "serve", help="在浏览器中学习：把终端界面作为网页提供（同一网络的平板、手机也可打开）",
        description="用 textual-serve 把 cskexam 的界面作为网页提供。每个浏览器标签页是一个独立的会话，"
                    "共用同一个资料库（--db / CSKEXAM_DB）。默认只在本机（127.0.0.1）提供；"
                    "要让同一网络的其他设备打开，用 --host 0.0.0.0。",
    )
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1；0.0.0.0 表示所有网卡）")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    p.set_defaults(func=run)


def app_command() -> str:
    """The shell command textual-serve runs for each browser tab."""
    return shlex.join([sys.executable, "-m", "cskexam"])


def public_url(host: str, port: int) -> str:
    """Where browsers reach the server (the page's websocket connects back to it)."""
    if host in _ANY_ADDRESS:
        host = _lan_address()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _lan_address() -> str:
    """This machine's address on its network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def run(args: argparse.Namespace) -> int:
    from cskexam.errors import UserError

    if not 1 <= args.port <= 65535:
        raise UserError(f"--port 须在 1–65535 之间（收到 {args.port}）")
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UserError("网页学习需要 textual-serve：pip install 'cskexam[web]'") from None
    check_address(args.host, args.port)
    db = getattr(args, "db", None)
    if db:
        # Every tab's process opens this library.
        os.environ["CSKEXAM_DB"] = db
    url = public_url(args.host, args.port)

    class CskexamServer(Server):
        async def on_startup(self, app) -> None:
            self.console.print(f"cskexam 网页版：{self.public_url}", highlight=False, markup=False)
            self.console.print("在浏览器中打开上面的地址；每个标签页是一个独立的会话。按 Ctrl+C 停止。", markup=False)

    server = CskexamServer(app_command(), host=args.host, port=args.port, title="cskexam 备考", public_url=url)
    try:
        server.serve()
    except OSError as exc:  # taken between the check and the start
        raise address_problem(exc, args.host, args.port) from None
    return 0


def check_address(host: str, port: int) -> None:
    """UserError in Chinese when ``host`` is unknown or not this machine's, or
    ``port`` is taken or not allowed: before anything is printed or started."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as exc:  # gaierror; a name IDNA cannot encode
        raise address_problem(exc, host, port) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        if hasattr(socket, "SO_REUSEADDR") and os.name == "posix":
            # As the server binds: a port whose last connections wait out TIME_WAIT is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise address_problem(exc, host, port) from None


def address_problem(exc: BaseException, host: str, port: int):
    """The reason ``host:port`` cannot serve, in Chinese (no English system text)."""
    import errno

    from cskexam.errors import UserError, os_error_text, shown_value

    shown = shown_value(host)
    if isinstance(exc, (socket.gaierror, UnicodeError)):
        return UserError(f"找不到主机「{shown}」：--host 应是本机的地址，如 127.0.0.1（只在本机）或 0.0.0.0（所有网卡）")
    code = getattr(exc, "errno", None)
    if code == errno.EADDRINUSE:
        return UserError(f"端口 {port} 已被占用，请换一个端口（--port）")
    if code == errno.EADDRNOTAVAIL:
        return UserError(f"「{shown}」不是本机的地址：--host 用 127.0.0.1（只在本机）或 0.0.0.0（所有网卡）")
    if code in (errno.EACCES, errno.EPERM):
        return UserError(f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限），请换一个端口（--port），如 {DEFAULT_PORT}")
    return UserError(f"无法在 {shown}:{port} 提供网页：{os_error_text(exc) if isinstance(exc, OSError) else '地址无效'}")
