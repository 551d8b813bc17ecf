// SPDX-License-Identifier: GPL-2.0
/*
 * Success paths that return the register's variable (binder_init_device(),
 * vga_arb_device_init() shapes): ret is still the register's 0 there, or
 * the return follows the last step's own check. No report.
 */
#include <linux/module.h>
#include <linux/mm_pressure.h>

struct qux {
	struct mm_pressure_oom oom;
	struct list_head node;
};

static LIST_HEAD(qux_list);

static int qux_add(struct qux *q)
{
	int ret;

	ret = mm_pressure_oom_register(&q->oom);
	if (ret < 0) {
		kfree(q);
		return ret;
	}
	list_add(&q->node, &qux_list);
	return ret;
}

static int qux_add_hw(struct qux *q)
{
	int ret;

	ret = mm_pressure_oom_register(&q->oom);
	if (ret)
		goto out;
	ret = qux_hw_init(q);
	if (ret)
		goto out_unregister;
	return ret;

out_unregister:
	mm_pressure_oom_unregister(&q->oom);
out:
	return ret;
}

static void qux_del(struct qux *q)
{
	list_del(&q->node);
	mm_pressure_oom_unregister(&q->oom);
}
