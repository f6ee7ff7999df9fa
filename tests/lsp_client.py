#!/usr/bin/env python3
"""lsp_client.py BIN - drives `BIN lsp` over stdio as an editor would and
checks every answer: the initialize handshake, push diagnostics on didOpen/
didChange/didSave/didClose with exact UTF-16 ranges, pull diagnostics,
JSON-RPC errors for malformed input (bad headers, bad JSON, unknown methods,
oversized frames) without a crash, the shutdown/exit protocol, and code
actions (quick fixes and fix-all) from the findings' fixes."""
import json
import queue
import random
import subprocess
import sys
import threading

BIN = sys.argv[1]
TIMEOUT = 30
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL " + what)


class Server:
    def __init__(self):
        self.p = subprocess.Popen([BIN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.timer = threading.Timer(TIMEOUT, self.p.kill)
        self.timer.start()
        self.next_id = 0
        self.queue = queue.Queue()
        self.stderr = []
        threading.Thread(target=self._reader, daemon=True).start()
        self.err_thread = threading.Thread(target=lambda: self.stderr.append(self.p.stderr.read()), daemon=True)
        self.err_thread.start()

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode("utf-8")
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.next_id

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def _reader(self):
        """Drains the server's output all the time, so neither side blocks on a full pipe."""
        try:
            while True:
                headers = {}
                while True:
                    line = self.p.stdout.readline()
                    if not line:
                        raise EOFError
                    line = line.rstrip(b"\r\n")
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    headers[name.strip().lower()] = value.strip()
                n = int(headers["content-length"])
                self.queue.put(json.loads(self.p.stdout.read(n).decode("utf-8")))
        except (EOFError, ValueError, KeyError) as e:
            self.queue.put(e)

    def read(self):
        m = self.queue.get(timeout=TIMEOUT)
        if isinstance(m, Exception):
            raise EOFError("server closed its output or sent a bad frame: %r; status %r" % (m, self.p.wait(5)))
        return m

    def response(self, rid):
        """Reads until the response to rid; notifications on the way are kept."""
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                return m
            self.pending.append(m)

    def diagnostics(self, uri):
        while True:
            for i, m in enumerate(self.pending):
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                    del self.pending[i]
                    return m["params"]
            self.pending.append(self.read())

    pending = []

    def close(self):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        rc = self.p.wait(TIMEOUT)
        self.timer.cancel()
        self.err_thread.join(TIMEOUT)
        err = b"".join(self.stderr).decode("utf-8", "replace")
        check("Sanitizer" not in err and "runtime error" not in err, "sanitizer report: " + err[:500])
        return rc


def initialize(s, caps=None):
    rid = s.request("initialize", {"processId": None, "rootUri": None, "capabilities": caps or {}})
    r = s.response(rid)
    s.notify("initialized", {})
    return r


URI = "file:///tmp/ecslint-lsp-test/compose.yaml"
# The non-ASCII characters sit in a label key (service names are ASCII in Compose), before the duplicate.
DUP = "services:\n  web: {labels: {w\u00e9b\U0001F600: x}, image: x, image: y}\n"
GOOD = "services:\n  web:\n    image: nginx\n"
BROKEN = "services:\n  web:\n    ports: [\"80:80\"\n"

# 1. Push model: the whole document life cycle.
s = Server()
s.pending = []
r = initialize(s)
caps = r["result"]["capabilities"]
check(caps["textDocumentSync"]["change"] == 1, "full text sync")
check(caps["textDocumentSync"]["openClose"] is True, "openClose")
check(caps.get("positionEncoding") == "utf-16", "utf-16 positions")
check("diagnosticProvider" not in caps, "no pull diagnostics for a push-only client")
check(r["result"]["serverInfo"]["name"] == "ecslint", "serverInfo")

s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": DUP}})
p = s.diagnostics(URI)
check(p["version"] == 1, "version echoed")
check(len(p["diagnostics"]) == 1, "one diagnostic for the duplicate key: %r" % p)
d = p["diagnostics"][0]
check(d["code"] == "ECS002", "code is the rule id")
check(d["source"] == "ecslint", "source")
check(d["severity"] == 1, "error severity")
# "  web: {labels: {wéb😀: x}, image: x, image: y}": é is 1 UTF-16 unit, 😀 is 2,
# so the second "image" starts at character 38 (37 code points) and ends at 43.
check(d["range"] == {"start": {"line": 1, "character": 38}, "end": {"line": 1, "character": 43}},
      "UTF-16 range of the duplicate: %r" % d["range"])
check(d["codeDescription"]["href"].endswith("/checks/ecs002_duplicate_key.md"), "codeDescription link")
rel = d.get("relatedInformation", [])
check(len(rel) == 1 and rel[0]["location"]["uri"] == URI and
      rel[0]["location"]["range"]["start"] == {"line": 1, "character": 28}, "related: first definition %r" % rel)
check("help:" in d["message"], "help in the message")

s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                     "contentChanges": [{"text": "garbage"}, {"text": GOOD}]})
p = s.diagnostics(URI)
check(p["version"] == 2 and p["diagnostics"] == [], "fixed buffer clears diagnostics: %r" % p)

