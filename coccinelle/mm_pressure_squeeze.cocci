// SPDX-License-Identifier: GPL-2.0
/// Find shrinkers used only as a memory-pressure signal and convert them to
/// the mm_pressure squeeze policy (struct mm_pressure_squeeze,
/// mm_pressure_squeeze_register/unregister(), mm_pressure_squeezing()).
///
/// Patch mode converts two shapes, with high confidence.
///
/// The seed shape, one file: a count_objects callback whose whole body is
/// "dl = jiffies + msecs_to_jiffies(D); return 0;" with dl a global, in a
/// static struct shrinker registered with register_shrinker(), where dl is
/// only read by time_before(jiffies, dl) (or time_after(dl, jiffies)). The
/// callback, the shrinker and dl go; a static struct mm_pressure_squeeze
/// takes their place, and a duration variable that is only a module
/// parameter becomes duration_ms (the parameter keeps its name and
/// permissions, its type becomes uint).
///
/// The 6.12 Xen shape, which spans the files of a driver: a struct
/// xenbus_driver whose reclaim_memory() callback only stamps a per-device
/// field, "e->f = jiffies + msecs_to_jiffies(D);" (after an optional
/// lookup and NULL check), f an unsigned long declared in a structure, read
/// only by time_before(jiffies, e->f) / time_after(e->f, jiffies), the
/// driver registered with xenbus_register_backend() and unregistered with
/// xenbus_unregister_driver(). The callback, its .reclaim_memory and f go;
/// a struct mm_pressure_squeeze <driver>_squeeze with an empty opened()
/// placeholder takes the place of the duration variable (module parameter
/// bound to duration_ms, as above) or of the callback; it is registered
/// before the driver and unregistered after it; the checks become
/// mm_pressure_squeezing(); an extern declaration and <linux/mm_pressure.h>
/// go where the structure of f is declared. spatch must be given every file
/// that declares, stamps or reads f as one unit (on one command line, or
/// one group of --file-groups): one file at a time, as make coccicheck
/// runs it, the declaration of f is missing and nothing is converted.
///
/// Report mode also flags what is not converted: any count_objects callback
/// that stamps a jiffies deadline or always returns 0 (the xenbus backend
/// shrinker), deadlines stamped in a xenbus reclaim_memory() callback, and
/// time_before(jiffies, ...) checks of a deadline stamped in the same file
/// or held in a field named *squeeze*/*pressure* (a name-based guess for
/// the cross-file case).
///
// Confidence: High (patch), Moderate (report; the cross-file check is by name)
// Copyright: (C) 2026 The mm-pressure authors
// Comments: opened() is left unset (seed shape) or an empty placeholder
//  (Xen shape): waking the worker when a window opens is a driver decision.
//  The Xen shape does not remove the xenbus reclaim_memory hook, its
//  shrinker or reclaim_sem: that is safe only when no driver in the tree
//  implements the hook any more, which one unit of files cannot show.
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
xported = {}
# a name nothing has: an inherited identifier that must match nothing
# (cocci.include_match(False) would drop the match for every later rule)
NONE = "__mm_pressure_no_such_name"

def xhow(p, fn):
    st = xported.get((p[0].file, fn))
    if st and st.get("done"):
        return " (patch mode converts it)"
    if st and not st["sdecl"]:
        # the shape converts, the field is declared outside this unit
        return " (port by hand, or patch mode on all the files of the driver at once)"
    return " (port by hand)"

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

// The 6.12 Xen form, which spans the files of a driver (drivers/block/xen-blkback:
// xenbus.c stamps the deadline, blkback.c reads it, common.h declares it).
// It is converted only when spatch is given all of them as one unit (one
// command line, or one group of --file-groups): the per-device deadline
// field must be declared, stamped and read inside the unit. One file at a
// time (--dir, make coccicheck), nothing is converted.

// A xenbus reclaim_memory() callback that only stamps a deadline field.
@xdrv@
identifier x, fn;
@@
struct xenbus_driver x = { ..., .reclaim_memory = fn, ... };

@xcb@
symbol jiffies;
identifier xdrv.fn, dev, v, f;
type T;
expression E0, E, D;
position p;
@@
(
void fn(struct xenbus_device *dev)
{
  T v = E0;

  if (!v)
    return;
  E->f =@p jiffies + msecs_to_jiffies(D);
}
|
void fn(struct xenbus_device *dev)
{
  E->f =@p jiffies + msecs_to_jiffies(D);
}
)

// The declaration of the field must be in the unit.
@xfd@
identifier xcb.f, S;
position q;
@@
struct S@q { ... unsigned long f; ... };

@xinc@
position q;
@@
#include <linux/module.h>@q

// Every read of the field must be a window check.
@xfr@
symbol jiffies;
identifier xcb.f;
expression e;
position q;
@@
\(time_before@q(jiffies, e->f)\|time_after@q(e->f, jiffies)\)

