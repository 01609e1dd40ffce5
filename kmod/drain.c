// SPDX-License-Identifier: GPL-2.0
/*
 * Draining. A draining server has weight 0 for the scheduler (sched.c's
 * view) and its templates place nothing (persist.c), so only its existing
 * connections reach it. A work item looks at the namespace's draining
 * servers once a second while there are any, and removes each whose
 * connections are gone or whose time is up, as a request to delete it
 * would; the packet path then resets what is left (hooks.c).
 */
#include <linux/jiffies.h>

#include "drain.h"
#include "netlink.h"
#include "netns.h"
#include "sched.h"

#define DRAIN_PERIOD	HZ

static bool drain_over(const struct lbvs_dest *dest)
{
	return time_after_eq(jiffies, dest->drain_until) ||
	       (!atomic_read(&dest->active) &&
		atomic_read(&dest->inactive) == atomic_read(&dest->closed));
}

/*
 * drained before the delete clears available: the packet path resets a
 * flow once it sees both. The reference keeps dest for its event.
 */
static void drain_end(struct lbvs_net *ln, struct lbvs_dest *dest)
{
	lbvs_dest_hold(dest);
	WRITE_ONCE(dest->drained, true);
	if (lbvs_dest_del(ln, dest, NULL))	/* no memory: next round */
		WRITE_ONCE(dest->drained, false);
	else
		lbvs_genl_drained(ln, dest);
	lbvs_dest_put(dest);
}

static void drain_run(struct work_struct *work)
{
	struct lbvs_net *ln = container_of(to_delayed_work(work), struct lbvs_net,
					   drain_work);
	struct lbvs_dest *dest, *tmp;

	mutex_lock(&ln->config_lock);
	list_for_each_entry_safe(dest, tmp, &ln->drain_list, drain_node)
		if (drain_over(dest))
			drain_end(ln, dest);
	if (!list_empty(&ln->drain_list))
		queue_delayed_work(system_power_efficient_wq, &ln->drain_work, DRAIN_PERIOD);
	mutex_unlock(&ln->config_lock);
}

void lbvs_drain_init(struct lbvs_net *ln)
{
	INIT_LIST_HEAD(&ln->drain_list);
	INIT_DELAYED_WORK(&ln->drain_work, drain_run);
}

void lbvs_drain_exit(struct lbvs_net *ln)
{
	cancel_delayed_work_sync(&ln->drain_work);
}

void lbvs_drain_forget(struct lbvs_net *ln, struct lbvs_dest *dest)
{
	lockdep_assert_held(&ln->config_lock);
	list_del_init(&dest->drain_node);
}

u32 lbvs_drain_left(const struct lbvs_dest *dest)
{
	long left;

	if (list_empty(&dest->drain_node))
		return 0;
	left = (long)(dest->drain_until - jiffies);
	return left > 0 ? DIV_ROUND_UP(left, HZ) : 1;
}

int lbvs_drain_set(struct lbvs_net *ln, struct lbvs_dest *dest, u32 secs,
		   struct netlink_ext_ack *extack)
{
	bool was = READ_ONCE(dest->draining);
	int err;

	lockdep_assert_held(&ln->config_lock);
	WRITE_ONCE(dest->draining, secs > 0);
	err = lbvs_sched_rebuild(ln, dest->svc, dest->svc->sched.algo);
	if (err) {
		WRITE_ONCE(dest->draining, was);
		NL_SET_ERR_MSG(extack, "cannot rebuild the scheduler: drain not changed");
		return err;
	}
	if (!secs) {
		lbvs_drain_forget(ln, dest);
	} else {
		dest->drain_until = jiffies + (unsigned long)secs * HZ;
		if (list_empty(&dest->drain_node))
			list_add_tail(&dest->drain_node, &ln->drain_list);
		queue_delayed_work(system_power_efficient_wq, &ln->drain_work, DRAIN_PERIOD);
	}
	lbvs_svc_changed(ln);
	return 0;
}
