// SPDX-License-Identifier: GPL-2.0
/// Convert an OOM notifier that gives memory back (*freed += ... through the
/// notifier's void *parm) to the mm_pressure OOM policy: the notifier_block
/// becomes a struct mm_pressure_oom, the callback becomes
/// release(mpo, nr_units) returning the units given back, and
/// register/unregister_oom_notifier() become mm_pressure_oom_register/
/// unregister() on the same paths.
///
/// Patch mode converts two shapes: a notifier_block member of a device
/// struct reached with container_of() (virtio_balloon), and a static
/// notifier_block with a designated initializer (s390 CMM). The number of
/// units asked for (batch) must be visible in the callback, either as
/// "nr = B; ... *freed += B - nr;" or as a single "*freed += f(x, B) [/ D];"
/// with B a literal or an upper-case macro. A static notifier also needs a
/// constant B (pseries CMM reads a module parameter: reported only).
/// Everything else the rule matches is only reported.
/// The release callback returns what *freed received, in the driver's
/// unit; unit_shift is PAGE_SHIFT, or PAGE_SHIFT - ilog2(D) when the
/// callback divided by D. Review the result: the driver must also select
/// MM_PRESSURE in Kconfig (not done here), the callback and member keep
/// their names, the "released" accumulator can often be simplified, and
/// holdoff_ms is left at 0 (the old behaviour).
///
// Confidence: Moderate
// Copyright: (C) 2026 The mm-pressure authors
// Comments: name is KBUILD_MODNAME: use a per-device name if a driver can
//  register more than once. A member-shape batch "nr = B" may be any
//  expression; it is then evaluated once, at registration.
// Options: --no-includes --include-headers
// Keywords: register_oom_notifier, mm_pressure_oom_register

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
ported = {}

// The callback: *freed += ..., with freed the notifier's void *parm.
@cb@
identifier fn, nbp, act, parm, freed;
expression E;
position p1, p2;
@@
int fn@p1(struct notifier_block *nbp, unsigned long act, void *parm)
{
  ... when any
  unsigned long *freed = \(parm\|(unsigned long *)parm\);
  ... when any
  *freed +=@p2 E;
  ... when any
}

// Batch, shape a: "nr = B; ... *freed += B - nr;"
@ba@
identifier cb.fn, cb.freed, nr;
expression B;
type T;
@@
fn(...)
{
  ... when any
(
  T nr = B;
|
  nr = B;
)
  ... when any
  *freed += B - nr;
  ... when any
}

// Batch, shape b: "*freed += f(x, B) / D;" or "*freed += f(x, B);"
@bb1@
identifier cb.fn, cb.freed, f;
expression x, D;
expression B;
@@
fn(...)
{
  ... when any
  *freed += f(x, B) / D;
  ... when any
}

@bb2@
identifier cb.fn, cb.freed, f;
expression x;
expression B;
@@
fn(...)
{
  ... when any
  *freed += f(x, B);
  ... when any
}

// More than one "*freed +=": shape b is then ambiguous.
@many@
identifier cb.fn, cb.freed;
expression E1, E2;
position q1, q2 != q1;
@@
fn(...)
{
  ... when any
  *freed +=@q1 E1;
  ... when any
  *freed +=@q2 E2;
  ... when any
}

// Registration, member shape: x->nb.notifier_call = fn with container_of().
@rm@
identifier cb.fn, nb;
expression x;
@@
x->nb.notifier_call = fn;

@cm@
identifier cb.fn, cb.nbp, rm.nb, S;
@@
fn(...)
{
  <+... container_of(nbp, struct S, nb) ...+>
}

@gm@
identifier rm.nb;
expression y;
@@
register_oom_notifier(&y->nb)

// Registration, static shape.
@rs@
identifier cb.fn, v;
@@
struct notifier_block v = {
  .notifier_call = fn,
};

@gs@
identifier rs.v;
position gp;
@@
register_oom_notifier@gp(&v)

// Decide whether the callback can be converted, and build the new fields.
@script:python dec@
fn << cb.fn;
p1 << cb.p1;
aB << ba.B = "";
b1B << bb1.B = "";
b1D << bb1.D = "";
b2B << bb2.B = "";
m << many.q2 = [];
nb << rm.nb = "";
S << cm.S = "";
gmy << gm.y = "";
v << rs.v = "";
gsp << gs.gp = [];
@@
import re
ok = True
B = aB or b1B or b2B
if not B or (m and not aB):
    ok = False
member = bool(nb and S and gmy)
static = bool(v and gsp)
if member == static:
    ok = False
const = re.match(r"^([0-9]+[uUlL]*|[A-Z][A-Z0-9_]*)$", B or "")
if not const and (static or not aB):
    ok = False
if ok:
    unit = "PAGE_SHIFT"
    if b1D and not aB:
        unit = "PAGE_SHIFT - ilog2(%s)" % b1D
    ported[(p1[0].file, fn)] = (nb or v, S or "unused", B, unit)

// ----------------------------------------------- context, org, report

@ctx depends on context && !patch@
identifier cb.fn, cb.freed;
expression E;
@@
fn(...)
{
  <...
* *freed += E;
  ...>
}

@rgm depends on (org || report) && !patch@
identifier rm.nb;
expression y;
position p;
@@
register_oom_notifier@p(&y->nb)

