"""Line breaking shared by the page and ESC/POS renderers."""

from __future__ import annotations

import pytest

from terminal.devices.printer.escpos_renderer import text_columns
from terminal.devices.printer.wrapping import wrap_text

LONG = "城乡建设／住房保障／老旧小区改造及加装电梯，物业服务纠纷：公共维修资金使用。"


@pytest.mark.parametrize("width", [7, 10, 16, 24, 33])
def test_lines_fit_and_nothing_is_lost(width: int) -> None:
    lines = wrap_text(LONG, width, text_columns)
    assert all(text_columns(line) <= width for line in lines)
    assert "".join(lines) == LONG


@pytest.mark.parametrize("width", [6, 10, 16, 24])
def test_no_line_starts_with_closing_punctuation(width: int) -> None:
    for line in wrap_text(LONG + "受理费用：（￥0）。", width, text_columns)[1:]:
        assert line[0] not in "，。：；）、", line


def test_opening_bracket_and_yuan_sign_stay_with_what_follows() -> None:
    lines = wrap_text("一二三四五（￥0）", 12, text_columns)
    assert lines == ["一二三四五", "（￥0）"]


def test_latin_runs_are_not_split_when_they_fit() -> None:
    lines = wrap_text("回执编号 0042-261127-0123-7 请保管", 20, text_columns)
    assert "0042-261127-0123-7" in lines
    assert all(text_columns(line) <= 20 for line in lines)


def test_a_run_longer_than_a_line_is_cut_at_characters() -> None:
    url = "https://zwfw.example.gov.cn/r/0042-261127-0123-7"
    lines = wrap_text(url, 16, text_columns)
    assert "".join(lines) == url
    assert all(len(line) <= 16 for line in lines)


def test_newlines_are_kept_and_break_spaces_dropped() -> None:
    assert wrap_text("第一行\n第二行", 40, text_columns) == ["第一行", "第二行"]
    assert wrap_text("aaaa bbbb", 4, text_columns) == ["aaaa", "bbbb"]


def test_width_must_be_positive() -> None:
    with pytest.raises(ValueError):
        wrap_text("x", 0, text_columns)
