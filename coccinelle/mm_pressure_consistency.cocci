// SPDX-License-Identifier: GPL-2.0
/// Find mm_pressure_{oom,squeeze}_register() without its unregister: an
/// error path after a successful register (a goto or return that reaches
/// the end of the function without mm_pressure_*_unregister() of the same
/// object), and a register with no unregister of the same member or
/// variable anywhere in the file (the remove/exit path).
///
// Confidence: Moderate
// Copyright: (C) 2026 The mm-pressure authors
// Comments: "return ret;" is taken as success where ret still holds the
//  register's 0 or right after "if (ret) ..."; a devm_add_action*() after
//  the register as its unregister. Cleanup done in a called function (a
//  remove() called from an error label) is not seen. The helper's own
//  files (mm/mm_pressure*.c) are skipped.
// Options: --no-includes --include-headers
// Keywords: mm_pressure_oom_register, mm_pressure_squeeze_register

virtual context
virtual org
virtual report

@initialize:python@
@@
import re
unregs = {}

def helper_file(p):
    return re.search(r"(^|/)mm/mm_pressure[^/]*\.c$", p[0].file) is not None

def key(e):
    # &x->f, &x.f -> f; &g -> g
    m = re.match(r"^&.*(->|\.)(\w+)$", e.replace(" ", ""))
    return m.group(2) if m else e.replace(" ", "").lstrip("&")

def mkpos(p):
    return cocci.make_position(p[0].file, p[0].current_element, int(p[0].line),
        int(p[0].column), int(p[0].line_end), int(p[0].column_end))

// a "return ret;" reached with ret still the register's 0, or right after
// "if (ret) ...": success
@ok exists@
identifier reg =~ "^mm_pressure_(oom|squeeze)_register$";
expression E, ret, E2 != 0;
statement S;
identifier L;
position p;
@@
(
ret = reg(E);
if (\(ret\|ret < 0\|ret != 0\)) S
... when != ret = E2
    when any
return@p ret;
|
if (\(ret\|ret < 0\|ret != 0\)) S
\( return@p ret; \| L: return@p ret; \)
)

@err exists@
identifier reg =~ "^mm_pressure_(oom|squeeze)_register$";
identifier unreg =~ "^mm_pressure_(oom|squeeze)_unregister$";
expression E, ret, c;
identifier L;
statement S;
position p1, p2 != ok.p;
@@
(
ret = reg@p1(E);
if (\(ret\|ret < 0\|ret != 0\)) S
|
if (\(reg@p1(E)\|reg@p1(E) < 0\)) S
)
... when != unreg(E)
    when != if (c) unreg(E);
    when != devm_add_action_or_reset(...)
    when != devm_add_action(...)
    when != goto L;
    when any
(
\( return 0; \| return; \| return devm_add_action_or_reset(...); \)
|
goto@p2 L;
... when != unreg(E)
    when != if (c) unreg(E);
    when any
return ...;
|
return@p2 ...;
)

@script:python ers@
p1 << err.p1;
p2 << err.p2;
op;
@@
if helper_file(p1):
    cocci.include_match(False)
else:
    coccinelle.op = mkpos(p2)

@depends on context@
position ers.op;
identifier L;
@@
* \( goto@op L; \| return@op ...; \)

@script:python depends on report@
reg << err.reg;
E << err.E;
p1 << err.p1;
p << ers.op;
@@
coccilib.report.print_report(p[0], "ERROR: missing %s(%s) on this error path; %s() on line %s" % (reg.replace("_register", "_unregister"), E.replace(" ", ""), reg, p1[0].line))

@script:python depends on org@
reg << err.reg;
p1 << err.p1;
p << ers.op;
@@
cocci.print_main(reg, p1)
cocci.print_secs("error path without unregister", p)

// ------------------------------------------------ remove / exit path

@un@
identifier unreg =~ "^mm_pressure_(oom|squeeze)_unregister$";
expression E;
position p;
@@
unreg@p(E)

@script:python@
unreg << un.unreg;
E << un.E;
p << un.p;
@@
unregs.setdefault(p[0].file, set()).add((unreg, key(E)))

@rga@
identifier reg =~ "^mm_pressure_(oom|squeeze)_register$";
expression E;
position p;
@@
reg@p(E)

@script:python res@
reg << rga.reg;
E << rga.E;
p << rga.p;
op;
@@
want = (reg.replace("_register", "_unregister"), key(E))
if helper_file(p) or want in unregs.get(p[0].file, set()):
    cocci.include_match(False)
else:
    coccinelle.op = mkpos(p)

@depends on context@
position res.op;
identifier f;
@@
* f@op(...)

@script:python depends on report@
reg << rga.reg;
E << rga.E;
p << res.op;
@@
coccilib.report.print_report(p[0], "ERROR: %s(%s) has no %s() in this file: add it to the remove/exit path" % (reg, E.replace(" ", ""), reg.replace("_register", "_unregister")))

@script:python depends on org@
reg << rga.reg;
E << rga.E;
p << res.op;
@@
coccilib.org.print_todo(p[0], "%s(%s) has no %s() in this file" % (reg, E.replace(" ", ""), reg.replace("_register", "_unregister")))
