#!/usr/bin/env python3
"""man_options.py BIN SRC - the manual page docs/ecslint.1 and the built-in
help agree: every command of `ecslint --help` has a subsection in COMMANDS,
every option of `ecslint help COMMAND` is documented in that subsection and
the subsection documents no option the command does not have.  The page
must also render without groff warnings when groff is installed."""
import re
import shutil
import subprocess
import sys

BIN, SRC = sys.argv[1], sys.argv[2]
page_path = SRC + "/docs/ecslint.1"
fail = []

with open(page_path, encoding="utf-8") as f:
    page = f.read().split("\n")

if shutil.which("groff"):
    r = subprocess.run(["groff", "-mdoc", "-ww", "-z", "-Tutf8", page_path], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        fail.append("groff warnings:\n" + r.stderr)


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, check=False)


main_help = run("--help").stdout
commands = []
in_commands = False
for line in main_help.split("\n"):
    if line == "commands:":
        in_commands = True
    elif in_commands and re.match(r"^  [a-z]", line):
        commands.append(line.split()[0])
    elif in_commands and not line.strip():
        in_commands = False
if not commands:
    fail.append("no commands found in ecslint --help")

OPT = re.compile(r"(?<![\w-])--?[A-Za-z][A-Za-z0-9-]*")


def help_options(text):
    opts = set()
    for line in text.split("\n"):
        if re.match(r"^  -", line):
            spec = re.split(r"\s{2,}", line.strip())[0]
            opts.update(OPT.findall(spec))
    return opts


def man_options(command):
    """Options of the .Ss COMMAND subsection: the Fl macros of its .It lines."""
    opts, inside, found = set(), False, False
    for line in page:
        if line.startswith(".Ss ") or line.startswith(".Sh "):
            inside = line == ".Ss " + command
            found = found or inside
            continue
        if inside and line.startswith(".It ") and " Fl " in " " + line[4:]:
            for m in re.finditer(r"(?:^|\s)Fl\s+(\\-)?([A-Za-z][A-Za-z0-9-]*)", line[4:]):
                opts.add(("--" if m.group(1) else "-") + m.group(2))
    return opts if found else None


for cmd in commands:
    r = run("help", cmd)
    if r.returncode != 0:
        fail.append(f"ecslint help {cmd} failed: {r.stderr}")
        continue
    want = help_options(r.stdout)
    have = man_options(cmd)
    if have is None:
        fail.append(f"{cmd}: no '.Ss {cmd}' subsection in docs/ecslint.1")
        continue
    for o in sorted(want - have):
        fail.append(f"{cmd}: option {o} of 'ecslint help {cmd}' is not in docs/ecslint.1")
    for o in sorted(have - want):
        fail.append(f"{cmd}: docs/ecslint.1 documents {o}, which 'ecslint help {cmd}' does not list")
    print(f"{cmd}: {len(want)} options")

for f in fail:
    print("FAIL " + f)
print(f"man: {len(commands)} commands, {len(fail)} problems")
sys.exit(1 if fail or not commands else 0)
