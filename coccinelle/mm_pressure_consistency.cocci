// SPDX-License-Identifier: GPL-2.0
/// Check users of the mm_pressure helper, and what should use it:
///  - after "ret = mm_pressure_{oom,squeeze}_register(E)" succeeds, every
///    later error path of the function (a goto or return that does not
///    reach the matching unregister of E) is reported, put_device.cocci
///    style; an unregister under an if counts as reached;
///  - every register has an unregister of the same member or variable
///    somewhere in the file (the remove/exit path);
///  - no direct register_oom_notifier() whose callback gives memory back
///    (*freed += ... through its void *parm): that is mm_pressure_oom;
///  - no raw jiffies deadline stamped from a shrinker count_objects()
///    callback or a xenbus reclaim_memory() callback: that is
///    mm_pressure_squeeze.
/// The helper's own files (mm/mm_pressure*.c) are skipped.
///
// Confidence: Moderate
// Copyright: (C) 2026 The mm-pressure authors
// Comments: error paths are recognised by a goto, or by a return other
//  than "return 0" after the register's own failure check; a register
//  that is not assigned ("if (register(...))", "return register(...)") is
//  only checked for the remove/exit path.
// Options: --no-includes --include-headers
// Keywords: mm_pressure_oom_register, mm_pressure_squeeze_register

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

def helper_file(p):
    return re.search(r"(^|/)mm/mm_pressure[^/]*\.c$", p[0].file) is not None

def key(e):
    # &x->f, &x.f -> f; &g -> g
    e = e.replace(" ", "")
    m = re.match(r"^&.*(->|\.)(\w+)$", e)
    if m:
        return m.group(2)
    return e.lstrip("&")

unregs = {}

def mkpos(p):
    return cocci.make_position(p[0].file, p[0].current_element,
                               int(p[0].line), int(p[0].column),
                               int(p[0].line_end), int(p[0].column_end))

// ------------------------------------------- error paths of the register

@rg exists@
identifier reg =~ "^mm_pressure_(oom|squeeze)_register$";
identifier unreg =~ "^mm_pressure_(oom|squeeze)_unregister$";
expression E, ret;
identifier L;
position p1, pg;
@@
ret = reg@p1(E);
... when != unreg(E)
goto@pg L;
... when != unreg(E)
(
return 0;
|
return ...;
)

// the register's own failure check
@fc@
identifier reg =~ "^mm_pressure_(oom|squeeze)_register$";
expression rg.E, ret;
identifier L;
position rg.p1, rg.pg, pf;
@@
ret = reg@p1(E);
if@pf (\(ret\|ret < 0\|ret != 0\|IS_ERR_VALUE(ret)\)) goto@pg L;

// a goto that falls through to "if (c) unregister(E);"
@ok exists@
identifier unreg =~ "^mm_pressure_(oom|squeeze)_unregister$";
expression rg.E, c;
identifier rg.L;
position rg.pg, pu;
@@
goto@pg L;
... when != unreg(E)
if (c) unreg@pu(E);

@rr exists@
identifier reg =~ "^mm_pressure_(oom|squeeze)_register$";
identifier unreg =~ "^mm_pressure_(oom|squeeze)_unregister$";
expression E, ret;
identifier L;
statement S;
position p1, p2;
@@
ret = reg@p1(E);
if (\(ret\|ret < 0\|ret != 0\|IS_ERR_VALUE(ret)\)) S
... when != unreg(E)
    when != goto L;
(
return 0;
|
return@p2 ...;
)

@script:python rgs@
reg << rg.reg;
E << rg.E;
p1 << rg.p1;
pg << rg.pg;
okp << ok.pu = [];
fcp << fc.pf = [];
opg;
@@
if okp or fcp or helper_file(p1):
    cocci.include_match(False)
else:
    coccinelle.opg = mkpos(pg)

@script:python rrs@
p1 << rr.p1;
p2 << rr.p2;
op2;
@@
if helper_file(p1):
    cocci.include_match(False)
else:
    coccinelle.op2 = mkpos(p2)

@depends on context@
position rgs.opg;
identifier L;
@@
* goto@opg L;

