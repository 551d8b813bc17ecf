// SPDX-License-Identifier: GPL-2.0
/*
 * A direct OOM notifier that gives memory back (reported), beside one that
 * only logs (not reported).
 */
#include <linux/oom.h>

static int cmm_oom_notify(struct notifier_block *self,
			  unsigned long dummy, void *parm)
{
	unsigned long *freed = parm;
	long nr = 256;

	nr = cmm_free_pages(nr);
	*freed += 256 - nr;
	return NOTIFY_OK;
}

static struct notifier_block cmm_oom_nb = {
	.notifier_call = cmm_oom_notify,
};

static int log_oom_notify(struct notifier_block *self,
			  unsigned long dummy, void *parm)
{
	pr_info("oom\n");
	return NOTIFY_OK;
}

static struct notifier_block log_oom_nb = {
	.notifier_call = log_oom_notify,
};

static int __init cmm_init(void)
{
	int rc;

	rc = register_oom_notifier(&log_oom_nb);
	if (rc)
		return rc;
	return register_oom_notifier(&cmm_oom_nb);
}
