"""Drive Debian's headless Chromium over the DevTools protocol on a pipe (no websocket, no extra
package): open a page, record every network request it makes, evaluate JavaScript, take a
screenshot, print to PDF. Also a minimal PNG decoder to tell a painted screenshot from a blank one.

``--remote-debugging-pipe`` makes Chromium read NUL-terminated JSON commands on fd 3 and write
replies and events on fd 4. Every DNS name resolves to nothing (``--host-resolver-rules``), so
even a page that tried to reach the network could not; the recorded requests show whether it tried.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@dataclass
class Browser:
    binary: str
    timeout: float = 60.0
    events: list[dict[str, Any]] = field(default_factory=list)

    def __enter__(self) -> Browser:
        self._profile = tempfile.TemporaryDirectory(prefix="pk-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds() -> None:  # in the child: the pipe ends on fds 3 and 4
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self._proc = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self._profile.name}", "--window-size=1280,1600", "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=fds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Network.enable", session=True)
        self.call("Page.enable", session=True)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._send({"id": 0, "method": "Browser.close", "params": {}})
            self._proc.wait(timeout=15)
        except Exception:
            self._proc.kill()  # only the browser this helper started
            self._proc.wait()
        finally:
            for fd in (self._to_chrome, self._from_chrome):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._profile.cleanup()

    # --- protocol --------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._to_chrome, json.dumps(message).encode("utf-8") + b"\0")

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_chrome], [], [], remaining)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, *, after: int = 0) -> dict[str, Any]:
        """The first ``method`` event among those received after the first ``after`` events."""
        deadline = time.monotonic() + self.timeout
        while True:
            for event in self.events[after:]:
                if event.get("method") == method:
                    return event
            self.events.append(self._receive(deadline))

    # --- what the tests use ----------------------------------------------------------------

    def open(self, url: str) -> None:
        seen = len(self.events)
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired", after=seen)

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> bytes:
        size = self.evaluate("({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight})")
        data = self.call(
            "Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": size["w"], "height": size["h"], "scale": 1},
        )["data"]
        png = base64.b64decode(data)
        path.write_bytes(png)
        return png

    def print_pdf(self) -> bytes:
        return base64.b64decode(self.call("Page.printToPDF", session=True, preferCSSPageSize=True)["data"])


# --- screenshots -------------------------------------------------------------------------------

_PIXELS = """(async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Map();
  let nonWhite = 0;
  for (let i = 0; i < d.length; i += 4) {
    const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
    colours.set(rgb, (colours.get(rgb) || 0) + 1);
    if (Math.min(d[i], d[i + 1], d[i + 2]) < 240) nonWhite++;
  }
  const top = [...colours.entries()].sort((a, b) => b[1] - a[1]).slice(0, 64)
    .map(([c, n]) => ['#' + c.toString(16).padStart(6, '0'), n]);
  return {width: canvas.width, height: canvas.height, colours: colours.size,
          nonWhite: nonWhite / (canvas.width * canvas.height), top: top};
})"""


@dataclass(frozen=True)
class PngStats:
    width: int
    height: int
    colours: int  # distinct colours
    non_white: float  # share of pixels that are not (near) white
    common: dict[str, int]  # the 64 commonest colours (#rrggbb -> pixels)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk (and proof that the file is a PNG)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def png_stats(browser: Browser, png: bytes) -> PngStats:
    """Count a screenshot's pixels by drawing it on a canvas in a blank page (no decoder needed)."""
    browser.open("about:blank")
    got = browser.evaluate(f"{_PIXELS}('{base64.b64encode(png).decode('ascii')}')")
    return PngStats(got["width"], got["height"], got["colours"], got["nonWhite"], dict(got["top"]))
