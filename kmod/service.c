// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual services and real servers: the configuration model. Lifetime and
 * locking rules are in service.h.
 */
#include <linux/jhash.h>
#include <linux/slab.h>

#include "addr.h"
#include "conn.h"
#include "drain.h"
#include "drop.h"
#include "fwd.h"
#include "hooks.h"
#include "netns.h"
#include "route.h"
#include "service.h"

void lbvs_svc_table_init(struct lbvs_svc_table *t)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t->hash); i++)
		INIT_HLIST_HEAD(&t->hash[i]);
	INIT_LIST_HEAD(&t->list);
	t->count = 0;
	t->port0 = 0;
	t->generation = 0;
}

static struct hlist_head *svc_bucket(struct lbvs_net *ln, const struct lbvs_svc_key *k)
{
	u32 h;

	if (k->fwmark)
		h = jhash_2words(k->fwmark, k->af, 0);
	else
		h = jhash((const void *)&k->addr, lbvs_addr_len(k->af),
			  ((u32)k->af << 24) ^ ((u32)k->protocol << 16) ^ ntohs(k->port));
	return &ln->svcs.hash[hash_32(h, LBVS_SVC_TAB_BITS)];
}

bool lbvs_svc_is(const struct lbvs_service *svc, const struct lbvs_svc_key *k)
{
	if (svc->af != k->af || svc->fwmark != k->fwmark)
		return false;
	if (k->fwmark)
		return true;
	return svc->protocol == k->protocol && svc->port == k->port &&
	       lbvs_addr_eq(k->af, &svc->addr, &k->addr);
}

static struct lbvs_service *svc_lookup(struct lbvs_net *ln, const struct lbvs_svc_key *key)
{
	struct lbvs_service *svc;

	hlist_for_each_entry_rcu(svc, svc_bucket(ln, key), hnode)
		if (lbvs_svc_is(svc, key))
			return svc;
	return NULL;
}

struct lbvs_service *lbvs_svc_lookup(struct lbvs_net *ln, u16 af, u8 protocol,
				     const union nf_inet_addr *daddr, __be16 dport, u32 mark)
{
	struct lbvs_svc_key key = {
		.af = af, .protocol = protocol, .port = dport, .addr = *daddr,
	};
	struct lbvs_service *svc = svc_lookup(ln, &key);

	if (!svc && mark) {
		struct lbvs_svc_key mkey = { .af = af, .fwmark = mark };

		svc = svc_lookup(ln, &mkey);
	}
	if (!svc && READ_ONCE(ln->svcs.port0)) {
		key.port = 0;
		svc = svc_lookup(ln, &key);
	}
	return svc;
}

const u8 lbvs_timeout_states[LBVS_SVC_TIMEOUTS] = {
	LBVS_S_ESTABLISHED, LBVS_S_FIN_WAIT, LBVS_S_UDP,
};

u32 lbvs_svc_state_timeout(const struct lbvs_service *svc, u8 state)
{
	unsigned int i;

	for (i = 0; i < LBVS_SVC_TIMEOUTS; i++)
		if (lbvs_timeout_states[i] == state)
			return READ_ONCE(svc->timeouts[i]);
	return 0;
}

static bool svc_port0(const struct lbvs_service *svc)
{
	return !svc->fwmark && !svc->port;
}

/* -o takes UDP datagrams (of a UDP or fwmark service) without an entry. */
static bool svc_one_packet(const struct lbvs_service *svc, u32 flags)
{
	return (flags & LBVS_SVC_F_ONEPACKET) && svc->protocol != IPPROTO_TCP;
}

/* Its replies pass the director and are translated through the entry. */
static bool fwd_replies(u32 fwd)
{
	return lbvs_fwd(fwd)->xmit_out;
}

/* Has svc a server whose replies do (replies) or do not pass the director? */
static bool svc_any(const struct lbvs_service *svc, bool replies)
{
	const struct lbvs_dest *dest;

	list_for_each_entry(dest, &svc->dests, list)
		if (fwd_replies(dest->fwd) == replies)
			return true;
	return false;
}

#define OPS_NO_REPLIES \
	"one-packet scheduling (-o) forwards by direct routing or tunnelling only: a NAT or FULLNAT reply needs an entry"
#define PROXY_NO_BYPASS \
	"the SYN proxy (--synproxy) needs NAT or FULLNAT servers: direct routing and tunnelling replies bypass the director"

