// SPDX-License-Identifier: GPL-2.0
/*
 * pseries CMM shape: the batch is read from a module parameter at every
 * OOM event. Not converted (a static mm_pressure_oom needs a constant
 * batch); report mode flags it.
 */
#include <linux/oom.h>

static unsigned int oom_kb = 1024;
module_param_named(oom_kb, oom_kb, uint, 0644);

static int cmm_oom_notify(struct notifier_block *self,
			  unsigned long dummy, void *parm)
{
	unsigned long *freed = parm;
	long nr = KB2PAGES(oom_kb);

	nr = cmm_free_pages(nr);
	*freed += KB2PAGES(oom_kb) - nr;
	oom_freed_pages += KB2PAGES(oom_kb) - nr;
	return NOTIFY_OK;
}

static struct notifier_block cmm_oom_nb = {
	.notifier_call = cmm_oom_notify
};

static int cmm_init(void)
{
	int rc;

	rc = register_oom_notifier(&cmm_oom_nb);
	if (rc < 0)
		return rc;
	return 0;
}

static void cmm_exit(void)
{
	unregister_oom_notifier(&cmm_oom_nb);
}
