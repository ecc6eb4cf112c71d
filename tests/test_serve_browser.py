"""``cskexam serve`` in a real headless browser (Debian's chromium): the home screen arrives.

The page draws the terminal on a canvas, so its text is not in the DOM. The
browser is driven over the DevTools protocol instead: a script added before
the page loads keeps every frame the page's websocket receives (what the
terminal draws), and the test reads them back as text.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOME_TEXT = "客户服务管理师（二级）· 从自己的笔记备考"  # the home screen's banner

KEEP_FRAMES = """
(() => {
  const Native = window.WebSocket;
  window.__frames = [];
  class Recording extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => window.__frames.push(event.data));
    }
  }
  window.WebSocket = Recording;
})();
"""

# Every frame as bytes (text frames too), decoded at once: a character may span two frames.
READ_FRAMES = """
(() => {
  const parts = (window.__frames || []).map((d) =>
    typeof d === "string" ? new TextEncoder().encode(d) : new Uint8Array(d));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  const text = new TextDecoder("utf-8").decode(all);
  return JSON.stringify({text, terminal: !!document.querySelector(".xterm-screen")});
})()
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"exited early: {proc.communicate()[1]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


async def _page_text(devtools_port: int, url: str, timeout: float) -> dict:
    import aiohttp

    async with aiohttp.ClientSession() as http:
        deadline = time.monotonic() + 20
        while True:
            try:
                async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
                    targets = await response.json()
                page = next(t for t in targets if t.get("type") == "page")
                break
            except (aiohttp.ClientError, StopIteration):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.2)
        async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            ids = iter(range(1, 1_000_000))

            async def call(method: str, **params) -> dict:
                n = next(ids)
                await ws.send_json({"id": n, "method": method, "params": params})
                while True:
                    message = json.loads((await ws.receive()).data)
                    if message.get("id") == n:
                        return message.get("result", {})

            await call("Page.enable")
            await call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_FRAMES)
            await call("Page.navigate", url=url)
            deadline = time.monotonic() + timeout
            seen: dict = {"text": "", "terminal": False}
            while time.monotonic() < deadline:
                result = await call("Runtime.evaluate", expression=READ_FRAMES, returnByValue=True)
                value = result.get("result", {}).get("value")
                if value:
                    seen = json.loads(value)
                    if HOME_TEXT in seen["text"] and seen["terminal"]:
                        break
                await asyncio.sleep(0.3)
            return seen


def test_the_home_screen_reaches_a_real_browser(tmp_db_url, tmp_path):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install '.[web]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    port, devtools = _free_port(), _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CSKEXAM_HOME": str(tmp_path / "home")}
    env.pop("CSKEXAM_PROFILE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "cskexam", "serve", "--host", "127.0.0.1", "--port", str(port), "--db", tmp_db_url],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    browser = None
    try:
        _wait_for_port(port, server, 30)
        browser = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             f"--remote-debugging-port={devtools}", f"--user-data-dir={tmp_path / 'chromium'}",
             "--window-size=1280,800", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        seen = asyncio.run(_page_text(devtools, f"http://127.0.0.1:{port}/", timeout=60))
    finally:
        for proc in (browser, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
    assert seen["terminal"], "the page built no terminal"
    assert HOME_TEXT in seen["text"], seen["text"][-2000:]
