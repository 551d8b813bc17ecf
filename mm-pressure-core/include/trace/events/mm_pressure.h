/* SPDX-License-Identifier: GPL-2.0 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mm_pressure

#if !defined(_TRACE_MM_PRESSURE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_MM_PRESSURE_H

#include <linux/tracepoint.h>

TRACE_EVENT(mm_pressure_oom_release,
	    TP_PROTO(const char *name, unsigned long asked,
		     unsigned long released, unsigned long pages),
	    TP_ARGS(name, asked, released, pages),
	    TP_STRUCT__entry(__string(name, name)
			     __field(unsigned long, asked)
			     __field(unsigned long, released)
			     __field(unsigned long, pages)),
	    TP_fast_assign(__assign_str(name);
			   __entry->asked = asked;
			   __entry->released = released;
			   __entry->pages = pages;),
	    TP_printk("name=%s asked=%lu released=%lu pages=%lu",
		      __get_str(name), __entry->asked, __entry->released,
		      __entry->pages)
);

TRACE_EVENT(mm_pressure_squeeze_open,
	    TP_PROTO(const char *name, unsigned int duration_ms),
	    TP_ARGS(name, duration_ms),
	    TP_STRUCT__entry(__string(name, name)
			     __field(unsigned int, duration_ms)),
	    TP_fast_assign(__assign_str(name);
			   __entry->duration_ms = duration_ms;),
	    TP_printk("name=%s duration_ms=%u",
		      __get_str(name), __entry->duration_ms)
);

#endif /* _TRACE_MM_PRESSURE_H */

/* This part must be outside protection */
#include <trace/define_trace.h>
