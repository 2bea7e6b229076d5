#!/usr/bin/env python3
"""Summarises a PIT run: per package and per class, from mutations.xml (docs/mutation-testing.md).

    python3 docs/pit-summary.py [target/core/pit-reports] [--survivors CLASS ...]

Mutation score = detected / all mutants; test strength = detected / mutants some test covers (PIT's own
definitions, the numbers of its index.html). Line coverage is read from the package rows of index.html, as
mutations.xml holds no line data.
"""
import collections
import html
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    survivors_for = []
    if "--survivors" in argv:
        at = argv.index("--survivors")
        survivors_for = argv[at + 1:]
        args = [a for a in argv[:at] if not a.startswith("--")]
    reports = Path(args[0] if args else "target/core/pit-reports")
    text = (reports / "mutations.xml").read_text(encoding="utf-8")
    if "</mutations>" not in text:  # a run still going, or stopped: its finished mutants so far
        print("(partial: mutations.xml of an unfinished run)\n")
        text = text[: text.rfind("</mutation>") + len("</mutation>")] + "</mutations>"
    mutations = ET.fromstring(text).findall("mutation")

    def tally(key):
        counts = collections.defaultdict(collections.Counter)
        for m in mutations:
            c = counts[key(m.findtext("mutatedClass"))]
            c["all"] += 1
            c["detected"] += m.get("detected") == "true"
            c["covered"] += m.get("status") != "NO_COVERAGE"
            c["survived"] += m.get("status") == "SURVIVED"
            c["no_coverage"] += m.get("status") == "NO_COVERAGE"
        return counts

    lines = line_coverage(reports / "index.html")
    print("| Package | Line coverage | Mutation score | Test strength | Survived | No coverage |")
    print("|---|---|---|---|---|---|")
    for name, c in sorted(tally(lambda cls: cls.rsplit(".", 1)[0].split("$")[0]).items()):
        print(row(name, lines.get(name, "?"), c))
    total = collections.Counter()
    for c in tally(lambda cls: "all").values():
        total += c
    print(row("**all**", lines.get("**all**", "?"), total))

    if survivors_for:
        print()
        print("| Class | Mutation score | Test strength | Survived | No coverage |")
        print("|---|---|---|---|---|")
        per_class = tally(lambda cls: cls.split("$")[0])
        for name in survivors_for:
            c = per_class.get(name, collections.Counter())
            print(row(name.rsplit(".", 1)[-1], None, c))
        print()
        for m in mutations:
            cls = m.findtext("mutatedClass").split("$")[0]
            if cls in survivors_for and m.get("status") in ("SURVIVED", "NO_COVERAGE"):
                print("- %s:%s %s `%s` %s: %s" % (
                    cls.rsplit(".", 1)[-1], m.findtext("lineNumber"), m.get("status"),
                    m.findtext("mutatedMethod"), m.findtext("mutator").rsplit(".", 1)[-1],
                    m.findtext("description")))


def row(name, lines, c):
    def pct(a, b):
        return "%d%% (%d/%d)" % (round(100 * a / b), a, b) if b else "-"
    cells = [name] + ([lines] if lines is not None else []) + [
        pct(c["detected"], c["all"]), pct(c["detected"], c["covered"]), str(c["survived"]), str(c["no_coverage"])]
    return "| " + " | ".join(cells) + " |"


def line_coverage(index):
    """The 'Line Coverage' column of PIT's index.html: the project total and one row per package."""
    if not index.exists():
        return {}
    text = index.read_text(encoding="utf-8")
    out = {}
    rows = re.findall(r"<tr>(.*?)</tr>", text, re.S)
    for r in rows:
        cells = [html.unescape(re.sub(r"<[^>]+>", " ", c)).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
        if not cells:
            continue
        link = re.search(r'href="\./([^/"]+)/index\.html"', r)
        fractions = [x for cell in cells for x in cell if re.fullmatch(r"\d+/\d+", x)]
        if link and fractions:
            out[link.group(1)] = fmt(fractions[0])
        elif not link and len(cells) >= 3 and fractions and "**all**" not in out:
            out["**all**"] = fmt(fractions[0])
    return out


def fmt(fraction):
    a, b = map(int, fraction.split("/"))
    return "%d%% (%s)" % (round(100 * a / b), fraction) if b else "-"


if __name__ == "__main__":
    main(sys.argv[1:])