/* After its servers change: may the SYN proxy take svc's flows? */
static void svc_proxy_update(struct lbvs_service *svc)
{
	WRITE_ONCE(svc->proxy_ok, svc->ndests && !svc_any(svc, false));
}

struct lbvs_service *lbvs_svc_find(struct lbvs_net *ln, const struct lbvs_svc_key *key)
{
	struct lbvs_service *svc;

	hlist_for_each_entry_rcu(svc, svc_bucket(ln, key), hnode,
				 lockdep_is_held(&ln->config_lock))
		if (lbvs_svc_is(svc, key))
			return svc;
	return NULL;
}

/* The last link of LBVS_RCU_FREE_LINKS' chain (service.h). */
static void svc_free_rcu(struct rcu_head *head)
{
	struct lbvs_service *svc = container_of(head, struct lbvs_service, rcu);

	lbvs_stats_free(&svc->stats);
	lbvs_svc_drops_free(svc);
	lbvs_laddr_free(svc);
	kfree(svc);
}

static void svc_put(struct lbvs_service *svc)
{
	if (refcount_dec_and_test(&svc->refcnt))
		call_rcu(&svc->rcu, svc_free_rcu);
}

/* Any change to a service, its servers or its pool: dumps restart. */
void lbvs_svc_changed(struct lbvs_net *ln)
{
	lockdep_assert_held(&ln->config_lock);
	ln->svcs.generation++;
}

static int svc_apply(struct lbvs_net *ln, struct lbvs_service *svc,
		     const struct lbvs_svc_conf *conf, u32 set, struct netlink_ext_ack *extack)
{
	const struct lbvs_sched_algo *algo = NULL;
	unsigned int i;
	int err;

	if (set & LBVS_SET_SCHED) {
		algo = lbvs_sched_lookup(conf->sched_name, extack);
		if (!algo)
			return -ENOENT;
	}
	for (i = 0; (set & LBVS_SET_TIMEOUTS) && i < LBVS_SVC_TIMEOUTS; i++) {
		if (conf->timeouts[i] > LBVS_TIMEOUT_MAX) {
			NL_SET_ERR_MSG(extack, "service timeout out of range 0..2592000 seconds");
			return -ERANGE;
		}
	}
	if ((set & LBVS_SET_TIMEOUT) && conf->timeout > LBVS_PERSIST_MAX) {
		NL_SET_ERR_MSG(extack, "persistence timeout out of range");
		return -ERANGE;
	}
	if ((set & LBVS_SET_FLAGS) && svc_port0(svc) &&
	    !(conf->flags & LBVS_SVC_F_PERSISTENT)) {
		/* IPVS takes it, then drops every packet with a log line. */
		NL_SET_ERR_MSG(extack, "a port-0 service (all ports) needs persistence");
		return -EINVAL;
	}
	if ((set & LBVS_SET_FLAGS) && svc_one_packet(svc, conf->flags) && svc_any(svc, true)) {
		NL_SET_ERR_MSG(extack, OPS_NO_REPLIES);
		return -EINVAL;
	}
	if ((set & LBVS_SET_FLAGS) && (conf->flags & LBVS_SVC_F_SYNPROXY) &&
	    svc->protocol == IPPROTO_UDP) {
		NL_SET_ERR_MSG(extack, "the SYN proxy (--synproxy) is for TCP and fwmark services");
		return -EINVAL;
	}
	if ((set & LBVS_SET_FLAGS) && (conf->flags & LBVS_SVC_F_SYNPROXY) && svc_any(svc, false)) {
		NL_SET_ERR_MSG(extack, PROXY_NO_BYPASS);
		return -EINVAL;
	}
	if ((set & LBVS_SET_NETMASK) && conf->netmask > lbvs_addr_len(svc->af) * 8) {
		NL_SET_ERR_MSG(extack, "persistence netmask longer than the address");
		return -ERANGE;
	}
	if (algo && algo != svc->sched.algo) {
		err = lbvs_sched_rebuild(ln, svc, algo);
		if (err)
			return err;
	}
	if (set & LBVS_SET_FLAGS)
		WRITE_ONCE(svc->flags, conf->flags & LBVS_SVC_FLAGS);
	if (set & LBVS_SET_TIMEOUT)
		WRITE_ONCE(svc->timeout, conf->timeout);
	for (i = 0; (set & LBVS_SET_TIMEOUTS) && i < LBVS_SVC_TIMEOUTS; i++)
		WRITE_ONCE(svc->timeouts[i], conf->timeouts[i]);
	if (set & LBVS_SET_NETMASK)
		WRITE_ONCE(svc->netmask, conf->netmask);
	return 0;
}

