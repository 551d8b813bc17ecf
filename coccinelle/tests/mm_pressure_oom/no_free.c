// SPDX-License-Identifier: GPL-2.0
/* An OOM notifier that only prints: must not match. */
#include <linux/oom.h>

static int dump_oom_notify(struct notifier_block *nb,
			   unsigned long dummy, void *parm)
{
	pr_info("OOM: %lu objects\n", nr_objects);
	return NOTIFY_OK;
}

static struct notifier_block dump_oom_nb = {
	.notifier_call = dump_oom_notify,
};

static int __init dump_init(void)
{
	return register_oom_notifier(&dump_oom_nb);
}

static void __exit dump_exit(void)
{
	unregister_oom_notifier(&dump_oom_nb);
}