s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": BROKEN}]})
p = s.diagnostics(URI)
check([x["code"] for x in p["diagnostics"]] == ["ECS001"], "syntax error reported: %r" % p)

s.notify("textDocument/didSave", {"textDocument": {"uri": URI}})
p = s.diagnostics(URI)
check([x["code"] for x in p["diagnostics"]] == ["ECS001"], "didSave re-publishes")

s.notify("textDocument/didClose", {"textDocument": {"uri": URI}})
p = s.diagnostics(URI)
check(p["diagnostics"] == [], "didClose clears")

# Rules and inline suppressions apply to buffers as to files.
URI2 = "file:///tmp/ecslint-lsp-test/sub%20dir/docker-compose.yml"
SUPP = ("services:\n  web:\n    image: nginx:1.27\n    hostname: a # ecslint: disable=ECS202\n"
        "    restart: always\n")
s.notify("textDocument/didOpen", {"textDocument": {"uri": URI2, "languageId": "yaml", "version": 1, "text": SUPP}})
p = s.diagnostics(URI2)
got = [(x["code"], x["range"]["start"]["line"], x["severity"]) for x in p["diagnostics"]]
check(got == [("ECS202", 4, 2)], "suppressed finding hidden, the other one a warning: %r" % got)

# 2. Malformed input: each gets a proper error (or is ignored) and the server lives on.
s.raw(b"Content-Length: 9\r\n\r\n{not json")
m = s.read()
check(m.get("error", {}).get("code") == -32700 and m.get("id") is None, "parse error: %r" % m)
s.raw(b"Content-Type: application/json\r\n\r\n")
m = s.read()
check(m.get("error", {}).get("code") == -32600, "missing Content-Length: %r" % m)
s.raw(b"Content-Length: abc\r\n\r\n")
m = s.read()
check(m.get("error", {}).get("code") == -32600, "bad Content-Length: %r" % m)
s.raw(b"Content-Length: 2\r\nbroken header line\r\n\r\n{}")
m = s.read()
check(m.get("error", {}).get("code") == -32600, "malformed header: %r" % m)
s.raw(b"Content-Length: 5\r\n\r\n[1,2]")
m = s.read()
check(m.get("error", {}).get("code") == -32600, "non-object message: %r" % m)
s.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})
m = s.read()
check(m.get("error", {}).get("code") == -32600, "object id: %r" % m)
rid = s.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
m = s.response(rid)
check(m.get("error", {}).get("code") == -32601, "unknown request: %r" % m)
s.notify("$/cancelRequest", {"id": 99})
s.notify("workspace/didChangeConfiguration", {"settings": {}})
s.notify("textDocument/didOpen", {"textDocument": {"uri": URI}})  # no text: logged, ignored
s.notify("textDocument/didOpen", "not an object")
rid = s.request("initialize", {"capabilities": {}})
m = s.response(rid)
check(m.get("error", {}).get("code") == -32600, "second initialize refused: %r" % m)
big = 64 * 1024 * 1024 + 1
s.raw(b"Content-Length: %d\r\n\r\n" % big + b" " * big)
m = s.read()
check(m.get("error", {}).get("code") == -32600 and "limit" in m["error"]["message"], "oversized frame: %r" % m)
check(not [x for x in s.pending if "id" in x], "no stray responses: %r" % s.pending)

# Wrong types everywhere, and random bytes in well-framed messages (seeded).
rng = random.Random(7)
shapes = [None, 0, -1, 1.5, "x", True, [], {}, [1, "a"], {"uri": 5}, {"text": None}]
for method in ["initialize", "textDocument/didOpen", "textDocument/didChange", "textDocument/didSave",
               "textDocument/didClose", "textDocument/diagnostic", "shutdown", "$/x", ""]:
    for shape in shapes:
        s.send({"jsonrpc": "2.0", "method": method, "params": shape})
        s.send({"jsonrpc": "2.0", "method": method,
                "params": {"textDocument": shape, "contentChanges": shape}})
        if method != "shutdown":
            s.send({"jsonrpc": "2.0", "id": 1000, "method": method,
                    "params": {"textDocument": {"uri": shape, "text": shape}, "contentChanges": [shape]}})