@xfu@
identifier xcb.f;
expression e;
position q;
@@
\(e->f@q\|e.f@q\)

// The registration of the driver, where the squeeze is registered too.
@xreg@
identifier xdrv.x;
expression ret;
position q;
@@
\(return xenbus_register_backend@q(&x);\|ret = xenbus_register_backend@q(&x);\)

@xunr@
identifier xdrv.x;
position q;
@@
xenbus_unregister_driver@q(&x);

// A duration that is a module parameter and nothing else.
@script:python xdid@
D << xcb.D;
Di;
@@
import re
coccinelle.Di = cocci.make_ident(D if re.match(r"^[A-Za-z_]\w*$", D)
                                 else "__mm_pressure_no_such_name")

@xdv@
identifier xdid.Di;
expression N;
position q;
@@
static \(int\|unsigned int\) Di@q = N;

@xdp@
declarer name module_param_named;
identifier xdid.Di, n;
@@
module_param_named(n, Di, ...);

@xdvu@
identifier xdid.Di;
position q;
@@
Di@q

// module_param_named(Di, Di, ...) and MODULE_PARM_DESC(Di, ...): the
// name of the parameter, not a use of the variable
@xdpn@
declarer name module_param_named, MODULE_PARM_DESC;
identifier xdid.Di;
position q;
@@
(
module_param_named(Di@q, ...);
|
MODULE_PARM_DESC(Di@q, ...);
)

@script:python xdec@
x << xdrv.x;
fn << xdrv.fn;
pc << xcb.p;
f << xcb.f;
D << xcb.D;
sd << xfd.q = [];
incs << xinc.q = [];
reads << xfr.q = [];
uses << xfu.q = [];
reg << xreg.q = [];
unr << xunr.q = [];
N << xdv.N = "";
dq << xdv.q = [];
par << xdp.n = "";
duses << xdvu.q = [];
pnames << xdpn.q = [];
@@
import re
k = (pc[0].file, fn)
st = xported.setdefault(k, {"reads": set(), "uses": set(), "duses": set(),
                            "pnames": set(),
                            "sdecl": set(), "incs": set(), "reg": set(),
                            "unr": set()})
for name, ps in (("reads", reads), ("uses", uses), ("duses", duses),
                 ("pnames", pnames),
                 ("reg", reg), ("unr", unr)):
    for q in ps:
        st[name].add((q.file, q.line, q.column))
for q in sd:
    st["sdecl"].add((q.file, q.line))
for q in incs:
    st["incs"].add(q.file)
base = re.sub(r"_(driver|drv)$", "", x)
st["sq"] = base + "_squeeze"
st["D"] = D
st["N"] = N
st["par"] = bool(par)
st["dfile"] = dq[0].file if dq else pc[0].file

@script:python xout@
fn << xdrv.fn;
pc << xcb.p;
fnx;
sqn;
op;
dur;
@@
import re
st = xported.get((pc[0].file, fn))
# one structure declaring the field, in a file that includes <linux/module.h>
# (where the helper's header goes); one stamp, every other use a check; a
# registration and an unregistration of the driver
ok = (st and len(st["sdecl"]) == 1 and
      next(iter(st["sdecl"]))[0] in st["incs"] and
      len(st["uses"]) == len(st["reads"]) + 1 and st["reads"] and
      st["reg"] and st["unr"])
if ok:
    # uses of the variable: the parameter and the stamp
    st["dvar"] = bool(st["N"] and st["par"] and
                      len(st["duses"] - st["pnames"]) == 2)
    if not st["dvar"]:
        st["dfile"] = pc[0].file
    # otherwise D goes into a static initializer: a literal or a macro
    if not st["dvar"] and not re.match(r"^(\d+U?L?|[A-Z_][A-Z0-9_]*)$", st["D"]):
        ok = False
if not ok:
    cocci.include_match(False)
else:
    st["sfile"] = next(iter(st["sdecl"]))[0]
    coccinelle.fnx = cocci.make_ident(fn)
    coccinelle.sqn = cocci.make_ident(st["sq"])
    coccinelle.op = cocci.make_ident(st["sq"] + "_opened")
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

// The 6.12 Xen form (see xdrv above).

@depends on patch@
identifier xdrv.x, xout.fnx;
@@
struct xenbus_driver x = {
  ...,
- .reclaim_memory = fnx,
  ...
};

@script:python xdvp@
fn << xdrv.fn;
pc << xcb.p;
dvar;
fnd;
@@
st = xported.get((pc[0].file, fn))
if not st or not st.get("done") or not st["dvar"]:
    coccinelle.dvar = cocci.make_ident(NONE)
    coccinelle.fnd = cocci.make_ident(NONE)
else:
    coccinelle.dvar = cocci.make_ident(st["D"])
    coccinelle.fnd = cocci.make_ident(fn)

@script:python xdvo@
fn << xdrv.fn;
pc << xcb.p;
fnn;
@@
st = xported.get((pc[0].file, fn))
if not st or not st.get("done") or st["dvar"]:
    coccinelle.fnn = cocci.make_ident(NONE)
