"""Regenerate the device simulators' data in this folder (run from the repo root).

    .venv/bin/python resources/devices/make_simulator_data.py

Everything here is invented: the people on the demo ID cards are fictional and
their numbers use the region code 1199xx, which no real county has, so no demo
number can belong to a real person. Images and sound are drawn from scratch.
"""

from __future__ import annotations

import io
import json
import math
import struct
import wave
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent


def _check_digit(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def _number(region: str, born: str, sequence: str) -> str:
    first17 = region + born + sequence
    return first17 + _check_digit(first17)


def _card(
    name: str,
    sex: str,
    ethnicity: str,
    born: str,
    seq: str,
    address: str,
    valid_from: str,
    valid_until: str,
) -> dict[str, str]:
    return {
        "name": name,
        "sex": sex,
        "ethnicity": ethnicity,
        "birth_date": born,
        "address": address,
        "id_number": _number("119901", born, seq),
        "issuing_authority": "示范市公安局演示分局",
        "valid_from": valid_from,
        "valid_until": valid_until,
        "photo_file": "id_photo_demo.jpg",
    }


# name, sex, ethnicity, birth date, sequence, address, valid from, valid until
_PEOPLE = [
    ("张三", "男", "汉", "19850312", "123", "示范市演示区样例路1号", "20180601", "20380601"),
    ("李四", "女", "回", "19921105", "246", "示范市演示区样例路2号", "20210315", "20410315"),
    ("王小明", "男", "汉", "20010720", "135", "示范市演示区测试街8号", "20190720", "20290720"),
    ("赵敏", "女", "蒙古", "19600101", "028", "示范市演示区模拟巷3号", "20100901", "长期"),
]


def demo_cards() -> dict[str, object]:
    return {
        "_comment": "Fictional people for the card-reader simulator; region 1199xx does not exist.",
        "cards": [_card(*person) for person in _PEOPLE],
    }


def id_photo() -> bytes:
    """A 102x126 placeholder portrait: a grey silhouette, clearly not a person."""
    image = Image.new("RGB", (102, 126), (236, 240, 244))
    draw = ImageDraw.Draw(image)
    draw.ellipse((31, 18, 71, 62), fill=(150, 160, 172))
    draw.ellipse((13, 68, 89, 150), fill=(150, 160, 172))
    draw.text((30, 4), "DEMO", fill=(90, 100, 110))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def camera_frame(index: int, colour: tuple[int, int, int], qr_text: str | None) -> bytes:
    """A 1280x720 frame with a label, and optionally a QR code to scan."""
    image = Image.new("RGB", (1280, 720), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    draw.rectangle((40, 40, 1240, 680), outline=(255, 255, 255), width=6)
    draw.text((80, 80), f"SIMULATED CAMERA {index}", fill=(255, 255, 255), font=font)
    if qr_text:
        qr = qrcode.make(qr_text, box_size=10, border=4).get_image().convert("RGB")
        image.paste(qr, (1240 - qr.width - 40, 680 - qr.height - 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def voice_wav(seconds: float = 2.0, rate: int = 16000) -> bytes:
    """Mono 16-bit PCM: a 220 Hz tone in three 'syllables' with quiet gaps."""
    frames = bytearray()
    for i in range(int(seconds * rate)):
        t = i / rate
        envelope = max(0.0, math.sin(math.pi * 1.5 * t)) ** 2 * 0.6
        frames += struct.pack("<h", int(32767 * envelope * math.sin(2 * math.pi * 220 * t)))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return out.getvalue()


def main() -> None:
    (HERE / "id_cards.json").write_text(
        json.dumps(demo_cards(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (HERE / "id_photo_demo.jpg").write_bytes(id_photo())
    camera = HERE / "camera"
    camera.mkdir(exist_ok=True)
    (camera / "frame_1.jpg").write_bytes(camera_frame(1, (40, 90, 140), None))
    (camera / "frame_2.jpg").write_bytes(camera_frame(2, (60, 110, 70), "0042-261127-0123-X"))
    (camera / "frame_3.jpg").write_bytes(camera_frame(3, (120, 70, 60), None))
    (HERE / "voice_note_demo.wav").write_bytes(voice_wav())


if __name__ == "__main__":
    main()