for _ in range(200):
    body = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
    s.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
rid = s.request("textDocument/hover", {})
s.response(rid)
check(s.p.poll() is None, "alive after wrong types and random bytes")

# Still serving after all that.
s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "yaml", "version": 7, "text": DUP}})
p = s.diagnostics(URI)
check(p["version"] == 7 and len(p["diagnostics"]) == 1, "serves after malformed input")

rid = s.request("shutdown")
m = s.response(rid)
check("result" in m and m["result"] is None, "shutdown result null")
rid = s.request("textDocument/diagnostic", {"textDocument": {"uri": URI}})
m = s.response(rid)
check(m.get("error", {}).get("code") == -32600, "requests after shutdown refused")
s.notify("exit")
check(s.close() == 0, "exit after shutdown: status 0")

# 3. Pull model, when the client declares it; and requests before initialize.
s = Server()
s.pending = []
rid = s.request("shutdown")
m = s.response(rid)
check(m.get("error", {}).get("code") == -32002, "request before initialize: %r" % m)
r = initialize(s, {"textDocument": {"diagnostic": {"dynamicRegistration": False}}})
check(r["result"]["capabilities"]["diagnosticProvider"]["interFileDependencies"] is False, "diagnosticProvider")
s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": DUP}})
rid = s.request("textDocument/diagnostic", {"textDocument": {"uri": URI}})
m = s.response(rid)
check(m["result"]["kind"] == "full" and [x["code"] for x in m["result"]["items"]] == ["ECS002"], "pull: %r" % m)
check(not [x for x in s.pending if x.get("method") == "textDocument/publishDiagnostics"], "no push with pull")
# exit without shutdown, and the end of input, both give status 1
s.notify("exit")
check(s.close() == 1, "exit without shutdown: status 1")

s = Server()
s.pending = []
initialize(s)
s.raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
check(s.close() == 1, "truncated input: status 1, no crash")

# 4. Code actions: the findings' fixes as quick fixes and "fix all", with
# UTF-16 ranges, checked by applying them here and against `check --fix`.
def utf16_offset(text, pos):
    """Index in text of an LSP position (0-based line, UTF-16 units)."""
    lines = text.splitlines(keepends=True)
    i = sum(len(l) for l in lines[:pos["line"]])
    units = 0
    line = lines[pos["line"]] if pos["line"] < len(lines) else ""
    for ch in line:
        if units >= pos["character"] or ch in "\r\n":
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        i += 1
    return i


def apply_edits(text, edits):
    spans = sorted(((utf16_offset(text, e["range"]["start"]), utf16_offset(text, e["range"]["end"]), e["newText"])
                    for e in edits), reverse=True)
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


FIXABLE = ("services:\n"
           "  web:\n"
           "    image: nginx   # kept\n"
           "    ports:\n"
           "      - 22:22\n"
           "    labels: {\"caf\u00e9\U0001F600\": on}\n"
           "    image: nginx\n"
           "    cap_add: [NET_ADMIN]\n")
s = Server()
s.pending = []
caps = initialize(s)["result"]["capabilities"]
cap = caps.get("codeActionProvider", {})
check(isinstance(cap, dict) and set(cap.get("codeActionKinds", [])) == {"quickfix", "source.fixAll.ecslint"},
      "codeActionProvider advertised: %r" % cap)
s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": FIXABLE}})
diags = s.diagnostics(URI)["diagnostics"]
by_code = {}
for x in diags:
    by_code.setdefault(x["code"], []).append(x)
check(set(by_code) >= {"ECS002", "ECS113", "ECS114", "ECS206"}, "fixable findings published: %r" % sorted(by_code))

on = by_code.get("ECS114", [None])[0]
if on:
    line = FIXABLE.splitlines()[5]
    col = len(line[:line.index(": on") + 2].encode("utf-16-le")) // 2
    check(on["range"]["start"] == {"line": 5, "character": col}, "ECS114 range in UTF-16: %r" % on["range"])
    check(on["data"]["fixable"] is True, "diagnostic says it is fixable")
    rid = s.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": on["range"],
                                                "context": {"diagnostics": [on], "only": ["quickfix"]}})
    acts = s.response(rid).get("result")
    check(isinstance(acts, list) and len(acts) == 1, "one quick fix on the 'on': %r" % acts)
    if acts:
        a = acts[0]
        check(a["kind"] == "quickfix" and a["isPreferred"] is True, "safe quick fix is preferred: %r" % a)
        check(a["diagnostics"] == [on], "the action names the client's diagnostic")
        check(a["edit"]["changes"][URI] == [{"range": on["range"], "newText": "\"on\""}],
              "edit quotes the value in place: %r" % a["edit"])

