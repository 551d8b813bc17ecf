// SPDX-License-Identifier: GPL-2.0
/*
 * devm probe: the unregister is a devm action added right after the
 * register (devm_add_action_or_reset() runs it itself if it fails), so
 * later plain returns do not leak and there is no remove. No report.
 */
#include <linux/platform_device.h>
#include <linux/mm_pressure.h>

struct baz {
	struct mm_pressure_oom oom;
	void __iomem *regs;
};

static void baz_oom_unregister(void *data)
{
	struct baz *baz = data;

	mm_pressure_oom_unregister(&baz->oom);
}

static int baz_probe(struct platform_device *pdev)
{
	struct baz *baz;
	int ret;

	baz = devm_kzalloc(&pdev->dev, sizeof(*baz), GFP_KERNEL);
	if (!baz)
		return -ENOMEM;

	baz->oom.name = dev_name(&pdev->dev);
	baz->oom.release = baz_release;
	ret = mm_pressure_oom_register(&baz->oom);
	if (ret)
		return dev_err_probe(&pdev->dev, ret, "cannot register\n");

	ret = devm_add_action_or_reset(&pdev->dev, baz_oom_unregister, baz);
	if (ret)
		return ret;

	baz->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(baz->regs))
		return PTR_ERR(baz->regs);

	return 0;
}
