#!/usr/bin/env python3
"""Builds core/data/admin_units_2025.tsv from the vietnamadminunits wheel.

Standard library only. Usage:

    python3 tools/admin-units/build.py                 # download the pinned wheel from PyPI
    python3 tools/admin-units/build.py path/to/x.whl   # or use a wheel already on disk
    python3 tools/admin-units/build.py --check [WHEEL] # rebuild in memory, fail if the file differs

The wheel is checked against the pinned sha256 either way. What is taken from
it (see core/data/ADMIN_UNITS_SOURCE.md):

- data/dataset.db, table admin_units: the 34 provinces and 3,321 communes of
  the two-tier system in force since 1 July 2025 (code, province, name, type);
- data/dataset.db, table admin_units_legacy: the 63 provinces, 696 districts
  and 10,035 communes before the reform (plus 5 island districts that had no
  communes), with their codes;
- data/converter_2025.json: the crosswalk old commune -> new commune
  (DICT_PROVINCE_WARD_NO_DIVIDED: the old commune went whole into one new
  commune; DICT_PROVINCE_WARD_DIVIDED: it was split, and `isDefaultNewWard`
  marks the new commune the package's converter takes when it has no street
  address to place by coordinates).

Output format (UTF-8, NFC, LF, tab-separated, one section per `[name]` line,
rows sorted by code; lines starting with `#` are comments):

    [provinces]      code  name
    [communes]       code  province_code  type  name
    [old_provinces]  code  name  new_province_code
    [old_districts]  code  old_province_code  name
    [old_communes]   code  old_district_code  type  name  new_codes

`type` is x (Xã), p (Phường), d (Đặc khu), t (Thị trấn, old only) or h (an
old island district without communes, whose row stands for the district
itself; its code is the district code). `name` is the name without the type
word ("Hồng Hà" for "Phường Hồng Hà"); province and district names are whole.
`new_codes` is one 2025 commune code, or for a split old commune every new
commune it went into, comma-separated and sorted, the default marked with `*`.
"""

import hashlib
import io
import json
import os
import sqlite3
import sys
import tempfile
import unicodedata
import urllib.request
import zipfile

PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
WHEEL = f"{PACKAGE}-{VERSION}-py3-none-any.whl"
SHA256 = "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35"
URL = f"https://files.pythonhosted.org/packages/py3/{PACKAGE[0]}/{PACKAGE}/{WHEEL}"

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "core", "data", "admin_units_2025.tsv")

NEW_TYPES = {"Xã": "x", "Phường": "p", "Đặc khu": "d"}
OLD_TYPES = {"Xã": "x", "Phường": "p", "Thị trấn": "t"}


def wheel_bytes(path):
    if path:
        with open(path, "rb") as f:
            data = f.read()
    else:
        with urllib.request.urlopen(URL, timeout=120) as r:
            data = r.read()
    got = hashlib.sha256(data).hexdigest()
    if got != SHA256:
        sys.exit(f"{WHEEL}: sha256 {got}, expected {SHA256}")
    return data


def split_type(full, types, declared, code, notes):
    """("Phường Việt Hòa", ...) -> ("p", "Việt Hòa"). The type word written in
    the name wins over the declared type column when they disagree (the
    package has a few such rows; each is noted)."""
    for word, letter in types.items():
        if full.lower().startswith(word.lower() + " "):
            if declared != word:
                notes.append(f"{code} «{full}»: type column says «{declared}», name says «{word}»; the name is used")
            return letter, full[len(word) + 1:]
    sys.exit(f"{code} «{full}»: no known type word")


def clean(s):
    s = unicodedata.normalize("NFC", s.strip())
    if "\t" in s or "\n" in s:
        sys.exit(f"tab or newline in {s!r}")
    return s