else:
    coccinelle.fnn = cocci.make_ident(fn)

// Duration from a module parameter: the squeeze and its opened() callback
// replace the variable, the parameter is bound to duration_ms, the
// reclaim_memory() callback goes.
@depends on patch@
identifier xdvp.dvar, xout.sqn, xout.op;
expression xout.dur, N;
type T;
@@
- static T dvar = N;
+ static void op(struct mm_pressure_squeeze *sq)
+ {
+	/* A window opened: wake the threads that check it, or drop this. */
+ }
+
+ struct mm_pressure_squeeze sqn = {
+	.name = KBUILD_MODNAME,
+	.duration_ms = dur,
+	.opened = op,
+ };

@depends on patch@
declarer name module_param_named;
identifier xdvp.dvar, xout.sqn, n, t;
expression perm;
@@
(
- module_param_named(n, dvar, int, perm);
+ module_param_named(n, sqn.duration_ms, uint, perm);
|
- module_param_named(n, dvar, t, perm);
+ module_param_named(n, sqn.duration_ms, uint, perm);
)

@depends on patch@
identifier xdvp.fnd, dev;
@@
- void fnd(struct xenbus_device *dev) { ... }

// Any other duration: the squeeze takes the place of the callback (added
// in front of it, then the callback goes: one rule cannot do both).
@depends on patch@
identifier xdvo.fnn;
identifier dev;
identifier xout.sqn, xout.op;
expression xout.dur;
@@
+ static void op(struct mm_pressure_squeeze *sq)
+ {
+	/* A window opened: wake the threads that check it, or drop this. */
+ }
+
+ struct mm_pressure_squeeze sqn = {
+	.name = KBUILD_MODNAME,
+	.duration_ms = dur,
+	.opened = op,
+ };
  void fnn(struct xenbus_device *dev) { ... }

@depends on patch@
identifier xdvo.fnn, dev;
@@
- void fnn(struct xenbus_device *dev) { ... }

// The field goes; the squeeze is declared where the structure of the field is
// (extern, unless that file also defines the squeeze).
@script:python xsd@
fn << xdrv.fn;
pc << xcb.p;
S << xfd.S;
q << xfd.q;
Sx;
@@
st = xported.get((pc[0].file, fn))
if not st or not st.get("done") or q[0].file == st["dfile"]:
    coccinelle.Sx = cocci.make_ident(NONE)
else:
    coccinelle.Sx = cocci.make_ident(S)

@depends on patch@
identifier xcb.f, xfd.S;
@@
struct S { ...
- unsigned long f;
  ... };

@depends on patch@
identifier xsd.Sx, xout.sqn;
@@
struct Sx { ... };
+ extern struct mm_pressure_squeeze sqn;

@depends on patch@
symbol jiffies;
identifier xcb.f, xout.sqn;
expression e;
@@
(
- time_before(jiffies, e->f)
+ mm_pressure_squeezing(&sqn)
|
- time_after(e->f, jiffies)
+ mm_pressure_squeezing(&sqn)
)

// Registered before the driver, unregistered after it: the window exists
// whenever reclaim_memory() could have been called.
@depends on patch@
identifier xdrv.x, xout.sqn;
expression ret;
@@
- ret = xenbus_register_backend(&x);
+ ret = mm_pressure_squeeze_register(&sqn);
+ if (!ret) {
+	ret = xenbus_register_backend(&x);
+	if (ret)
+		mm_pressure_squeeze_unregister(&sqn);
+ }

@depends on patch@
identifier xdrv.x, xout.sqn, rf;
type T;
@@
T rf(...) {
- return xenbus_register_backend(&x);
+ int err = mm_pressure_squeeze_register(&sqn);
+
+ if (err)
+	return err;
+ err = xenbus_register_backend(&x);
+ if (err)
+	mm_pressure_squeeze_unregister(&sqn);
+ return err;
}

@depends on patch@
identifier xdrv.x, xout.sqn;
@@
  xenbus_unregister_driver(&x);
+ mm_pressure_squeeze_unregister(&sqn);

// Last: include_match(False) here drops the match for later rules.
@script:python xis@
fn << xdrv.fn;
pc << xcb.p;
q << xinc.q;
qq;
@@
st = xported.get((pc[0].file, fn))
if not st or not st.get("done") or q[0].file != st["sfile"]:
    cocci.include_match(False)
else:
    coccinelle.qq = cocci.make_position(q[0].file, q[0].current_element,
                                        int(q[0].line), int(q[0].column),
                                        int(q[0].line_end),
                                        int(q[0].column_end))

@depends on patch@
position xis.qq;
@@
#include <linux/module.h>@qq
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
coccilib.report.print_report(p[0], "WARNING: reclaim_memory callback %s stamps a jiffies deadline: use struct mm_pressure_squeeze%s" % (fn, xhow(p, fn)))

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