int lbvs_svc_add(struct lbvs_net *ln, const struct lbvs_svc_conf *conf,
		 struct netlink_ext_ack *extack)
{
	const struct lbvs_svc_key *k = &conf->key;
	struct lbvs_service *svc;
	int err;

	lockdep_assert_held(&ln->config_lock);
	if (lbvs_svc_find(ln, k)) {
		NL_SET_ERR_MSG(extack, "service already exists");
		return -EEXIST;
	}
	/* Before the service can match packets; they stay (hooks.c). */
	err = lbvs_net_start(ln);
	if (err)
		return err;
	err = lbvs_hooks_register(ln);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot register the netfilter hooks");
		return err;
	}
	svc = kzalloc(sizeof(*svc), GFP_KERNEL);
	if (!svc)
		return -ENOMEM;
	err = lbvs_stats_init(&svc->stats, &ln->stats_pool);
	if (err)
		goto err_free;
	INIT_LIST_HEAD(&svc->dests);
	refcount_set(&svc->refcnt, 1);
	svc->af = k->af;
	svc->protocol = k->protocol;
	svc->port = k->port;
	svc->fwmark = k->fwmark;
	svc->addr = k->addr;
	svc->netmask = lbvs_addr_len(k->af) * 8;
	lbvs_sched_init(&svc->sched);
	err = svc_apply(ln, svc, conf, LBVS_SET_SCHED | LBVS_SET_FLAGS | LBVS_SET_TIMEOUT |
			LBVS_SET_NETMASK | LBVS_SET_TIMEOUTS, extack);
	if (err)
		goto err_sched;

	hlist_add_head_rcu(&svc->hnode, svc_bucket(ln, k));
	list_add_tail(&svc->list, &ln->svcs.list);
	ln->svcs.count++;
	if (svc_port0(svc))
		WRITE_ONCE(ln->svcs.port0, ln->svcs.port0 + 1);
	lbvs_svc_changed(ln);
	return 0;

err_sched:
	lbvs_sched_free(ln, &svc->sched);
	lbvs_stats_free(&svc->stats);
err_free:
	kfree(svc);
	return err;
}

int lbvs_svc_edit(struct lbvs_net *ln, struct lbvs_service *svc,
		  const struct lbvs_svc_conf *conf, u32 set,
		  struct netlink_ext_ack *extack)
{
	int err;

	lockdep_assert_held(&ln->config_lock);
	err = svc_apply(ln, svc, conf, set, extack);
	if (!err)
		lbvs_svc_changed(ln);
	return err;
}

/* Out of the service; the scheduler must be rebuilt before dest_release(). */
static void dest_unlink(struct lbvs_net *ln, struct lbvs_dest *dest)
{
	lbvs_drain_forget(ln, dest);
	list_del(&dest->list);
	dest->svc->ndests--;
	WRITE_ONCE(dest->available, false);
}

/* Its connections stay until they expire, unless expire_nodest_conn. */
static void dest_release(struct lbvs_net *ln, struct lbvs_dest *dest)
{
	if (READ_ONCE(ln->sysctl.expire_nodest_conn))
		lbvs_conn_expire_nodest(ln);
	lbvs_dest_put(dest);
}

void lbvs_svc_del(struct lbvs_net *ln, struct lbvs_service *svc)
{
	struct lbvs_dest *dest, *tmp;

	lockdep_assert_held(&ln->config_lock);
	hlist_del_rcu(&svc->hnode);
	list_del_init(&svc->list);	/* empty: deleted, for lbvs_svc_estimate() */
	ln->svcs.count--;
	if (svc_port0(svc))
		WRITE_ONCE(ln->svcs.port0, ln->svcs.port0 - 1);
	lbvs_svc_changed(ln);
	lbvs_sched_free(ln, &svc->sched);
	list_for_each_entry_safe(dest, tmp, &svc->dests, list) {
		dest_unlink(ln, dest);
		dest_release(ln, dest);
	}
	svc_put(svc);
}

