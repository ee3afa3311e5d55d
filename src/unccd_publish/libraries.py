"""Whether a shared library is installed, as ``ctypes.util.find_library`` tells it.

``find_library`` first asks ``ldconfig -p`` for a library of the machine's ABI, which costs
loading ctypes and starting a process. The same list is in the dynamic linker's cache,
``/etc/ld.so.cache``: a library found there is found by ``find_library`` too. When it is
not there (or the cache or the machine is not one this module reads), ``find_library``
itself answers.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

LINKER_CACHE = Path("/etc/ld.so.cache")
CACHE_MAGIC = b"glibc-ld.so.cache1.1"
HEADER_SIZE = 48  # magic and version, counts, flags, extension offset, unused words
ENTRY = struct.Struct("=iIIIQ")  # flags, name offset, path offset, OS version, hwcap
# the entry flags of the ABI find_library asks for, by machine: 'libc6,x86-64'
ABI_FLAGS = {"x86_64": 0x0303}


def library_available(name: str) -> bool:
    """Whether ``ctypes.util.find_library(name)`` finds the library ``lib<name>``."""
    if in_linker_cache(f"lib{name}.".encode()):
        return True
    import ctypes.util

    return ctypes.util.find_library(name) is not None


def in_linker_cache(prefix: bytes) -> bool:
    """Whether the linker's cache lists a library of this machine's 64-bit ABI whose name
    starts with ``prefix``; False when it does not or cannot be read."""
    flags = ABI_FLAGS.get(os.uname().machine)
    if flags is None or struct.calcsize("l") != 8:
        return False
    try:
        data = LINKER_CACHE.read_bytes()
    except OSError:
        return False
    start = data.find(CACHE_MAGIC)
    if start < 0 or len(data) < start + HEADER_SIZE:
        return False
    (count,) = struct.unpack_from("=I", data, start + len(CACHE_MAGIC))
    end = start + HEADER_SIZE + count * ENTRY.size
    if end > len(data):
        return False
    for offset in range(start + HEADER_SIZE, end, ENTRY.size):
        entry_flags, name = ENTRY.unpack_from(data, offset)[:2]
        if entry_flags & 0xFFFF == flags and data.startswith(prefix, start + name):
            return True
    return False
