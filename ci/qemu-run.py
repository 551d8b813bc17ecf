#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a test guest under QEMU and judge what it printed.

The guest's /init (ci/guest/init) runs the tests named by mmp.tests= and
prints, on the serial console:
  MMP-BOOTED ...                       userspace is up
  MMP-RESULT <test>.<check> PASS|FAIL  one line a check
  MMP-END <test> <rc>                  a test script finished
  MMP-QMP <json>                       asks the host to run a QMP command;
                                       the reply goes back on the serial
                                       line as MMP-QMP-REPLY <json>
  MMP-ALLOW oom-kill                   the next OOM-killer report is expected
  MMP-DONE                             all tests ran

The run fails on a timeout, a missing MMP-DONE or MMP-END, a FAIL, or any
kernel splat (the patterns KernelCI's baseline checks look for), and then
prints the last console lines. Results go to stdout as PASS:/FAIL: lines
and, with --results, to a TSV file the check driver counts.
"""

import argparse
import json
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import time

SPLATS = [
    r"\bBUG:",
    r"\bWARNING:",
    r"\bKASAN:",
    r"\bUBSAN:",
    r"possible circular locking dependency",
    r"possible recursive locking",
    r"inconsistent lock state",
    r"suspicious RCU usage",
    r"\bCall Trace:",
    r"general protection fault",
    r"Kernel panic",
    r"\bOops\b",
    r"kmemleak: .* new suspected memory leaks",
    r"unreferenced object 0x",
    r"detected stall",
    r"invoked oom-killer",
]
SPLAT_RE = re.compile("|".join(SPLATS))
TS_RE = re.compile(r"^\[\s*\d+\.\d+\]\s?")


class Qmp:
    """Just enough QMP: connect, negotiate, run commands."""

    def __init__(self, path, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.buf = b""
        self._read()  # greeting
        self.cmd({"execute": "qmp_capabilities"})

    def _read(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise OSError("QMP socket closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def cmd(self, req):
        self.sock.sendall(json.dumps(req).encode() + b"\n")
        while True:
            msg = self._read()
            if "event" not in msg:
                return msg


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--tests", default="", help="comma-separated guest tests")
    ap.add_argument("--append", default="", help="extra kernel arguments")
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--smp", default="2")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--log", required=True, help="console log file")
    ap.add_argument("--name", default="boot", help="prefix for result names")
    ap.add_argument("--results", help="append PASS/FAIL lines (TSV) here")
    ap.add_argument("--device", action="append", default=[],
                    help="extra -device for QEMU (repeatable)")
    ap.add_argument("--tail", type=int, default=60)
    args = ap.parse_args()

    for f in (args.kernel, args.initrd):
        if not os.path.isfile(f):
            sys.exit(f"qemu-run: {f} does not exist: build it first")

    accel = os.environ.get("ACCEL", "tcg")
    tmp = tempfile.mkdtemp(prefix="mmp-qemu-")
    qmp_path = os.path.join(tmp, "qmp.sock")
    append = ("console=ttyS0 panic=-1 oops=panic "
              f"mmp.tests={args.tests} {args.append}").strip()
    cmd = ["qemu-system-x86_64", "-accel", accel, "-m", args.mem,
           "-smp", args.smp, "-kernel", args.kernel, "-initrd", args.initrd,
           "-append", append, "-display", "none", "-vga", "none",
           "-serial", "stdio", "-monitor", "none", "-no-reboot",
           "-qmp", f"unix:{qmp_path},server=on,wait=off"]
    cmd += ["-cpu", "max" if accel == "kvm" else "qemu64"]
    for d in args.device:
        cmd += ["-device", d]

    results = []        # (name, ok, detail)
    console = []
    ended = set()
    done = booted = False
    splats = []
    allow_oom = 0
    in_oom_report = False
    start = time.monotonic()

    logf = open(args.log, "w")
    logf.write("# " + " ".join(cmd) + "\n")
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    qmp = None
    buf = b""
    timed_out = False
    try:
        while True:
            left = args.timeout - (time.monotonic() - start)
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode("utf-8", "replace").rstrip("\r")
                logf.write(line + "\n")
                console.append(line)
                text = TS_RE.sub("", line)
                # The OOM killer's report carries a Call Trace: it is a
                # splat unless the guest said it expects one.
                if "invoked oom-killer" in text and allow_oom > 0:
                    allow_oom -= 1
                    in_oom_report = True
                elif in_oom_report:
                    if re.search(r"Out of memory: Killed process|oom_reaper:", text):
                        in_oom_report = False
                    continue
                elif SPLAT_RE.search(text):
                    splats.append(text)
                if not text.startswith("MMP-"):
                    continue
                word, _, rest = text.partition(" ")
                if word == "MMP-BOOTED":
                    booted = True
                elif word == "MMP-RESULT":
                    name, _, tail = rest.partition(" ")
                    verdict, _, detail = tail.partition(" ")
                    results.append((name, verdict == "PASS", detail))
                elif word == "MMP-END":
                    ended.add(rest.split()[0])
                elif word == "MMP-ALLOW" and rest.strip() == "oom-kill":
                    allow_oom += 1
                elif word == "MMP-QMP":
                    if qmp is None:
                        qmp = Qmp(qmp_path, 10)
                    try:
                        reply = qmp.cmd(json.loads(rest))
                    except (OSError, ValueError) as e:
                        reply = {"error": {"desc": str(e)}}
                    out = "MMP-QMP-REPLY " + json.dumps(reply, separators=(",", ":"))
                    logf.write("# host> " + out + "\n")
                    proc.stdin.write(out.encode() + b"\n")
                    proc.stdin.flush()
                elif word == "MMP-DONE":
                    done = True
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        logf.close()

    elapsed = time.monotonic() - start
    problems = []
    if timed_out:
        problems.append(f"no MMP-DONE within the {args.timeout} s timeout")
    elif not booted:
        problems.append("the guest never reached userspace (no MMP-BOOTED)")
    elif not done:
        problems.append("the guest stopped before MMP-DONE (crash or reboot?)")
    for t in filter(None, args.tests.split(",")):
        if t not in ended:
            problems.append(f"guest test {t} did not finish (no MMP-END {t})")
        elif not any(r[0].startswith(t + ".") for r in results):
            problems.append(f"guest test {t} reported no result")
    for s in splats[:5]:
        problems.append(f"kernel splat: {s}")

    rows = [(f"{args.name}.boot", not problems,
             "; ".join(problems) or f"clean boot in {elapsed:.0f} s")]
    rows += [(f"{args.name}.{n}", ok, d) for n, ok, d in results]
    for name, ok, detail in rows:
        print(f"{'PASS' if ok else 'FAIL'}: {name}  {detail}".rstrip())
    if args.results:
        with open(args.results, "a") as f:
            for name, ok, detail in rows:
                f.write(f"{'PASS' if ok else 'FAIL'}\t{name}\t{detail}\n")
    failed = any(not ok for _, ok, _ in rows)
    if failed:
        print(f"--- last {args.tail} console lines ({args.log}) ---")
        for line in console[-args.tail:]:
            print("    " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
