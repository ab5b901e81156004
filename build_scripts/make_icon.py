"""Draw the application icon and write it as .png and .ico into resources/icons/.

Run once when the design changes (`uv run python build_scripts/make_icon.py`); the outputs
are committed. Qt draws the pictures; the .ico container is written here by hand because
PyInstaller can only convert PNG to ICO with Pillow, which the project does not depend on.
Small sizes are stored as classic 32-bit DIBs (what every Windows shell and resource tool
reads), 256 px as PNG (what Windows expects at that size).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buildinfo import ICON_ICO, ICON_PNG

SIZES = (16, 24, 32, 48, 64, 256)
PNG_FROM = 256  # sizes at or above this are stored as PNG inside the .ico
NHS_BLUE = QColor("#005EB8")
TICK_GREEN = QColor("#009639")


def draw(size: int) -> QImage:
    """A blue rounded tile holding a white card with a green tick: "claims checked"."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 64.0, size / 64.0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(NHS_BLUE)
    painter.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(QRectF(14, 10, 36, 44), 4, 4)
    tick = QPainterPath(QPointF(21, 33))
    tick.lineTo(29, 42)
    tick.lineTo(44, 22)
    pen = QPen(TICK_GREEN, 7.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(tick)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; Qt wants str
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """BITMAPINFOHEADER, bottom-up BGRA pixels, then the 1-bit AND mask (all opaque)."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian ARGB32 is B, G, R, A in memory
        rows.append(bytes(row))
    mask_row = bytes(((size + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: list[QImage]) -> bytes:
    entries = []
    payloads = []
    offset = 6 + 16 * len(images)
    for image in images:
        size = image.width()
        payload = png_bytes(image) if size >= PNG_FROM else dib_bytes(image)
        dimension = 0 if size >= 256 else size
        entries.append(
            struct.pack("<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(payload), offset)
        )
        payloads.append(payload)
        offset += len(payload)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(payloads)


def main() -> int:
    images = [draw(size) for size in SIZES]
    ICON_ICO.parent.mkdir(parents=True, exist_ok=True)
    ICON_ICO.write_bytes(ico_bytes(images))
    ICON_PNG.write_bytes(png_bytes(images[-1]))
    print(f"wrote {ICON_ICO} and {ICON_PNG}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