void lbvs_svc_flush(struct lbvs_net *ln)
{
	struct lbvs_service *svc, *tmp;

	lockdep_assert_held(&ln->config_lock);
	list_for_each_entry_safe(svc, tmp, &ln->svcs.list, list)
		lbvs_svc_del(ln, svc);
}

void lbvs_svc_zero(struct lbvs_service *svc)
{
	struct lbvs_dest *dest;

	lbvs_stats_zero(&svc->stats);
	lbvs_svc_drops_zero(svc);
	list_for_each_entry(dest, &svc->dests, list)
		lbvs_stats_zero(&dest->stats);
}

void lbvs_svc_zero_all(struct lbvs_net *ln)
{
	struct lbvs_service *svc;

	mutex_lock(&ln->config_lock);
	list_for_each_entry(svc, &ln->svcs.list, list)
		lbvs_svc_zero(svc);
	mutex_unlock(&ln->config_lock);
}

/*
 * A round over a large table is long: holding config_lock all along would
 * stall every configuration request behind it. The walk lets the lock go
 * every EST_BATCH entries, holding the service it stopped after; if that
 * one is deleted meanwhile, the rest of the round waits for the next
 * (their next sample then spans two intervals, as after a late round).
 */
#define EST_BATCH	256

void lbvs_svc_estimate(struct lbvs_net *ln)
{
	struct lbvs_service *svc;
	struct lbvs_dest *dest;
	unsigned int n = 0;
	bool gone;

	mutex_lock(&ln->config_lock);
	list_for_each_entry(svc, &ln->svcs.list, list) {
		lbvs_stats_estimate(&svc->stats);
		list_for_each_entry(dest, &svc->dests, list)
			lbvs_stats_estimate(&dest->stats);
		n += 1 + svc->ndests;
		if (n < EST_BATCH)
			continue;
		n = 0;
		refcount_inc(&svc->refcnt);
		mutex_unlock(&ln->config_lock);
		cond_resched();
		mutex_lock(&ln->config_lock);
		gone = list_empty(&svc->list);
		svc_put(svc);
		if (gone)
			break;
	}
	mutex_unlock(&ln->config_lock);
}

struct lbvs_dest *lbvs_dest_find(struct lbvs_service *svc, const struct lbvs_dest_conf *dc)
{
	struct lbvs_dest *dest;

	list_for_each_entry(dest, &svc->dests, list)
		if (dest->af == dc->af && dest->port == dc->port &&
		    lbvs_addr_eq(dc->af, &dest->addr, &dc->addr))
			return dest;
	return NULL;
}

/* As ipvsadm's table of tunnel types and options. */
static int tun_check(const struct lbvs_dest_conf *dc, u32 set, struct netlink_ext_ack *extack)
{
	const union lbvs_tun *t = &dc->tun;
	bool gue = t->type == LBVS_TUN_GUE;

	if (!t->type && !t->flags && !t->port)
		return 0;
	if ((set & LBVS_SET_FWD) && !lbvs_fwd(dc->fwd)->tunnels) {
		NL_SET_ERR_MSG(extack, "tunnel options need tunnelling (-i)");
		return -EINVAL;
	}
	if (gue != !!t->port) {
		NL_SET_ERR_MSG(extack, "a GUE tunnel needs a port, the others have none");
		return -EINVAL;
	}
	if ((t->flags & LBVS_TUN_F_REMCSUM) && !gue) {
		NL_SET_ERR_MSG(extack, "remote checksum offload is for GUE tunnels only");
		return -EINVAL;
	}
	if (t->flags && t->type == LBVS_TUN_IPIP) {
		NL_SET_ERR_MSG(extack, "an IPIP tunnel has no checksum option");
		return -EINVAL;
	}
	if (t->flags == LBVS_TUN_F_ALL) {
		NL_SET_ERR_MSG(extack, "a tunnel checksum is either local or remote");
		return -EINVAL;
	}
	return 0;
}