@depends on context@
position rrs.op2;
@@
* return@op2 ...;

@script:python depends on report@
reg << rg.reg;
E << rg.E;
p1 << rg.p1;
pg << rgs.opg;
@@
coccilib.report.print_report(pg[0], "ERROR: missing %s(%s) on this error path; %s() on line %s" % (reg.replace("_register", "_unregister"), E.replace(" ", ""), reg, p1[0].line))

@script:python depends on report@
reg << rr.reg;
E << rr.E;
p1 << rr.p1;
p2 << rrs.op2;
@@
coccilib.report.print_report(p2[0], "ERROR: missing %s(%s) on this error path; %s() on line %s" % (reg.replace("_register", "_unregister"), E.replace(" ", ""), reg, p1[0].line))

@script:python depends on org@
reg << rg.reg;
p1 << rg.p1;
pg << rgs.opg;
@@
cocci.print_main(reg, p1)
cocci.print_secs("error path without unregister", pg)

@script:python depends on org@
reg << rr.reg;
p1 << rr.p1;
p2 << rrs.op2;
@@
cocci.print_main(reg, p1)
cocci.print_secs("error path without unregister", p2)

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
expression e;
identifier f;
@@
* f@op(e)

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

// ------------------------------- open-coded OOM release: mm_pressure_oom

@cb@
identifier fn, nbp, act, parm, freed;
expression E;
position p;
@@
int fn(struct notifier_block *nbp, unsigned long act, void *parm)
{
  ... when any
  unsigned long *freed = \(parm\|(unsigned long *)parm\);
  ... when any
  *freed +=@p E;
  ... when any
}

@sv@
identifier cb.fn, v;
@@
struct notifier_block v = { ..., .notifier_call = fn, ... };

@ostat@
identifier sv.v;
position p;
@@
register_oom_notifier@p(&v)

@mnb@
identifier cb.fn, nb;
expression x;
@@
x->nb.notifier_call = fn;

@omem@
identifier mnb.nb;
expression y;
position p;
@@
register_oom_notifier@p(&y->nb)

@script:python ors@
p << ostat.p = [];
q << omem.p = [];
op;
@@
pos = p or q
if not pos or helper_file(pos):
    cocci.include_match(False)
else:
    coccinelle.op = mkpos(pos)

@depends on context@
position ors.op;
expression e;
@@
* register_oom_notifier@op(e)

@script:python depends on report@
fn << cb.fn;
p << ors.op;
@@
coccilib.report.print_report(p[0], "WARNING: register_oom_notifier() with %s, which gives memory back: use mm_pressure_oom_register()" % fn)

@script:python depends on org@
fn << cb.fn;
p << ors.op;
@@
coccilib.org.print_todo(p[0], "register_oom_notifier() with %s, which gives memory back: use mm_pressure_oom_register()" % fn)

// -------------------------- raw deadline from reclaim: mm_pressure_squeeze

@scb@
identifier fn, s, x;
expression e;
@@
(
e->count_objects = fn;
|
struct shrinker s = { ..., .count_objects = fn, ... };
|
struct xenbus_driver x = { ..., .reclaim_memory = fn, ... };
)

@sdl@
identifier scb.fn;
expression dl, E;
position p;
symbol jiffies;
@@
fn(...)
{
  <+...
  dl =@p jiffies + E;
  ...+>
}

@script:python sds@
p << sdl.p;
op;
@@
if helper_file(p):
    cocci.include_match(False)
else:
    coccinelle.op = mkpos(p)

@depends on context@
position sds.op;
expression dl, E;
@@
* dl =@op E;

@script:python depends on report@
fn << scb.fn;
p << sds.op;
@@
coccilib.report.print_report(p[0], "WARNING: %s, called from reclaim, stamps a raw jiffies deadline: use mm_pressure_squeeze" % fn)

@script:python depends on org@
fn << scb.fn;
p << sds.op;
@@
coccilib.org.print_todo(p[0], "%s, called from reclaim, stamps a raw jiffies deadline: use mm_pressure_squeeze" % fn)
