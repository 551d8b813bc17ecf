// SPDX-License-Identifier: GPL-2.0
/// Find shrinkers used only as a memory-pressure signal: a count_objects()
/// callback that only stamps a deadline ("E = jiffies + X;" or
/// "WRITE_ONCE(E, jiffies + X);") and returns 0, with the
/// time_before(jiffies, E), time_after(E, jiffies) and
/// time_is_after_jiffies(E) checks of that deadline in the same file, and
/// a count_objects() callback that returns 0 on every path. Such a shrinker
/// is never asked to scan: use struct mm_pressure_squeeze and
/// mm_pressure_squeezing() instead.
///
// Confidence: Moderate
// Copyright: (C) 2026 The mm-pressure authors
// Comments: deadlines in structures are matched by field name; a check in
//  another file than the stamp is not found.
// Options: --no-includes --include-headers
// Keywords: count_objects, jiffies, time_before, mm_pressure_squeeze

virtual context
virtual report

@cb@
identifier fn, s;
expression e;
@@
\( e->count_objects = fn; \| struct shrinker s = { ..., .count_objects = fn, ... }; \)

@st@
identifier cb.fn, s, sc;
expression E, X;
statement S;
symbol jiffies;
position p, pf;
@@
unsigned long fn@pf(struct shrinker *s, struct shrink_control *sc)
{
  ... when != S
\(  E = jiffies@p + X; \| WRITE_ONCE(E, jiffies@p + X); \)
  return 0;
}

@zr@
identifier cb.fn, s, sc;
expression R != 0;
position p != st.pf;
@@
unsigned long fn@p(struct shrinker *s, struct shrink_control *sc)
{
  ... when != return R;
}

@depends on context@
position st.p;
@@
* jiffies@p

@depends on context@
position zr.p;
identifier g;
@@
* g@p(...)
  { ... }

@script:python depends on report@
fn << cb.fn;
E << st.E;
p << st.p;
@@
coccilib.report.print_report(p[0], "WARNING: count_objects callback %s only stamps deadline %s: a pressure signal, use struct mm_pressure_squeeze" % (fn, E.replace(" ", "")))

@script:python depends on report@
fn << cb.fn;
p << zr.p;
@@
coccilib.report.print_report(p[0], "WARNING: count_objects callback %s always returns 0: a pressure signal, use struct mm_pressure_squeeze" % fn)

@tb@
expression D;
symbol jiffies;
position q;
@@
\( time_before@q(jiffies, D) \| time_after@q(D, jiffies) \| time_is_after_jiffies@q(D) \)

// the same deadline: the same variable, or the same field, READ_ONCE() or not
@script:python tbs@
fn << cb.fn;
E << st.E;
D << tb.D;
q << tb.q;
oq;
@@
import re
key = lambda e: re.split(r"->|\.", re.sub(r"^READ_ONCE\((.*)\)$", r"\1", e.replace(" ", "")))[-1]
if key(D) != key(E):
    cocci.include_match(False)
else:
    coccinelle.oq = cocci.make_position(q[0].file, q[0].current_element, int(q[0].line),
        int(q[0].column), int(q[0].line_end), int(q[0].column_end))

@depends on context@
position tbs.oq;
identifier g;
@@
* g@oq(...)

@script:python depends on report@
fn << cb.fn;
D << tb.D;
q << tbs.oq;
@@
coccilib.report.print_report(q[0], "WARNING: window check of deadline %s stamped by %s: use mm_pressure_squeezing()" % (D.replace(" ", ""), fn))
