// SPDX-License-Identifier: GPL-2.0
/// Find shrinkers used only as a memory-pressure signal and convert them to
/// the mm_pressure squeeze policy (struct mm_pressure_squeeze,
/// mm_pressure_squeeze_register/unregister(), mm_pressure_squeezing()).
///
/// Patch mode converts one shape, with high confidence: a count_objects
/// callback whose whole body is "dl = jiffies + msecs_to_jiffies(D);
/// return 0;" with dl a global, in a static struct shrinker registered with
/// register_shrinker(), where dl is only read by time_before(jiffies, dl)
/// (or time_after(dl, jiffies)). The callback, the shrinker and dl go; a
/// static struct mm_pressure_squeeze takes their place, and a duration
/// variable that is only a module parameter becomes duration_ms (the
/// parameter keeps its name and permissions, its type becomes uint).
///
/// Report mode also flags what is not converted: any count_objects callback
/// that stamps a jiffies deadline or always returns 0, deadlines stamped in
/// a xenbus reclaim_memory() callback (the 6.12 Xen form, where the
/// shrinker in xenbus_probe_backend.c and the deadline in xen-blkback live
/// in different files), and time_before(jiffies, ...) checks of a deadline
/// stamped in the same file or held in a field named *squeeze*/*pressure*
/// (a name-based guess for the cross-file case).
///
// Confidence: High (patch), Moderate (report; the cross-file check is by name)
// Copyright: (C) 2026 The mm-pressure authors
// Comments: the opened() callback is left unset: waking the worker when a
//  window opens is a driver decision.
// Options: --no-includes --include-headers
// Keywords: shrinker, count_objects, msecs_to_jiffies, mm_pressure_squeeze

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
ported = {}
zero_only = {}

// A count callback that only stamps a deadline.
@cnt@
symbol jiffies;
identifier fn, sh, sc, dl;
expression D;
position p;
@@
unsigned long fn(struct shrinker *sh, struct shrink_control *sc)
{
  dl =@p jiffies + msecs_to_jiffies(D);
  return 0;
}

@shs@
identifier cnt.fn, s;
@@
struct shrinker s = { ..., .count_objects = fn, ... };

@shr@
identifier shs.s;
position q;
@@
register_shrinker@q(&s, ...)

@dld@
identifier cnt.dl;
position q;
@@
unsigned long dl@q;

// Every read of dl must be a window check.
@dlr@
symbol jiffies;
identifier cnt.dl;
position q;
@@
\(time_before@q(jiffies, dl)\|time_after@q(dl, jiffies)\)

@dlu@
identifier cnt.dl;
position q;
@@
dl@q

// A duration that is a module parameter and nothing else.
@script:python did@
D << cnt.D;
Di;
@@
import re
# a duration that is not a plain variable binds a name nothing has
coccinelle.Di = cocci.make_ident(D if re.match(r"^[A-Za-z_]\w*$", D)
                                 else "__mm_pressure_no_such_name")

@dv@
identifier did.Di;
expression N;
@@
\(int\|unsigned int\) Di = N;

@dp@
declarer name module_param_named;
identifier did.Di, n;
@@
module_param_named(n, Di, ...);

@dvu@
identifier did.Di;
position q;
@@
Di@q

@script:python dec@
fn << cnt.fn;
pc << cnt.p;
dl << cnt.dl;
D << cnt.D;
s << shs.s = "";
reg << shr.q = [];
decl << dld.q = [];
reads << dlr.q = [];
uses << dlu.q = [];
N << dv.N = "";
par << dp.n = "";
duses << dvu.q = [];
@@
import re
# reads and uses arrive one binding at a time: collect them
st = ported.setdefault((pc[0].file, fn), {"ok": True, "reads": set(), "uses": set(),
                            "duses": set()})
if not (s and reg and decl):
    st["ok"] = False
for r in reads:
    st["reads"].add((r.line, r.column))
for u in uses:
    st["uses"].add((u.line, u.column))
for u in duses:
    st["duses"].add((u.line, u.column))
base = re.sub(r"_(end|deadline|until)$", "", dl)
st["sq"] = base + "_squeeze"
st["dl"] = dl
st["s"] = s
st["D"] = D
# the duration variable folds in only if the parameter is its one other use
st["dvar"] = bool(N and par)
st["N"] = N