# A cursor anywhere on the repeated key offers its removal; unsafe fixes are offered but not preferred.
dup = by_code.get("ECS002", [None])[0]
if dup:
    cursor = {"line": dup["range"]["start"]["line"], "character": dup["range"]["start"]["character"] + 2}
    rid = s.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": {"start": cursor, "end": cursor},
                                                "context": {"diagnostics": []}})
    acts = [a for a in s.response(rid)["result"] if a["kind"] == "quickfix"]
    check([a["diagnostics"][0]["code"] for a in acts] == ["ECS002"], "quick fix under the cursor: %r" % acts)
    if acts:
        fixed = apply_edits(FIXABLE, acts[0]["edit"]["changes"][URI])
        check(fixed == FIXABLE.replace("    image: nginx\n    cap_add", "    cap_add"),
              "ECS002 edit removes the line: %r" % fixed)
whole = {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 0}}
rid = s.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": whole,
                                            "context": {"diagnostics": [], "only": ["quickfix"]}})
acts = s.response(rid)["result"]
unsafe = [a for a in acts if a["diagnostics"][0]["code"] == "ECS206"]
check(len(acts) == 4 and len(unsafe) == 1 and unsafe[0]["isPreferred"] is False and "unsafe" in unsafe[0]["title"],
      "four quick fixes, ECS206's unsafe: %r" % [(a["title"], a["isPreferred"]) for a in acts])

# "Fix all" gives what `check --fix -` gives, and leaves nothing to fix.
rid = s.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": whole,
                                            "context": {"diagnostics": [], "only": ["source.fixAll"]}})
acts = s.response(rid)["result"]
check(len(acts) == 1 and acts[0]["kind"] == "source.fixAll.ecslint", "one fix-all action: %r" % acts)
cli = subprocess.run([BIN, "check", "--fix", "--stdin-filename", "/tmp/ecslint-lsp-test/compose.yaml", "-"],
                     input=FIXABLE.encode("utf-8"), capture_output=True, timeout=TIMEOUT).stdout.decode("utf-8")
if acts:
    fixed = apply_edits(FIXABLE, acts[0]["edit"]["changes"][URI])
    check(fixed == cli, "fix-all equals check --fix:\n%s---\n%s" % (fixed, cli))
    check("# kept" in fixed and "caf\u00e9\U0001F600" in fixed and "NET_ADMIN" in fixed, "fix-all keeps the rest")
    s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]})
    left = [x["code"] for x in s.diagnostics(URI)["diagnostics"]]
    check(not {"ECS002", "ECS113", "ECS114"} & set(left), "fixed buffer re-checks clean: %r" % left)
    rid = s.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": whole,
                                                "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    check(s.response(rid)["result"] == [], "fix-all on the fixed buffer offers nothing")

# CRLF line ends and a character outside the BMP before the edit on its line.
CRLF = "services:\r\n  web:\r\n    image: nginx\r\n    labels: {\"\U0001F600\": yes, b: no}\r\n"
s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": CRLF}]})
s.diagnostics(URI)
rid = s.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": whole,
                                            "context": {"diagnostics": [], "only": ["quickfix"]}})
acts = s.response(rid)["result"]
fixed = apply_edits(CRLF, [e for a in acts for e in a["edit"]["changes"][URI]])
check(fixed == CRLF.replace(": yes", ": \"yes\"").replace(": no}", ": \"no\"}"),
      "quick fixes on a CRLF buffer with an emoji: %r" % fixed)

rid = s.request("textDocument/codeAction", {"textDocument": {"uri": "file:///tmp/unopened.yaml"}, "range": whole,
                                            "context": {"diagnostics": []}})
check(s.response(rid).get("result") == [], "no actions for a buffer never opened")
rid = s.request("textDocument/codeAction", {"textDocument": {"uri": URI}})
check(s.response(rid).get("error", {}).get("code") == -32602, "codeAction without a range: invalid params")
rid = s.request("shutdown")
s.response(rid)
s.notify("exit")
check(s.close() == 0, "code action session ends cleanly")

print("lsp: %d failed checks" % len(failures))
sys.exit(1 if failures else 0)