def build(data):
    notes = []
    z = zipfile.ZipFile(io.BytesIO(data))
    conv = json.loads(z.read(f"{PACKAGE}/data/converter_2025.json"))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = os.path.join(tmp, "dataset.db")
        with open(db_path, "wb") as f:
            f.write(z.read(f"{PACKAGE}/data/dataset.db"))
        db = sqlite3.connect(db_path)
        new_rows = db.execute(
            "select provinceCode, province, provinceKey, wardCode, ward, wardType, wardKey"
            " from admin_units").fetchall()
        old_rows = db.execute(
            "select provinceCode, province, provinceKey, districtCode, district, districtKey,"
            " wardCode, ward, wardType, wardKey from admin_units_legacy").fetchall()
        db.close()

    provinces = {}
    new_key = {}  # (provinceKey, wardKey) -> code
    communes = []
    for pcode, pname, pkey, code, name, wtype, wkey in new_rows:
        provinces.setdefault(pcode, (clean(pname), pkey))
        letter, short = split_type(clean(name), NEW_TYPES, wtype, code, notes)
        communes.append((code, pcode, letter, short))
        new_key[(pkey, wkey)] = code
    new_province_code = {key: code for code, (_, key) in provinces.items()}

    old_to_new_province = {}
    for new_pkey, old_pkeys in conv["DICT_PROVINCE"].items():
        for k in old_pkeys:
            old_to_new_province[k] = new_province_code[new_pkey]

    target = {}  # old key -> (codes sorted, default code or None)
    for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            for old in olds:
                assert old not in target, old
                target[old] = ([new_key[(new_pkey, wkey)]], None)
    for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            assert old not in target, old
            codes = sorted(new_key[(new_pkey, n["newWardKey"])] for n in news)
            defaults = [new_key[(new_pkey, n["newWardKey"])] for n in news if n["isDefaultNewWard"]]
            assert len(defaults) == 1, old
            target[old] = (codes, defaults[0])

    old_provinces, old_districts, old_communes = {}, {}, []
    for pcode, pname, pkey, dcode, dname, dkey, code, name, wtype, wkey in old_rows:
        old_provinces.setdefault(pcode, (clean(pname), old_to_new_province[pkey]))
        old_districts.setdefault(dcode, (pcode, clean(dname)))
        codes, default = target.pop(f"{pkey}_{dkey}_{wkey or ''}")
        news = ",".join(c + ("*" if c == default else "") for c in codes)
        if name is None:  # island district without communes
            old_communes.append((dcode, dcode, "h", clean(dname).split(" ", 1)[1], news))
        else:
            letter, short = split_type(clean(name), OLD_TYPES, wtype, code, notes)
            old_communes.append((code, dcode, letter, short, news))
    assert not target, list(target)[:5]

    split = sum(1 for r in old_communes if "," in r[4])
    counts = {
        "provinces": len(provinces),
        "communes": len(communes),
        "xa": sum(1 for c in communes if c[2] == "x"),
        "phuong": sum(1 for c in communes if c[2] == "p"),
        "dac_khu": sum(1 for c in communes if c[2] == "d"),
        "old_provinces": len(old_provinces),
        "old_districts": len(old_districts),
        "old_communes": sum(1 for r in old_communes if r[2] != "h"),
        "old_island_districts": sum(1 for r in old_communes if r[2] == "h"),
        "old_split": split,
    }

    out = io.StringIO()
    w = out.write
    w(f"# Vietnamese administrative units after the 1 July 2025 reform, and the crosswalk\n"
      f"# from the units before it. Generated by tools/admin-units/build.py from the PyPI\n"
      f"# package {PACKAGE} {VERSION} (MIT, (c) 2025 Tran Ngoc Minh Hieu); do not edit by hand.\n"
      f"# See ADMIN_UNITS_SOURCE.md. Types: x Xã, p Phường, d Đặc khu, t Thị trấn, h island district.\n")
    w("# counts: " + " ".join(f"{k}={v}" for k, v in counts.items()) + "\n")
    w("[provinces]\n")
    for code in sorted(provinces):
        w(f"{code}\t{provinces[code][0]}\n")
    w("[communes]\n")
    for row in sorted(communes):
        w("\t".join(row) + "\n")
    w("[old_provinces]\n")
    for code in sorted(old_provinces):
        w(f"{code}\t{old_provinces[code][0]}\t{old_provinces[code][1]}\n")
    w("[old_districts]\n")
    for code in sorted(old_districts):
        w(f"{code}\t{old_districts[code][0]}\t{old_districts[code][1]}\n")
    w("[old_communes]\n")
    for row in sorted(old_communes):
        w("\t".join(row) + "\n")
    return out.getvalue(), counts, notes


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    text, counts, notes = build(wheel_bytes(args[0] if args else None))
    for n in notes:
        print("note:", n)
    print("counts:", json.dumps(counts))
    if check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} differs from a fresh build")
        print(f"{OUT} is up to date")
        return
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {OUT}: {len(text.encode())} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
