#!/usr/bin/env python3
"""Maintains src/Kehu.Web/Resources/SharedResource.en.resx, the English UI strings.

Keys are the Chinese texts (the default language). Entries are kept sorted so that
merges stay simple.

  scripts/resx.py add "单位名称" "Company name" ["另一个" "Another" ...]
  scripts/resx.py missing      # keys used in src/ that have no English entry
  scripts/resx.py sort         # rewrite the file sorted (e.g. after a merge)
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESX = ROOT / "src/Kehu.Web/Resources/SharedResource.en.resx"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
KEY_USE = re.compile(r'\b[lL]\["((?:[^"\\]|\\.)+)"')


def load():
    if not RESX.exists():
        return {}
    root = ET.parse(RESX).getroot()
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def save(entries):
    lines = [HEADER]
    for k in sorted(entries):
        lines.append(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
    lines.append("</root>\n")
    RESX.parent.mkdir(parents=True, exist_ok=True)
    RESX.write_text("".join(lines), encoding="utf-8")


def used_keys():
    keys = set()
    for path in (ROOT / "src").rglob("*"):
        if path.suffix in (".cs", ".cshtml") and "Migrations" not in path.parts:
            keys.update(KEY_USE.findall(path.read_text(encoding="utf-8")))
    return keys


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    entries = load()
    cmd = argv[1]
    if cmd == "add":
        pairs = argv[2:]
        if len(pairs) % 2:
            print("add takes pairs: chinese english")
            return 2
        for zh, en in zip(pairs[::2], pairs[1::2]):
            entries[zh] = en
        save(entries)
    elif cmd == "sort":
        save(entries)
    elif cmd == "missing":
        missing = sorted(k for k in used_keys() if k not in entries)
        for k in missing:
            print(k)
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
