#!/usr/bin/env python3
"""LSP latency driver: launches blueprint.jar's language server and drives it over stdio.

Usage: bench/lsp/lsp_bench.py [--entities 1000] [--rounds 100] [--launcher ./blueprint]
       bench/lsp/lsp_bench.py --workspace [--files 1000] [--file-kb 50] [--rounds 50]

Measures, on a generated blueprint with N entities: open -> first diagnostics; edit ->
updated diagnostics (p50, p99; each edit toggles an error so every edit changes what is
published); completion and hover latency (p50, p99); the server's resident memory.

With --workspace: the memory budget. A workspace folder of N blueprints of about K KB each (each
its own service with entities and an api) is opened as the editor opens it: the server scans and
checks every file; then a few are opened and edited. Reports the time until every file has its
diagnostics, the edit latency, the heap in use after a full collection (jcmd GC.run, GC.heap_info)
and the resident memory. Give the heap the server runs with through BLUEPRINT_LSP_HEAP (as the
launcher does), e.g. BLUEPRINT_LSP_HEAP=512m.
"""
import argparse, json, os, subprocess, sys, tempfile, threading, time, queue, statistics

def blueprint(n):
    out = ['service Big { version "1.0.0" }', 'store main { engine h2 }', 'enum Status { OPEN, CLOSED }']
    for i in range(n):
        ref = f"  parent: Entity{i-1}\n" if i > 0 else ""
        out.append(f"entity Entity{i} {{\n  id: uuid @key\n  name: string(40) @length(1..40)\n  count: int @range(0..100)\n"
                   f"  status: Status = OPEN\n{ref}  created: timestamp @created\n}}")
    out.append('api "/api/v1" {')
    for i in range(n):
        out.append(f'  resource "/e{i}" Entity{i}')
    out.append('}')
    return "\n".join(out) + "\n"

