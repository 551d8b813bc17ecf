#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a test guest under QEMU and judge what it printed.

The guest's /init (ci/test/guest/init) runs the tests named by mmp.tests=
and prints their results as KTAP (a subtest a test script, a result line
a check; ci/test/guest/tests/lib.sh). Around it, on the serial console:
  MMP-BOOTED ...                       userspace is up; KTAP follows
  MMP-QMP <json>                       asks the host to run a QMP command;
                                       the reply goes back on the serial
                                       line as MMP-QMP-REPLY <json>
  MMP-ALLOW oom-kill                   the next OOM-killer report is expected
  MMP-DONE                             all tests ran
  MMP-TIME <label>                     a milestone; the runner notes
                                       when it saw it (seconds from start)

The KTAP is judged by the kernel tree's own parser
(tools/testing/kunit/kunit_parser.py, as `kunit.py parse` does; the tree is
$TREE, default build/linux). The run fails on a timeout, a missing
MMP-DONE, a test that did not finish or failed, a failed check, or any
kernel splat (the patterns KernelCI's baseline checks look for), and then
prints the last console lines. Results go to stdout as PASS:/FAIL: lines
and, with --results, to a TSV file the check driver counts.

With --xen HYPERVISOR, QEMU (TCG) boots Xen with --kernel and --initrd as
its multiboot modules: the kernel runs as PV dom0 on hvc0, whose /init is
ci/test/guest/xen/dom0-init. The serial line then carries three consoles:
Xen's ("(XEN) " lines), dom0's, and the domU's, which dom0 copies as
"DOMU| " lines once the domU is gone. Each is judged on its own, with the
same protocol and splat patterns (Xen's own panic/BUG/WARN patterns for
Xen); result names become <name>.dom0.*, <name>.domU.* and
<name>.hypervisor.
"""

import argparse
import io
import json
import os
import re
import select
import shutil
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
    # A PCI device left without an interrupt (see ACPI_ARGS).
    r"AE_AML_LOOP_TIMEOUT",
    r"can't derive routing for PCI INT",
]
SPLAT_RE = re.compile("|".join(SPLATS))
TS_RE = re.compile(r"^\[\s*\d+\.\d+\]\s?")
# Xen's own trouble, on its "(XEN) " lines.
XEN_SPLATS = [
    r"Panic on CPU",
    r"Xen BUG at",
    r"Xen WARN at",
    r"FATAL TRAP",
    r"Assertion '.*' failed",
    r"domain_crash",
]
XEN_SPLAT_RE = re.compile("|".join(XEN_SPLATS))
# Guests booted straight from a bzImage route PCI INTx through the MP
# table (CONFIG_X86_MPPARSE), not ACPI. Under TCG the debug kernel's AML
# interpreter runs QEMU's _PRT loop past ACPICA's 30 s limit, without
# rescheduling: the virtio device gets no GSI (and so no interrupt), and
# the stuck CPU can stall a stop_machine() long enough for an RCU stall
# report (a CI run: 41 s into a boot). Dom0 under Xen is not affected.
ACPI_ARGS = "acpi=noirq"
# Known noise of a PV kernel on QEMU's qemu64 CPU (an AMD family 15
# model): arch_post_acpi_subsys_init() probes the erratum-400 MSR, Xen
# refuses it, and the kernel prints the refusal with a stack trace. It
# says nothing about the code under test; its trace lines are skipped.
XEN_BENIGN = [r"unchecked MSR access error: RDMSR from 0xc0010055 "]
TRACE_LINE_RE = re.compile(
    r"^\s*(Call Trace:|<TASK>|</TASK>|(\? )?[\w.]+\+0x[0-9a-f]+/0x[0-9a-f]+)")


TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# What the parser keeps of a result line is its verdict and name: the
# detail after " # " and the subtest it belongs to are read here.
KTAP_RESULT_RE = re.compile(r"^\s*(?:not )?ok \d+ (\S+)(?: # (.*))?$")
KTAP_SUBTEST_RE = re.compile(r"^\s*# Subtest: (\S+)")


def kunit_parser():
    """The tree's KTAP parser (ktap_parse keeps its output off stdout)."""
    tree = os.environ.get("TREE") or os.path.join(TOP, "build", "linux")
    path = os.path.join(tree, "tools", "testing", "kunit")
    if not os.path.isfile(os.path.join(path, "kunit_parser.py")):
        sys.exit(f"qemu-run: {path}/kunit_parser.py is missing: run 'make tree'")
    sys.path.insert(0, path)
    import kunit_parser as kp
    return kp


def ktap_parse(kp, lines):
    """The parser's tree of lines, and the errors it printed: it counts a
    misnumbered or missing result as an error without failing the test."""
    kp.stdout = type(kp.stdout)(io.StringIO())
    main = kp.parse_run_tests(lines)
    printed = kp.stdout._output.getvalue().splitlines()
    return main, [line.split("] ", 1)[-1] for line in printed if "[ERROR]" in line]


class Console:
    """What one kernel printed: its MMP- protocol state and splats.

    label names the kernel in problem reports ("guest", "dom0", "domU");
    tests are the guest tests it must finish; benign are patterns of
    known-harmless reports whose stack trace lines are not splats.
    """

    def __init__(self, label, tests, the=None, splat_re=SPLAT_RE, benign=()):
        self.label = label
        self.the = the or label
        self.tests = [t for t in tests if t]
        self.splat_re = splat_re
        self.benign = [re.compile(b) for b in benign]
        self.lines = []
        self.ktap = []          # what it printed from MMP-BOOTED on
        self.results = []       # (name, ok, detail), from judge()
        self.failed_tests = {}  # test -> why, from judge()
        self.ktap_errors = []
        self.booted = self.done = False
        self.splats = []
        self.noise = []
        self.times = []         # (label, seconds)
        self.allow_oom = 0
        self.in_oom_report = False
        self.in_benign = False

    def feed(self, line, now):
        """Judge one line; return (word, rest) of an MMP- line, else None."""
        self.lines.append(line)
        text = TS_RE.sub("", line)
        # The guest's KTAP is userspace's: the kernel's own lines carry a
        # timestamp (CONFIG_PRINTK_TIME), and a KUnit module's KTAP among
        # them is not the guest's.
        if self.booted and text == line:
            self.ktap.append(text)
        if self.in_benign:
            if TRACE_LINE_RE.match(text):
                return None
            self.in_benign = False
        if any(b.search(text) for b in self.benign):
            self.in_benign = True
            self.noise.append(text)
            return None
        # The OOM killer's report carries a Call Trace: it is a
        # splat unless the guest said it expects one.
        if "invoked oom-killer" in text and self.allow_oom > 0:
            self.allow_oom -= 1
            self.in_oom_report = True
        elif self.in_oom_report:
            if re.search(r"Out of memory: Killed process|oom_reaper:", text):
                self.in_oom_report = False
            return None
        elif self.splat_re.search(text):
            self.splats.append(text)
        if not text.startswith("MMP-"):
            return None
        word, _, rest = text.partition(" ")
        if word == "MMP-BOOTED":
            self.booted = True
            self.times.append(("userspace", now))
        elif word == "MMP-ALLOW" and rest.strip() == "oom-kill":
            self.allow_oom += 1
        elif word == "MMP-TIME":
            self.times.append((rest.strip(), now))
        elif word == "MMP-DONE":
            self.done = True
            self.times.append(("done", now))
        return word, rest

    def judge(self, kp):
        """Read the guest's KTAP with the tree's parser (kp): a result row
        a check, named <test>.<check>, and why each failed test failed."""
        details, test = {}, None
        for text in self.ktap:
            m = KTAP_SUBTEST_RE.match(text)
            if m:
                test = m.group(1)
                continue
            m = KTAP_RESULT_RE.match(text)
            if m:
                key = (test, m.group(1)) if text[:1].isspace() else (None, m.group(1))
                details[key] = m.group(2) or ""
        main, self.ktap_errors = ktap_parse(kp, self.ktap)
        for t in main.subtests:
            for c in t.subtests:
                ok = c.status in (kp.TestStatus.SUCCESS, kp.TestStatus.SKIPPED)
                self.results.append((f"{t.name}.{c.name}", ok,
                                     details.get((t.name, c.name), "")))
            if t.status == kp.TestStatus.TEST_CRASHED:
                self.failed_tests[t.name] = "did not finish"
            elif not t.subtests:
                why = details.get((None, t.name))
                self.failed_tests[t.name] = "reported no result" + (f" ({why})" if why else "")
            elif t.status != kp.TestStatus.SUCCESS and all(
                    r[1] for r in self.results if r[0].startswith(t.name + ".")):
                # Failed with every check passing: its exit status.
                self.failed_tests[t.name] = details.get((None, t.name)) or "failed"

    def problems(self, timed_out, timeout):
        """Why this kernel's boot row fails; empty when it passes."""
        problems = []
        if timed_out:
            problems.append(f"no MMP-DONE within the {timeout} s timeout")
        elif not self.booted:
            problems.append(f"{self.the} never reached userspace (no MMP-BOOTED)")
        elif not self.done:
            problems.append(f"{self.the} stopped before MMP-DONE (crash or reboot?)")
        for t in self.tests:
            if not any(r[0].startswith(t + ".") for r in self.results) and \
                    t not in self.failed_tests:
                problems.append(f"{self.label} test {t} did not finish (no KTAP result)")
            elif t in self.failed_tests:
                problems.append(f"{self.label} test {t}: {self.failed_tests[t]}")
        if self.tests:
            problems += [f"KTAP: {e}" for e in self.ktap_errors[:3]]
        for s in self.splats[:5]:
            problems.append(f"kernel splat: {s}")
        return problems


def xen_command(args, qmp_path):
    """QEMU booting Xen, with dom0's kernel and initramfs as modules."""
    for f in (args.kernel, args.initrd):
        if "," in f or " " in f:
            sys.exit(f"qemu-run: {f}: no commas or spaces in a multiboot module path")
    if os.environ.get("ACCEL", "tcg") != "tcg":
        print("qemu-run: Xen runs under TCG only (ACCEL ignored)", file=sys.stderr)
    xen_append = ("console=com1 com1=115200 dom0_mem=1024M loglvl=all "
                  f"guest_loglvl=all {args.xen_append}").strip()
    dom0 = ("console=hvc0 earlyprintk=xen panic=-1 oops=panic "
            f"mmp.tests={args.tests} mmp.domu_tests={args.domu_tests} "
            f"{args.append}").strip()
    # QEMU splits -initrd on commas; a doubled comma stands for one.
    modules = f"{args.kernel} {dom0.replace(',', ',,')},{args.initrd}"
    return ["qemu-system-x86_64", "-accel", "tcg", "-cpu", "qemu64",
            "-m", args.mem, "-smp", args.smp, "-kernel", args.xen,
            "-append", xen_append, "-initrd", modules,
            "-display", "none", "-vga", "none", "-serial", "stdio",
            "-monitor", "none", "-no-reboot",
            "-qmp", f"unix:{qmp_path},server=on,wait=off"]


# The guest architectures (--arch): QEMU binary, machine, CPU under TCG,
# the console the kernel writes to, what the kernel command line needs
# besides. The balloon device is the caller's --device
# (virtio-balloon-pci; virtio-balloon-ccw on s390x).
ARCHES = {
    "x86_64": dict(qemu="qemu-system-x86_64", machine=None, cpu="qemu64",
                   console="ttyS0", append=ACPI_ARGS, kvm=True,
                   extra=["-vga", "none"]),
    "i386": dict(qemu="qemu-system-i386", machine=None, cpu="qemu32",
                 console="ttyS0", append="", kvm=False,
                 extra=["-vga", "none", "-nic", "none"]),
    "arm64": dict(qemu="qemu-system-aarch64", machine="virt", cpu="max",
                  console="ttyAMA0", append="", kvm=False,
                  extra=["-nic", "none"]),
    "ppc64le": dict(qemu="qemu-system-ppc64", machine="pseries", cpu=None,
                    console="hvc0", append="", kvm=False,
                    extra=["-vga", "none", "-nic", "none"]),
    "s390x": dict(qemu="qemu-system-s390x", machine="s390-ccw-virtio",
                  cpu="max", console="ttysclp0", append="", kvm=False,
                  extra=["-nic", "none"]),
}


def guest_command(args, qmp_path, accel):
    """QEMU booting --kernel with --initrd as a guest of --arch."""
    a = ARCHES[args.arch]
    if shutil.which(a["qemu"]) is None:
        sys.exit(f"qemu-run: {a['qemu']} is not installed: run "
                 f"'ARCHES={args.arch} make deps' (arch {args.arch})")
    if accel != "tcg" and not a["kvm"]:
        print(f"qemu-run: {args.arch} guests run under TCG only (ACCEL ignored)",
              file=sys.stderr)
        accel = "tcg"
    # KUnit suites built into a test kernel run at every boot; only
    # the boot that is there to run them (--kunit) pays for them.
    kunit = "" if args.kunit else "kunit.enable=0 "
    append = (f"console={a['console']} panic=-1 oops=panic {a['append']} {kunit}"
              f"mmp.tests={args.tests} {args.append}")
    append = " ".join(append.split())
    cmd = [a["qemu"], "-accel", accel]
    if a["machine"]:
        cmd += ["-M", a["machine"]]
    cmd += ["-m", args.mem, "-smp", args.smp, "-kernel", args.kernel,
            "-initrd", args.initrd, "-append", append, "-display", "none"]
    cmd += a["extra"]
    cmd += ["-serial", "stdio", "-monitor", "none", "-no-reboot",
            "-qmp", f"unix:{qmp_path},server=on,wait=off"]
    if accel == "kvm" and args.arch == "x86_64":
        cmd += ["-cpu", "max"]
    elif a["cpu"]:
        cmd += ["-cpu", a["cpu"]]
    return cmd


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
    ap.add_argument("--kunit", action="store_true",
                    help="let built-in KUnit suites run (off by default)")
    ap.add_argument("--mem", help="guest memory (512M; 2048M with --xen)")
    ap.add_argument("--smp", default="2")
    ap.add_argument("--timeout", type=int,
                    help="seconds for the whole run (300; 400 with --xen)")
    ap.add_argument("--log", required=True, help="console log file")
    ap.add_argument("--name", default="boot", help="prefix for result names")
    ap.add_argument("--results", help="append PASS/FAIL lines (TSV) here")
    ap.add_argument("--device", action="append", default=[],
                    help="extra -device for QEMU (repeatable)")
    ap.add_argument("--drive", action="append", default=[],
                    help="extra -drive for QEMU (repeatable), e.g. "
                    "file=disk.img,format=raw,if=virtio,readonly=on")
    ap.add_argument("--tail", type=int, default=60)
    ap.add_argument("--arch", default="x86_64", choices=sorted(ARCHES),
                    help="the guest's architecture (x86_64)")
    ap.add_argument("--xen", metavar="HYPERVISOR",
                    help="boot this Xen (multiboot ELF); --kernel and --initrd "
                    "become dom0's, --tests dom0's tests")
    ap.add_argument("--xen-append", default="", help="extra Xen arguments")
    ap.add_argument("--domu-tests", default="",
                    help="comma-separated tests the domU runs (with --xen)")
    ap.add_argument("--not-a-splat", action="append", default=[], metavar="REGEX",
                    help="console lines the caller judges itself, not splats "
                    "(repeatable; boot-kcsan.sh counts KCSAN reports)")
    args = ap.parse_args()
    if args.mem is None:
        args.mem = "2048M" if args.xen else "512M"
    if args.timeout is None:
        args.timeout = 400 if args.xen else 300

    for f in (args.kernel, args.initrd) + ((args.xen,) if args.xen else ()):
        if not os.path.isfile(f):
            sys.exit(f"qemu-run: {f} does not exist: build it first")

    accel = os.environ.get("ACCEL", "tcg")
    tmp = tempfile.mkdtemp(prefix="mmp-qemu-")
    qmp_path = os.path.join(tmp, "qmp.sock")
    tests = args.tests.split(",")
    if args.xen:
        cmd = xen_command(args, qmp_path)
        dom0 = Console("dom0", tests, benign=XEN_BENIGN)
        domu = Console("domU", args.domu_tests.split(","), benign=XEN_BENIGN)
        xen = Console("Xen", [], splat_re=XEN_SPLAT_RE)
        consoles = [("hypervisor", xen), ("dom0", dom0), ("domU", domu)]

        def route(line):
            if line.startswith("(XEN)"):
                return xen, line
            if line.startswith("DOMU| "):
                return domu, line[6:]
            return dom0, line
        main_console = dom0
    else:
        cmd = guest_command(args, qmp_path, accel)
        main_console = Console("guest", tests, the="the guest",
                               benign=args.not_a_splat)

        def route(line):
            return main_console, line
    for d in args.device:
        cmd += ["-device", d]
    for d in args.drive:
        cmd += ["-drive", d]

    start = time.monotonic()
    # Line-buffered: the log is what to read while a long guest runs.
    logf = open(args.log, "w", buffering=1)
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
                console, text = route(line)
                mmp = console.feed(text, time.monotonic() - start)
                if mmp is None or console is not main_console:
                    continue
                word, rest = mmp
                if word == "MMP-QMP":
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
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        logf.close()
        shutil.rmtree(tmp, ignore_errors=True)

    elapsed = time.monotonic() - start
    kp = kunit_parser()
    for c in ([dom0, domu] if args.xen else [main_console]):
        c.judge(kp)
    if args.xen:
        rows = xen_rows(args, xen, dom0, domu, timed_out, elapsed)
    else:
        problems = main_console.problems(timed_out, args.timeout)
        # QEMU refusing the machine or the image says why on the console.
        if not timed_out and not main_console.done and proc.returncode:
            problems.append(f"{os.path.basename(cmd[0])} exited with status "
                            f"{proc.returncode} (its message is in the console lines)")
        rows = [(f"{args.name}.boot", not problems,
                 "; ".join(problems) or f"clean boot in {elapsed:.0f} s")]
        rows += [(f"{args.name}.{n}", ok, d) for n, ok, d in main_console.results]
    for name, ok, detail in rows:
        print(f"{'PASS' if ok else 'FAIL'}: {name}  {detail}".rstrip())
    if args.results:
        with open(args.results, "a") as f:
            for name, ok, detail in rows:
                f.write(f"{'PASS' if ok else 'FAIL'}\t{name}\t{detail}\n")
    failed = any(not ok for _, ok, _ in rows)
    if failed and args.xen:
        for label, c in consoles:
            n = min(args.tail, 30) if c is xen else args.tail
            print(f"--- last {n} {c.label} console lines ({args.log}) ---")
            for line in c.lines[-n:]:
                print("    " + line)
    elif failed:
        print(f"--- last {args.tail} console lines ({args.log}) ---")
        for line in main_console.lines[-args.tail:]:
            print("    " + line)
    return 1 if failed else 0


def xen_rows(args, xen, dom0, domu, timed_out, elapsed):
    """Result rows of a Xen run: the hypervisor, dom0, the domU."""
    rows = []
    problems = [f"Xen: {s}" for s in xen.splats[:5]]
    if not xen.lines:
        problems.append("no Xen console output")
    rows.append((f"{args.name}.hypervisor", not problems,
                 "; ".join(problems) or "no Xen panic, BUG or WARN"))
    problems = dom0.problems(timed_out, args.timeout)
    timings = ", ".join(f"{label} {t:.0f} s" for label, t in dom0.times)
    rows.append((f"{args.name}.dom0.boot", not problems, "; ".join(problems) or
                 f"clean run in {elapsed:.0f} s ({timings})"))
    rows += [(f"{args.name}.dom0.{n}", ok, d) for n, ok, d in dom0.results]
    if domu.lines:
        problems = domu.problems(False, args.timeout)
    else:
        problems = ["no domU console: dom0 did not copy it (see dom0's lines)"]
    if domu.tests or domu.lines:
        rows.append((f"{args.name}.domU.boot", not problems,
                     "; ".join(problems) or "clean boot"))
    rows += [(f"{args.name}.domU.{n}", ok, d) for n, ok, d in domu.results]
    return rows


if __name__ == "__main__":
    sys.exit(main())
