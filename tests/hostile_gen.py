#!/usr/bin/env python3
"""hostile_gen.py KIND [ARG] DIR - makes a hostile input in DIR at test time.

Big or unrepresentable inputs (megabytes, a FIFO, a directory) are never
committed: fixtures/hostile/<case>/generate names the KIND and ARG, and
tests/hostile.sh calls this with the case's work directory in the build tree.
Everything written is deterministic.  The input is DIR/compose.yaml unless
the kind says otherwise.
"""
import os
import sys


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def deep_flow_mappings(d, n):
    write(os.path.join(d, "compose.yaml"), "services: " + "{a: " * n + "x" + "}" * n + "\n")


def deep_flow_sequences(d, n):
    write(os.path.join(d, "compose.yaml"), "services: " + "[" * n + "x" + "]" * n + "\n")


def deep_block_sequences(d, n):
    # "- - - x": each "- " opens a block sequence one level deeper, on one line.
    write(os.path.join(d, "compose.yaml"), "- " * n + "x\n")


def deep_block_mappings(d, n):
    # Indentation grows with depth: n levels cost n*n/2 bytes, so n stays modest.
    lines = ["%s%s:" % (" " * i, "k") for i in range(n)]
    write(os.path.join(d, "compose.yaml"), "\n".join(lines) + " x\n")


def big_file(d, mb):
    # Sparse: the size is what is hostile, and it is refused before reading.
    with open(os.path.join(d, "compose.yaml"), "wb") as f:
        f.truncate(mb * 1024 * 1024)


def big_stdin(d, mb):
    # Valid YAML all the way, so only the size cap can stop it.
    line = b"# " + b"x" * 1021 + b"\n"
    with open(os.path.join(d, "stdin"), "wb") as f:
        for _ in range(mb * 1024):
            f.write(line)


def big_scalar(d, mb):
    write(os.path.join(d, "compose.yaml"),
          "services:\n  web:\n    image: nginx\n    command: " + "a" * (mb * 1024 * 1024) + "\n")


def many_keys(d, n):
    # The last key repeats the first: finding it must not cost n*n.
    out = ["services:\n  web:\n    image: nginx\nx-many:\n"]
    out.extend("  k%d: v\n" % i for i in range(n))
    out.append("  k0: again\n")
    write(os.path.join(d, "compose.yaml"), "".join(out))


def many_resources(d, n):
    out = ["services:\n  web:\n    image: nginx\n    networks:\n"]
    out.extend("      - net%d\n" % i for i in range(n))
    out.append("    volumes:\n")
    out.extend("      - vol%d:/data/%d\n" % (i, i) for i in range(n))
    out.append("    secrets:\n")
    out.extend("      - sec%d\n" % i for i in range(n))
    out.append("networks:\n")
    out.extend("  net%d: {}\n" % i for i in range(n))
    out.append("volumes:\n")
    out.extend("  vol%d: {}\n" % i for i in range(n))
    out.append("secrets:\n")
    out.extend("  sec%d:\n    file: ./sec%d.txt\n" % (i, i) for i in range(n))
    write(os.path.join(d, "compose.yaml"), "".join(out))
    for i in range(n):
        write(os.path.join(d, "sec%d.txt" % i), "s%d\n" % i)


def merge_chain(d, n):
    # Each level merges the previous one and adds a key: n*n/2 pairs copied.
    out = ["x-l0: &l0 {k0: 0}\n"]
    out.extend("x-l%d: &l%d {<<: *l%d, k%d: %d}\n" % (i, i, i - 1, i, i) for i in range(1, n))
    out.append("services:\n  web:\n    image: nginx\n")
    write(os.path.join(d, "compose.yaml"), "".join(out))


def fifo(d, _):
    os.mkfifo(os.path.join(d, "compose.yaml"))


def directory(d, _):
    os.mkdir(os.path.join(d, "compose.yaml"))


def big_interpolation(d, mb):
    # For the loader's interpolation: a 1 MB value substituted into a string.
    write(os.path.join(d, ".env"), "BIG=" + "b" * (mb * 1024 * 1024) + "\n")
    write(os.path.join(d, "compose.yaml"),
          "services:\n  web:\n    image: nginx\n    command: \"echo ${BIG} ${BIG}\"\n")


KINDS = {
    "deep-flow-mappings": deep_flow_mappings,
    "deep-flow-sequences": deep_flow_sequences,
    "deep-block-sequences": deep_block_sequences,
    "deep-block-mappings": deep_block_mappings,
    "big-file-mb": big_file,
    "big-stdin-mb": big_stdin,
    "big-scalar-mb": big_scalar,
    "many-keys": many_keys,
    "many-resources": many_resources,
    "merge-chain": merge_chain,
    "fifo": fifo,
    "directory": directory,
    "big-interpolation-mb": big_interpolation,
}


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in KINDS:
        sys.exit("usage: hostile_gen.py KIND [ARG] DIR\nkinds: " + " ".join(sorted(KINDS)))
    arg = int(sys.argv[2]) if len(sys.argv) == 4 else 0
    KINDS[sys.argv[1]](sys.argv[-1], arg)


if __name__ == "__main__":
    main()