static int dest_check(const struct lbvs_service *svc, const struct lbvs_dest_conf *dc,
		      u32 set, struct netlink_ext_ack *extack)
{
	if ((set & LBVS_SET_FWD) && !lbvs_fwd(dc->fwd)) {
		NL_SET_ERR_MSG(extack, "unknown forwarding method");
		return -EINVAL;
	}
	if ((set & LBVS_SET_FWD) && !lbvs_fwd(dc->fwd)->maps_ports &&
	    svc->port && dc->port != svc->port) {
		NL_SET_ERR_MSG(extack,
			       "direct routing and tunnelling cannot map ports: the real server port must equal the service port");
		return -EINVAL;
	}
	if ((set & LBVS_SET_FWD) && fwd_replies(dc->fwd) && svc_one_packet(svc, svc->flags)) {
		NL_SET_ERR_MSG(extack, OPS_NO_REPLIES);
		return -EINVAL;
	}
	if ((set & LBVS_SET_FWD) && !fwd_replies(dc->fwd) && (svc->flags & LBVS_SVC_F_SYNPROXY)) {
		NL_SET_ERR_MSG(extack, PROXY_NO_BYPASS);
		return -EINVAL;
	}
	if ((set & LBVS_SET_TUN) && tun_check(dc, set, extack))
		return -EINVAL;
	if ((set & LBVS_SET_WEIGHT) && dc->weight > LBVS_WEIGHT_MAX) {
		NL_SET_ERR_MSG(extack, "weight out of range 0.." __stringify(LBVS_WEIGHT_MAX));
		return -ERANGE;
	}
	if (((set & LBVS_SET_U_THRESH) && dc->u_thresh > LBVS_THRESH_MAX) ||
	    ((set & LBVS_SET_L_THRESH) && dc->l_thresh > LBVS_THRESH_MAX)) {
		NL_SET_ERR_MSG(extack, "connection threshold out of range");
		return -ERANGE;
	}
	return 0;
}

/* As IPVS: the lower threshold may not exceed the upper one (even 0). */
static int thresh_check(u32 upper, u32 lower, struct netlink_ext_ack *extack)
{
	if (lower <= upper)
		return 0;
	NL_SET_ERR_MSG(extack, "lower threshold above upper threshold");
	return -ERANGE;
}

static void dest_apply(struct lbvs_net *ln, struct lbvs_dest *dest,
		       const struct lbvs_dest_conf *dc, u32 set)
{
	if (set & LBVS_SET_TUN)
		WRITE_ONCE(dest->tun.word, dc->tun.word);
	if ((set & LBVS_SET_FWD) && dest->fwd != dc->fwd)
		lbvs_route_dest_set_fwd(ln, dest, dc->fwd);
	if (set & LBVS_SET_WEIGHT)
		WRITE_ONCE(dest->weight, dc->weight);
	if (set & LBVS_SET_U_THRESH)
		lbvs_sched_set_limit(dest, dc->u_thresh);
	if (set & LBVS_SET_L_THRESH)
		WRITE_ONCE(dest->l_thresh, dc->l_thresh);
}

/* A new server of svc, not yet linked nor in the scheduler's set. */
static struct lbvs_dest *dest_new(struct lbvs_net *ln, struct lbvs_service *svc,
				  const struct lbvs_dest_conf *dc, u32 set,
				  struct netlink_ext_ack *extack)
{
	struct lbvs_dest *dest;
	int err;

	if (dc->af != svc->af) {
		NL_SET_ERR_MSG(extack, "real server address family differs from the service's");
		return ERR_PTR(-EAFNOSUPPORT);
	}
	if (lbvs_dest_find(svc, dc)) {
		NL_SET_ERR_MSG(extack, "real server already exists in this service");
		return ERR_PTR(-EEXIST);
	}
	err = dest_check(svc, dc, set, extack) ?:
	      thresh_check(dc->u_thresh, dc->l_thresh, extack);
	if (err)
		return ERR_PTR(err);
	dest = kzalloc(sizeof(*dest), GFP_KERNEL);
	if (!dest)
		return ERR_PTR(-ENOMEM);
	if (lbvs_stats_init(&dest->stats, &ln->stats_pool)) {
		kfree(dest);
		return ERR_PTR(-ENOMEM);
	}
	/* The cache's slots come with the first packet (route.c). */
	dest->rt_cache.reset_ts = jiffies;
	refcount_set(&dest->refcnt, 1);
	refcount_inc(&svc->refcnt);
	dest->svc = svc;
	dest->af = dc->af;
	dest->port = dc->port;
	dest->addr = dc->addr;
	dest->available = true;
	dest->sched_idx = -1;
	INIT_LIST_HEAD(&dest->drain_node);
	dest_apply(ln, dest, dc, set);
	return dest;
}