class Conn:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sys.stderr)
        self.next_id = 0
        self.responses = {}
        self.cv = threading.Condition()
        self.notes = queue.Queue()
        threading.Thread(target=self.reader, daemon=True).start()

    def reader(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            msg = json.loads(f.read(length))
            now = time.perf_counter()
            if "id" in msg and "method" not in msg:
                with self.cv:
                    self.responses[msg["id"]] = (now, msg)
                    self.cv.notify_all()
            elif "method" in msg and "id" in msg:  # a request from the server
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": [{}] if msg["method"] == "workspace/configuration" else None})
            else:
                self.notes.put((now, msg))

    def send(self, msg):
        data = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.p.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        i = self.next_id
        t0 = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        with self.cv:
            while i not in self.responses:
                self.cv.wait(30)
            t1, msg = self.responses.pop(i)
        return t1 - t0, msg

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def await_diagnostics(self, uri, pred):
        while True:
            t, msg = self.notes.get(timeout=60)
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri and pred(msg["params"]["diagnostics"]):
                return t

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def heap_after_gc_mb(pid):
    """The heap in use after a full collection, as jcmd reports it (total ... used NK)."""
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    used_kb = 0
    for line in out.splitlines():  # one line per generation ("... total NK, used NK"); not Metaspace's
        parts = line.replace(",", " ").split()
        if "used" in parts and "total" in parts:
            used_kb += int(parts[parts.index("used") + 1].rstrip("K"))
    return (used_kb / 1024 if used_kb else float("nan")), out

def workspace(a):
    d = tempfile.mkdtemp()
    entities = max(1, a.file_kb * 1000 // 205)  # blueprint(n) is about 205 characters per entity
    total = 0
    uris = []
    for i in range(a.files):
        text = blueprint(entities).replace("service Big", f"service S{i}")
        path = os.path.join(d, f"s{i:04d}.blueprint")
        with open(path, "w") as f:
            f.write(text)
        total += len(text)
        uris.append("file://" + path)
    published = {}
    c = Conn([a.launcher, "lsp"])
    t0 = time.perf_counter()
    c.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + d, "capabilities": {}})
    c.notify("initialized", {})
    while len(published) < len(uris):
        t, msg = c.notes.get(timeout=600)
        if msg.get("method") == "textDocument/publishDiagnostics":
            published[msg["params"]["uri"]] = msg["params"]["diagnostics"]
    checked = time.perf_counter() - t0
    errors = sum(1 for ds in published.values() if ds)
    heap_checked, _ = heap_after_gc_mb(c.p.pid)
    rss_checked = rss_mb(c.p.pid)
    # open five files and edit them as in the single-file run
    edits = []
    for k in range(5):
        uri = uris[k * (len(uris) // 5)]
        text = open(uri[len("file://"):]).read()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "blueprint", "version": 1, "text": text}})
        lines = text.split("\n")
        target = lines.index(f"entity Entity{entities // 2} {{") + 3
        col = lines[target].index("int")
        for r in range(a.rounds // 5):
            broken = r % 2 == 0
            t1 = time.perf_counter()
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": r + 2}, "contentChanges": [
                {"range": {"start": {"line": target, "character": col}, "end": {"line": target, "character": col + 3}},
                 "text": "itn" if broken else "int"}]})
            t2 = c.await_diagnostics(uri, (lambda ds: len(ds) > 0) if broken else (lambda ds: len(ds) == 0))
            edits.append(t2 - t1)
    heap_end, heap_info = heap_after_gc_mb(c.p.pid)
    rss_end = rss_mb(c.p.pid)
    c.request("shutdown", None)
    c.notify("exit", None)
    code = c.p.wait(30)
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"workspace: {a.files} files, {total / 1e6:.1f} MB of blueprints ({entities} entities each); "
          f"heap ceiling BLUEPRINT_LSP_HEAP={os.environ.get('BLUEPRINT_LSP_HEAP', '(from the machine)')}")
    print(f"initialize -> every file checked: {checked:.1f} s ({errors} files with diagnostics)")
    print(f"after the check: heap in use after a full collection {heap_checked:.0f} MB, resident {rss_checked:.0f} MB")
    print(f"edit -> diagnostics ({len(edits)} edits in 5 open files): p50 {pct(edits, 50):.1f} ms, p99 {pct(edits, 99):.1f} ms")
    print(f"at the end: heap in use after a full collection {heap_end:.0f} MB, resident {rss_end:.0f} MB; exit code {code}")
    print(f"machine load average (1, 5, 15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entities", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--workspace", action="store_true", help="measure the memory budget over a workspace folder")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--file-kb", type=int, default=50)
    ap.add_argument("--launcher", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "blueprint"),
                    help="the ./blueprint launcher (started as 'blueprint lsp', as editors do)")
    a = ap.parse_args()
    if a.workspace:
        workspace(a)
        return
    d = tempfile.mkdtemp()
    path = os.path.join(d, "big.blueprint")
    text = blueprint(a.entities)
    with open(path, "w") as f:
        f.write(text)
    uri = "file://" + path
    c = Conn([a.launcher, "lsp"])
    c.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    c.notify("initialized", {})
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "blueprint", "version": 1, "text": text}})
    t1 = c.await_diagnostics(uri, lambda ds: True)
    first = (t1 - t0) * 1000
    # the line "  count: int @range(0..100)" of Entity500: toggle int <-> itn (an unknown type)
    lines = text.split("\n")
    target = lines.index(f"entity Entity{a.entities // 2} {{") + 3
    col = lines[target].index("int")
    edits = []
    for r in range(a.rounds):
        broken = r % 2 == 0
        new = "itn" if broken else "int"
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": r + 2}, "contentChanges": [
            {"range": {"start": {"line": target, "character": col}, "end": {"line": target, "character": col + 3}}, "text": new}]})
        t1 = c.await_diagnostics(uri, (lambda ds: len(ds) > 0) if broken else (lambda ds: len(ds) == 0))
        edits.append(t1 - t0)
    comp, hov = [], []
    for r in range(a.rounds * 2):
        line = lines.index(f"entity Entity{(r * 7) % a.entities} {{") + 2
        dt, msg = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line + 1, "character": 9}})
        assert "result" in msg, msg
        comp.append(dt)
        dt, msg = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line - 2, "character": 9}})
        assert "result" in msg, msg
        hov.append(dt)
    rss = rss_mb(c.p.pid)
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait(10)
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"blueprint: {a.entities} entities, {len(text)} characters, {len(lines)} lines; {a.rounds} edits, {a.rounds * 2} completions and hovers")
    print(f"open -> first diagnostics: {first:.0f} ms")
    print(f"edit -> diagnostics: p50 {pct(edits, 50):.1f} ms, p99 {pct(edits, 99):.1f} ms")
    print(f"completion: p50 {pct(comp, 50):.1f} ms, p99 {pct(comp, 99):.1f} ms")
    print(f"hover: p50 {pct(hov, 50):.1f} ms, p99 {pct(hov, 99):.1f} ms")
    print(f"resident memory: {rss:.0f} MB")
    print(f"machine load average (1, 5, 15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")

if __name__ == "__main__":
    main()
