#!/usr/bin/env python3
"""Strips the debug info from the native libraries inside a wheel, in place (mk/ffi.mk).

maturin's own --strip removes the symbol table too, and with it the metadata uniffi-bindgen
reads the interface from, so maturin packs the library as cargo links it (the release profile
keeps line tables, `debug = 1`); this runs `objcopy --strip-debug` on every `.so` in the wheel
and rewrites its RECORD (sha256 and size, PEP 376), which is all a wheel's integrity is.

Usage: strip-wheel.py WHEEL
"""

import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def main() -> None:
    (wheel,) = sys.argv[1:]
    with zipfile.ZipFile(wheel) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    files = {}
    stripped = 0
    with tempfile.TemporaryDirectory() as tmp:
        for info, data in entries:
            if info.filename.endswith(".so"):
                src = os.path.join(tmp, "in.so")
                dst = os.path.join(tmp, "out.so")
                with open(src, "wb") as f:
                    f.write(data)
                subprocess.run(["objcopy", "--strip-debug", src, dst], check=True)
                with open(dst, "rb") as f:
                    new = f.read()
                print(f"strip-wheel: {info.filename}: {len(data):,} -> {len(new):,} bytes")
                data = new
                stripped += 1
            files[info.filename] = (info, data)
    if stripped == 0:
        sys.exit(f"strip-wheel: no .so in {wheel}")
    record = next(name for name in files if name.endswith(".dist-info/RECORD"))
    lines = []
    for name, (_, data) in files.items():
        if name == record:
            lines.append(f"{name},,")
        else:
            lines.append(f"{name},{record_hash(data)},{len(data)}")
    info, _ = files[record]
    files[record] = (info, ("\n".join(lines) + "\n").encode())
    out = wheel + ".tmp"
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info, data in files.values():
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    os.replace(out, wheel)


if __name__ == "__main__":
    main()