/*
 * Adds the n servers of dcs, or none: each is linked as it passes its
 * checks (so a later duplicate of it is refused), and the scheduler's set
 * is rebuilt once at the end. Until then the packet path cannot reach them,
 * so undoing is only unlinking. On a refusal, *bad is the index refused
 * (n if the rebuild failed).
 */
int lbvs_dest_add(struct lbvs_net *ln, struct lbvs_service *svc,
		  const struct lbvs_dest_conf *dcs, unsigned int n, unsigned int *bad,
		  struct netlink_ext_ack *extack)
{
	u32 set = LBVS_SET_FWD | LBVS_SET_WEIGHT | LBVS_SET_U_THRESH | LBVS_SET_L_THRESH |
		  LBVS_SET_TUN;
	struct lbvs_dest *dest;
	unsigned int i;
	int err = 0;

	lockdep_assert_held(&ln->config_lock);
	for (i = 0; i < n; i++) {
		dest = dest_new(ln, svc, &dcs[i], set, extack);
		if (IS_ERR(dest)) {
			err = PTR_ERR(dest);
			break;
		}
		list_add_tail(&dest->list, &svc->dests);
		svc->ndests++;
	}
	*bad = i;
	if (!err)
		err = lbvs_sched_rebuild(ln, svc, svc->sched.algo);
	if (!err) {
		svc_proxy_update(svc);
		lbvs_svc_changed(ln);
		return 0;
	}
	while (i--) {
		dest = list_last_entry(&svc->dests, struct lbvs_dest, list);
		dest_unlink(ln, dest);
		lbvs_dest_put(dest);
	}
	return err;
}

int lbvs_dest_edit(struct lbvs_net *ln, struct lbvs_dest *dest,
		   const struct lbvs_dest_conf *dc, u32 set,
		   struct netlink_ext_ack *extack)
{
	struct lbvs_dest_conf old = {
		.tun = dest->tun, .fwd = dest->fwd, .weight = dest->weight,
		.u_thresh = dest->u_thresh, .l_thresh = dest->l_thresh,
	};
	int err;

	lockdep_assert_held(&ln->config_lock);
	err = dest_check(dest->svc, dc, set, extack) ?:
	      thresh_check(set & LBVS_SET_U_THRESH ? dc->u_thresh : dest->u_thresh,
			   set & LBVS_SET_L_THRESH ? dc->l_thresh : dest->l_thresh, extack);
	if (err)
		return err;
	dest_apply(ln, dest, dc, set);
	err = lbvs_sched_rebuild(ln, dest->svc, dest->svc->sched.algo);
	if (err) {
		dest_apply(ln, dest, &old, set);
		return err;
	}
	svc_proxy_update(dest->svc);
	lbvs_svc_changed(ln);
	return 0;
}

/*
 * The scheduler's new set is built while the server is out of the list but
 * before anything else changes: if that fails, the server goes back where
 * it was and the delete is refused. Releasing it with the old set still in
 * place would let picks return it after it is freed.
 */
int lbvs_dest_del(struct lbvs_net *ln, struct lbvs_dest *dest,
		  struct netlink_ext_ack *extack)
{
	struct lbvs_service *svc = dest->svc;
	struct list_head *prev = dest->list.prev;
	int err;

	lockdep_assert_held(&ln->config_lock);
	list_del(&dest->list);
	svc->ndests--;
	err = lbvs_sched_rebuild(ln, svc, svc->sched.algo);
	if (err) {
		list_add(&dest->list, prev);
		svc->ndests++;
		NL_SET_ERR_MSG(extack, "cannot rebuild the scheduler: real server kept");
		return err;
	}
	lbvs_drain_forget(ln, dest);
	WRITE_ONCE(dest->available, false);
	svc_proxy_update(svc);
	lbvs_svc_changed(ln);
	dest_release(ln, dest);
	return 0;
}

/* The second link of LBVS_RCU_FREE_LINKS' chain (service.h). */
static void dest_free_rcu(struct rcu_head *head)
{
	struct lbvs_dest *dest = container_of(head, struct lbvs_dest, rcu);

	dst_cache_destroy(&dest->rt_cache);
	lbvs_stats_free(&dest->stats);
	svc_put(dest->svc);
	kfree(dest);
}

void lbvs_dest_put(struct lbvs_dest *dest)
{
	if (refcount_dec_and_test(&dest->refcnt))
		call_rcu(&dest->rcu, dest_free_rcu);
}