@script:python out@
fn << cnt.fn;
pc << cnt.p;
fnp;
sq;
dur;
@@
st = ported.get((pc[0].file, fn))
# one use of dl is the stamp itself; every other use must be a check
if not st or not st["ok"] or len(st["uses"]) != len(st["reads"]) + 1:
    cocci.include_match(False)
else:
    if st["dvar"] and len(st["duses"]) != 2:
        st["dvar"] = False
    coccinelle.fnp = cocci.make_ident(fn)
    coccinelle.sq = cocci.make_ident(st["sq"])
    coccinelle.dur = cocci.make_expr(st["N"] if st["dvar"] else st["D"])
    st["done"] = True

// ---------------------------------------------------------------- patch

@pfn depends on patch@
symbol jiffies;
identifier out.fnp, cnt.sh, cnt.sc, cnt.dl;
expression cnt.D;
@@
- unsigned long fnp(struct shrinker *sh, struct shrink_control *sc)
- {
-   dl = jiffies + msecs_to_jiffies(D);
-   return 0;
- }

@depends on patch@
identifier out.fnp, shs.s;
@@
- struct shrinker s = { ..., .count_objects = fnp, ... };

@script:python sqdv@
fn << cnt.fn;
pc << cnt.p;
dvar;
@@
st = ported.get((pc[0].file, fn))
if not st or not st.get("done") or not st["dvar"]:
    cocci.include_match(False)
else:
    coccinelle.dvar = cocci.make_ident(st["D"])

// Duration from a module parameter: the squeeze replaces the variable.
@pdv depends on patch@
identifier sqdv.dvar, out.sq;
expression out.dur, N;
type T;
@@
- T dvar = N;
+ struct mm_pressure_squeeze sq = {
+	.name = KBUILD_MODNAME,
+	.duration_ms = dur,
+ };

@pdp depends on patch@
declarer name module_param_named;
identifier sqdv.dvar, out.sq, n, t;
expression perm;
@@
(
- module_param_named(n, dvar, int, perm);
+ module_param_named(n, sq.duration_ms, uint, perm);
|
- module_param_named(n, dvar, t, perm);
+ module_param_named(n, sq.duration_ms, uint, perm);
)

@pdl1 depends on patch && pdv@
identifier cnt.dl;
@@
- unsigned long dl;

@pdl2 depends on patch && !pdv@
identifier cnt.dl, out.sq;
expression out.dur;
@@
- unsigned long dl;
+ static struct mm_pressure_squeeze sq = {
+	.name = KBUILD_MODNAME,
+	.duration_ms = dur,
+ };

@preg depends on patch@
identifier shs.s, out.sq;
@@
(
- register_shrinker(&s, ...)
+ mm_pressure_squeeze_register(&sq)
|
- unregister_shrinker(&s)
+ mm_pressure_squeeze_unregister(&sq)
)

@pchk depends on patch@
symbol jiffies;
identifier cnt.dl, out.sq;
@@
(
- time_before(jiffies, dl)
+ mm_pressure_squeezing(&sq)
|
- time_after(dl, jiffies)
+ mm_pressure_squeezing(&sq)
)

@depends on patch && preg@
@@
  #include <linux/module.h>
+ #include <linux/mm_pressure.h>

// ----------------------------------------------- context, org, report

@cntcb depends on !patch@
identifier fn, s;
expression x;
@@
(
x->count_objects = fn;
|
struct shrinker s = { ..., .count_objects = fn, ... };
)

// Any count callback that stamps a jiffies deadline ...
@stamp depends on !patch@
symbol jiffies;
identifier cntcb.fn, sh, sc;
expression dl, E;
position p;
@@
unsigned long fn(struct shrinker *sh, struct shrink_control *sc)
{
  <+...
  dl =@p jiffies + E;
  ...+>
}

// ... or that always returns 0.
@cz depends on !patch@
identifier cntcb.fn, sh, sc;
position p;
@@
unsigned long fn@p(struct shrinker *sh, struct shrink_control *sc)
{
  ...
  return 0;
}

@cnz depends on !patch@
identifier cntcb.fn;
expression E;
position q;
@@
fn(...)
{
  <+...
  return@q E;
  ...+>
}

