// SPDX-License-Identifier: GPL-2.0
/* s390 CMM shape: static notifier_block, "nr = B; *freed += B - nr". */
#include <linux/oom.h>

static int cmm_oom_notify(struct notifier_block *self,
			  unsigned long dummy, void *parm)
{
	unsigned long *freed = parm;
	long nr = 256;

	nr = cmm_free_pages(nr, &cmm_timed_pages, &cmm_timed_page_list);
	if (nr > 0)
		nr = cmm_free_pages(nr, &cmm_pages, &cmm_page_list);
	cmm_pages_target = cmm_pages;
	*freed += 256 - nr;
	return NOTIFY_OK;
}

static struct notifier_block cmm_oom_nb = {
	.notifier_call = cmm_oom_notify,
};

static int __init cmm_init(void)
{
	int rc;

	rc = register_oom_notifier(&cmm_oom_nb);
	if (rc < 0)
		goto out;
	cmm_thread_ptr = kthread_run(cmm_thread, NULL, "cmmthread");
	if (!IS_ERR(cmm_thread_ptr))
		return 0;
	rc = PTR_ERR(cmm_thread_ptr);
	unregister_oom_notifier(&cmm_oom_nb);
out:
	return rc;
}

static void __exit cmm_exit(void)
{
	unregister_oom_notifier(&cmm_oom_nb);
}
