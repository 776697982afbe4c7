#!/usr/bin/env python3
"""Writes assets/logo-example.png: a made-up logo for tests and screenshots (a white house
on a red tile). Not the municipality's logo: a pack carries its own ("logo" in pack.json,
docs/content.md). Pure Python, no imaging library needed."""
import struct
import sys
import zlib

SIZE = 160
RED = (200, 16, 46, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def pixel(x, y):
    r = 28  # rounded corners of the tile
    cx = min(max(x, r), SIZE - 1 - r)
    cy = min(max(y, r), SIZE - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return CLEAR
    # The house: a roof (triangle) over a body, with a door cut out.
    roof_top, eaves, left, right = 30, 78, 34, SIZE - 34
    mid = SIZE // 2
    if roof_top <= y < eaves and abs(x - mid) <= (y - roof_top) * (mid - left + 10) / (eaves - roof_top):
        return WHITE
    if eaves <= y < 128 and left + 10 <= x < right - 10:
        if 96 <= y and mid - 11 <= x < mid + 11:
            return RED  # the door
        return WHITE
    return RED


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(c for p in row for c in p) for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "assets/logo-example.png"
    with open(out, "wb") as f:
        f.write(png(SIZE, SIZE, [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]))
