"""Regenerate chime.wav, the calm two-note chime of "Call staff" (run from the repo root).

    .venv/bin/python resources/sounds/make_chime.py

Drawn from scratch: two soft sine notes (E5 then C5) with a gentle decay.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
NOTES = ((659.25, 0.0), (523.25, 0.35))  # (Hz, start in seconds)
LENGTH_S = 1.2


def samples() -> list[int]:
    out = []
    for i in range(int(RATE * LENGTH_S)):
        t = i / RATE
        value = 0.0
        for freq, start in NOTES:
            if t >= start:
                since = t - start
                attack = min(1.0, since / 0.01)
                value += attack * math.exp(-since * 4.0) * math.sin(2 * math.pi * freq * since)
        out.append(int(max(-1.0, min(1.0, value * 0.35)) * 32767))
    return out


def main() -> None:
    path = Path(__file__).resolve().parent / "chime.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", s) for s in samples()))


if __name__ == "__main__":
    main()
