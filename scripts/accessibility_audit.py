"""Run the accessibility audit on the real kiosk and write docs/accessibility.md.

    python scripts/accessibility_audit.py [--shots DIR] [--only LAYOUT] [--jobs 2]

One ``mashangban run`` on Xvfb per layout (orientation × language × mode: 8 runs),
each shown every tour scene over the tour channel; see tests/touch/audit.py for the
checks. ``--shots`` keeps the X screenshots (<scene>-<layout>.png).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.touch.audit import (  # noqa: E402
    KNOWN,
    LAYOUTS,
    Layout,
    SceneResult,
    audit_layout,
    split_known,
)

CHECKS = ("target", "clipped", "text", "non-text")
RULES = [
    (
        "target",
        "every enabled button, field, keyboard key and candidate ≥ 60×60 px",
        "the widget's or key's rectangle in the map",
    ),
    (
        "clipped",
        "a button's or label's text fits its room; every control and line outside a scroll"
        " area wholly on screen; keyboard keys inside the keyboard's view; the field being"
        " typed in ≥ 60 px in sight",
        "font metrics in the map (`need` vs `room`), `visibleRegion`",
    ),
    (
        "text",
        "≥ 4.5:1 for the text of every enabled button, label, field (placeholder) and key",
        "screenshot pixels in the widget: the most frequent colour against the centre of"
        " the strongest quarter of the ink (anti-aliased rims do not count)",
    ),
    (
        "non-text",
        "≥ 3:1 for every enabled field's and button's boundary (edge or fill, whichever"
        " stands out) against what surrounds it, the focused field's ring included, and a"
        " chosen choice's fill against an unchosen one's",
        "screenshot pixels on the middle half of each side, 0–4 px inside, 4–6 px outside",
    ),
]
HEAD = """# Accessibility audit of the real kiosk

Written by `python scripts/accessibility_audit.py` (the same measures as
`tests/touch/test_accessibility_audit.py`, in `make test`). The real `mashangban run`
on Xvfb without a window manager, once per layout (orientation × language × mode: 8
runs); over the tour channel (`MASHANGBAN_TOUR_CHANNEL`, ui/tour_channel.py; off on a
kiosk) each run shows every scene of ui/tour.py, plus the appeal's story step with its
field tapped so the pinyin keyboard is up; the audit then takes the X screenshot and
the app's screen map (ui/screen_map.py) once the screen stands still.

{rules}

Disabled controls (the greyed 朗读 without a speech engine, the pinyin keyboard's
separator key before any pinyin) are exempt from contrast, as WCAG 1.4.3/1.4.11 allow.
Each cell is items checked / violations.
"""


def table(results: list[SceneResult]) -> list[str]:
    lines = [
        "| layout | screen | " + " | ".join(CHECKS) + " | violations |",
        "| --- | --- |" + " --- |" * (len(CHECKS) + 1),
    ]
    for r in results:
        per = {c: sum(1 for v in r.violations if v.check == c) for c in CHECKS}
        cells = " | ".join(f"{r.counts.get(c, 0)} / {per[c]}" for c in CHECKS)
        lines.append(f"| {r.layout} | {r.scene} | {cells} | {len(r.violations)} |")
    return lines


def write_report(results: list[SceneResult], seconds: float, out: Path) -> None:
    new, seen, _ = split_known(results)
    total = sum(len(r.violations) for r in results)
    checked = sum(sum(r.counts.values()) for r in results)
    layouts = sorted({r.layout for r in results})
    rules = "\n".join(
        ["| check | rule | measured |", "| --- | --- | --- |"]
        + [f"| {c} | {rule} | {how} |" for c, rule, how in RULES]
    )
    body = [HEAD.format(rules=rules)]
    body.append(
        f"**{len(results)} screens in {len(layouts)} layouts, {checked} items checked: "
        f"{total} violations** ({len(seen)} known and listed below, {len(new)} new). "
        f"Wall time {seconds:.0f} s.\n"
    )
    if new or seen:
        body.append("## Violations\n")
        body += [f"- {line}" for line in new + seen]
        body.append("")
    body.append("## Not fixed here\n")
    body.append(
        "The test (`tests/touch/test_accessibility_audit.py`) fails on any violation not"
        " named here and on a named one that no longer occurs; the named ones make it"
        " xfail, listing them.\n"
    )
    body.append(
        "None."
        if not KNOWN
        else "\n".join(
            f"- {', '.join(lay)} · {scene} · {check}: {why}."
            for lay, scene, check, _sub, why in KNOWN
        )
    )
    body.append("\n## Every screen\n")
    body += table(results)
    out.write_text("\n".join(body) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "accessibility.md")
    parser.add_argument("--shots", type=Path, help="keep the screenshots here")
    parser.add_argument("--only", help="one layout, e.g. zh-landscape-normal")
    parser.add_argument("--jobs", type=int, default=2, help="kiosks at once")
    args = parser.parse_args()
    layouts: list[Layout] = [lay for lay in LAYOUTS if not args.only or lay.name == args.only]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="a11y-") as temp, ThreadPoolExecutor(args.jobs) as pool:

        def one(layout: Layout) -> list[SceneResult]:
            place = Path(temp) / layout.name
            place.mkdir()
            found = audit_layout(place, layout, args.shots)
            print(f"{layout.name}: {sum(len(r.violations) for r in found)} violations", flush=True)
            return found

        results = [r for found in pool.map(one, layouts) for r in found]
    seconds = time.monotonic() - started
    write_report(results, seconds, args.out)
    print(f"{len(results)} screens, {seconds:.0f} s → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