@script:python depends on !patch@
fn << cntcb.fn;
E << cnz.E;
q << cnz.q;
@@
if E != "0":
    zero_only[(q[0].file, fn)] = False

// A deadline stamped from a xenbus reclaim_memory() callback (6.12 Xen).
@rcb depends on !patch@
identifier fn, x;
@@
struct xenbus_driver x = { ..., .reclaim_memory = fn, ... };

@rstamp depends on !patch@
symbol jiffies;
identifier rcb.fn;
expression dl, D;
position p;
@@
fn(...)
{
  <+...
  dl =@p jiffies + msecs_to_jiffies(D);
  ...+>
}

// Window checks: a deadline stamped here, or a field named like one.
@chk1 depends on !patch@
symbol jiffies;
expression stamp.dl;
position p;
@@
time_before@p(jiffies, dl)

@chk2 depends on !patch@
symbol jiffies;
expression e;
identifier f =~ "squeeze|pressure";
position p;
@@
(
time_before@p(jiffies, e->f)
|
time_before@p(jiffies, e.f)
|
time_after@p(e->f, jiffies)
)

@depends on context && !patch@
symbol jiffies;
identifier cntcb.fn, sh, sc;
expression dl, E;
@@
unsigned long fn(struct shrinker *sh, struct shrink_control *sc)
{
  <+...
* dl = jiffies + E;
  ...+>
}

@depends on context && !patch@
symbol jiffies;
identifier rcb.fn;
expression dl, D;
@@
fn(...)
{
  <+...
* dl = jiffies + msecs_to_jiffies(D);
  ...+>
}

@depends on context && !patch@
symbol jiffies;
position chk1.p;
expression e;
@@
* time_before@p(jiffies, e)

@depends on context && !patch@
position chk2.p;
expression e1, e2;
@@
(
* time_before@p(e1, e2)
|
* time_after@p(e1, e2)
)

@script:python depends on report@
fn << cntcb.fn;
p << stamp.p;
@@
coccilib.report.print_report(p[0], "WARNING: shrinker count callback %s stamps a jiffies deadline: use struct mm_pressure_squeeze%s" % (fn, " (patch mode converts it)" if ported.get((p[0].file, fn), {}).get("done") else " (port by hand)"))

@script:python depends on report@
fn << cntcb.fn;
p << cz.p;
@@
if zero_only.get((p[0].file, fn), True) and (p[0].file, fn) not in ported:
    coccilib.report.print_report(p[0], "WARNING: shrinker count callback %s always returns 0: a pressure signal, use struct mm_pressure_squeeze (port by hand)" % fn)

@script:python depends on report@
fn << rcb.fn;
p << rstamp.p;
@@
coccilib.report.print_report(p[0], "WARNING: reclaim_memory callback %s stamps a jiffies deadline: use struct mm_pressure_squeeze (port by hand)" % fn)

@script:python depends on report@
p << chk1.p;
@@
coccilib.report.print_report(p[0], "WARNING: open-coded squeeze window check: use mm_pressure_squeezing()")

@script:python depends on report@
p << chk2.p;
@@
coccilib.report.print_report(p[0], "WARNING: open-coded squeeze window check: use mm_pressure_squeezing()")

@script:python depends on org@
fn << cntcb.fn;
p << stamp.p;
@@
coccilib.org.print_todo(p[0], "shrinker count callback %s stamps a jiffies deadline: use struct mm_pressure_squeeze" % fn)

@script:python depends on org@
fn << rcb.fn;
p << rstamp.p;
@@
coccilib.org.print_todo(p[0], "reclaim_memory callback %s stamps a jiffies deadline: use struct mm_pressure_squeeze" % fn)

@script:python depends on org@
p << chk2.p;
@@
coccilib.org.print_todo(p[0], "open-coded squeeze window check: use mm_pressure_squeezing()")

@script:python depends on org@
fn << cntcb.fn;
p << cz.p;
@@
if zero_only.get((p[0].file, fn), True) and (p[0].file, fn) not in ported:
    coccilib.org.print_todo(p[0], "shrinker count callback %s always returns 0: use struct mm_pressure_squeeze" % fn)

@script:python depends on org@
p << chk1.p;
@@
coccilib.org.print_todo(p[0], "open-coded squeeze window check: use mm_pressure_squeezing()")