@rgs depends on (org || report) && !patch@
identifier rs.v;
position p;
@@
register_oom_notifier@p(&v)

@script:python depends on report@
fn << cb.fn;
p << rgm.p;
@@
coccilib.report.print_report(p[0], "WARNING: register_oom_notifier() for %s: use mm_pressure_oom_register()" % fn)

@script:python depends on report@
fn << cb.fn;
p << rgs.p;
@@
coccilib.report.print_report(p[0], "WARNING: register_oom_notifier() for %s: use mm_pressure_oom_register()" % fn)

@script:python depends on report@
fn << cb.fn;
p << cb.p2;
@@
if (p[0].file, fn) in ported:
    msg = "WARNING: OOM notifier %s gives memory back: use struct mm_pressure_oom (patch mode converts it)" % fn
else:
    msg = "WARNING: OOM notifier %s gives memory back: use struct mm_pressure_oom (shape not converted automatically: port by hand)" % fn
coccilib.report.print_report(p[0], msg)

@script:python depends on org@
fn << cb.fn;
p << cb.p2;
@@
how = "patch mode converts it" if (p[0].file, fn) in ported else "port by hand"
coccilib.org.print_todo(p[0], "OOM notifier %s gives memory back: use struct mm_pressure_oom (%s)" % (fn, how))

@script:python out@
fn << cb.fn;
p1 << cb.p1;
fnp;
nbk;
sname;
mbatch;
munit;
@@
if (p1[0].file, fn) not in ported:
    cocci.include_match(False)
else:
    nb, S, B, unit = ported[(p1[0].file, fn)]
    coccinelle.fnp = cocci.make_ident(fn)
    coccinelle.nbk = cocci.make_ident(nb)
    coccinelle.sname = cocci.make_ident(S)
    coccinelle.mbatch = cocci.make_expr(B)
    coccinelle.munit = cocci.make_expr(unit)

// ---------------------------------------------------------------- patch


@pb depends on patch@
identifier out.fnp;
identifier cb.freed, cb.parm;
@@
fnp(...)
{
  ...
- unsigned long *freed = \(parm\|(unsigned long *)parm\);
+ unsigned long released = 0;
  ...
}

@pb2 depends on patch@
identifier out.fnp;
identifier cb.freed, cb.nbp;
expression E;
@@
fnp(...)
{
  <...
(
- *freed += E;
+ released += E;
|
- return \(NOTIFY_OK\|NOTIFY_DONE\|NOTIFY_STOP\);
+ return released;
|
- nbp
+ mpo
)
  ...>
}

@pba depends on patch@
identifier out.fnp;
expression ba.B;
@@
fnp(...)
{
  <...
- B
+ nr_units
  ...>
}

@pbb1 depends on patch@
identifier out.fnp, bb1.f;
expression bb1.x, bb1.D, bb1.B;
@@
fnp(...)
{
  <...
- f(x, B) / D
+ f(x, nr_units)
  ...>
}

@pbb2 depends on patch@
identifier out.fnp, bb2.f;
expression bb2.x, bb2.B;
@@
fnp(...)
{
  <...
- f(x, B)
+ f(x, nr_units)
  ...>
}

@ph depends on patch@
identifier out.fnp, cb.nbp, cb.act, cb.parm;
@@
- int
+ unsigned long
  fnp(
- struct notifier_block *nbp, unsigned long act, void *parm
+ struct mm_pressure_oom *mpo, unsigned long nr_units
  )
  {...}

@prm depends on patch@
identifier out.fnp, out.nbk;
expression x, P;
expression out.mbatch, out.munit;
@@
(
- x->nbk.notifier_call = fnp;
- x->nbk.priority = P;
+ x->nbk.name = KBUILD_MODNAME;
+ x->nbk.priority = P;
+ x->nbk.batch = mbatch;
+ x->nbk.unit_shift = munit;
+ x->nbk.release = fnp;
|
- x->nbk.notifier_call = fnp;
+ x->nbk.name = KBUILD_MODNAME;
+ x->nbk.batch = mbatch;
+ x->nbk.unit_shift = munit;
+ x->nbk.release = fnp;
)

@psm depends on patch@
identifier out.nbk, out.sname;
@@
struct sname {
  ...
- struct notifier_block nbk;
+ struct mm_pressure_oom nbk;
  ...
};

@prs depends on patch@
identifier out.fnp, out.nbk;
expression out.mbatch, out.munit;
@@
  struct
- notifier_block
+ mm_pressure_oom
  nbk = {
+ .name = KBUILD_MODNAME,
+ .batch = mbatch,
+ .unit_shift = munit,
  .
- notifier_call
+ release
  = fnp,
  };

@preg depends on patch@
identifier out.nbk;
expression x;
@@
(
- register_oom_notifier(&x->nbk)
+ mm_pressure_oom_register(&x->nbk)
|
- unregister_oom_notifier(&x->nbk)
+ mm_pressure_oom_unregister(&x->nbk)
|
- register_oom_notifier(&nbk)
+ mm_pressure_oom_register(&nbk)
|
- unregister_oom_notifier(&nbk)
+ mm_pressure_oom_unregister(&nbk)
)

@depends on patch && ph@
@@
  #include <linux/oom.h>
+ #include <linux/mm_pressure.h>
