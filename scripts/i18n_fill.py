"""Fill untranslated messages of a .ts file from JSON files of {"English source": "Thai"}.

Engineers working in parallel hand in their new strings this way instead of editing the .ts
at once; after `make transup`, this writes each JSON translation into every unfinished message
with that source (any context) and reports sources it could not find.

    python scripts/i18n_fill.py resources/i18n/kr8310_th.ts build/i18n_pending/*.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(ts_path: str, json_paths: list[str]) -> int:
    translations: dict[str, str] = {}
    for path in json_paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    tree = ET.parse(ts_path)
    filled, used = 0, set()
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in translations and translation is not None and translation.get("type") == "unfinished":
            translation.text = translations[source]
            del translation.attrib["type"]
            filled += 1
            used.add(source)
    text = ET.tostring(tree.getroot(), encoding="unicode")
    Path(ts_path).write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n", encoding="utf-8")
    left = [m.findtext("source") for m in tree.iter("message") if m.find("translation").get("type") == "unfinished"]
    print(f"filled {filled}; {len(left)} still unfinished")
    for source in left:
        print("  unfinished:", source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
