// SPDX-License-Identifier: GPL-2.0
/*
 * The connection sync daemons (sync.h), after IPVS's ip_vs_sync.c, with one
 * thread per role rather than IPVS's pool, and no version 0.
 *
 * Master: the packet path encodes an entry (sync_msg.c) into the message
 * being filled; a full one moves onto a bounded queue and wakes the thread,
 * which sends with MSG_DONTWAIT and flushes a partial message once it is a
 * second old. The packet path never waits: a full queue drops.
 *
 * Backup: the thread reads datagrams, the codec checks their framing, and
 * each entry is checked against the configuration (service, real server,
 * protocol, state) before it touches the table: the group is a LAN any
 * host can send to.
 */
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ip_vs.h>
#include <linux/ipv6.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>
#include <net/udp.h>

#include "conn.h"
#include "fwd.h"
#include "laddr.h"
#include "netlink.h"
#include "netns.h"
#include "persist.h"
#include "proto_state.h"
#include "sched.h"
#include "service.h"
#include "sync.h"
#include "sync_ext.h"
#include "sync_msg.h"
#include "sync_resync.h"
#include "sync_peer.h"
#include "sync_rule.h"

/* A partial message goes out this long after its first entry (IPVS: 1-2 s). */
#define SYNC_FLUSH		HZ
/* Room for one entry as lbvs sends them (no options): the least maxlen. */
#define SYNC_MIN_MAXLEN		(LBVS_SYNC_HDR_LEN + LBVS_SYNC_V6_LEN)
/* A backup takes what an IPVS master may send (start_sync_thread()). */
#define SYNC_BACKUP_MIN_MAXLEN	1024
#define SYNC_MTU_DEFAULT	1500
/* Resync messages (sync_resync.h) and the master's reads: small. */
#define SYNC_CTL_MAX		128
/*
 * A backup's receive buffer (sock_set_rcvbuf() doubles it): a resync
 * comes as fast as the master sends, a few thousand messages for 100,000
 * entries, while the thread may be busy applying them.
 */
#define SYNC_BACKUP_RCVBUF	(4 << 20)

/* A message in the making or queued: the codec's buffer and its memory. */
struct sync_mbuf {
	struct list_head list;		/* lbvs_sync_master.queue */
	struct lbvs_sync_buf b;
	u8 next_peer;			/* the peer to send it to next */
	u8 data[];
};

struct lbvs_sync_master {
	struct lbvs_net *ln;		/* its sysctls */
	struct lbvs_sync_cfg cfg;	/* constant while it runs */
	struct socket *sock;		/* the thread's */
	struct socket *rx;		/* the thread's: resync requests */
	struct lbvs_resync_master *rs;	/* the thread's */
	struct task_struct *task;
	/*
	 * lock (BH: the packet path takes it) protects cur, since, queue
	 * and qlen, and the tx counters but tx_msgs and tx_conns, which only
	 * the thread writes.
	 */
	spinlock_t lock;
	struct sync_mbuf *cur;		/* being filled, or NULL */
	unsigned long since;		/* jiffies of cur's first entry */
	struct list_head queue;		/* full messages, oldest first */
	unsigned int qlen;
	atomic64_t tx_msgs, tx_conns, tx_dropped;
};

struct lbvs_sync_backup {
	struct lbvs_net *ln;
	struct lbvs_sync_cfg cfg;	/* constant while it runs */
	struct socket *sock;		/* the thread's */
	struct task_struct *task;
	u8 *buf;			/* cfg.maxlen bytes, the thread's */
	struct lbvs_resync_backup *rs;	/* the thread's; counters: sync_resync.h */
	/* Written by the thread, read under config_lock. */
	atomic64_t rx_msgs, rx_conns, rx_refused, rx_errors, rx_auth_failed, rx_not_peer;
};

/* ---- configuration ---- */

static struct lbvs_sync_master *master_of(struct lbvs_net *ln)
{
	return rcu_dereference_protected(ln->sync.master,
					 lockdep_is_held(&ln->config_lock));
}

static bool role_runs(struct lbvs_net *ln, enum lbvs_sync_role role)
{
	return role == LBVS_SYNC_MASTER ? !!master_of(ln) : !!ln->sync.backup;
}

static bool group_ok(const struct lbvs_sync_cfg *c)
{
	return c->af == AF_INET ? ipv4_is_multicast(c->group.ip) :
				  ipv6_addr_is_multicast(&c->group.in6);
}

/* IPVS's defaults; the group must be multicast, as ipvsadm's check. */
static int cfg_defaults(struct lbvs_sync_cfg *c, struct netlink_ext_ack *extack)
{
	static const union nf_inet_addr any;

	if (!c->af)
		c->af = AF_INET;
	if (c->af != AF_INET && c->af != AF_INET6) {
		NL_SET_ERR_MSG(extack, "sync group family must be IPv4 or IPv6");
		return -EAFNOSUPPORT;
	}
	if (!memcmp(&c->group, &any, sizeof(any))) {
		if (c->af == AF_INET)
			c->group.ip = htonl(LBVS_SYNC_GROUP4);
		else
			c->group.in6 = (struct in6_addr){ { { 0xff, 0x02, [14] = 0x81, 0x51 } } };
	}
	if (!group_ok(c)) {
		NL_SET_ERR_MSG(extack, "sync group is not a multicast address");
		return -EINVAL;
	}
	if (!c->port)
		c->port = LBVS_SYNC_PORT;
	if (!c->ttl)
		c->ttl = LBVS_SYNC_TTL;
	return lbvs_sync_peers_check(c, extack);
}

/*
 * As start_sync_thread(): a master's messages fit a 1500-byte MTU, a
 * backup's buffer the interface's MTU (at least 1500); a given length is
 * clamped to what a datagram holds and what one entry needs.
 */
static void cfg_maxlen(struct lbvs_sync_cfg *c, enum lbvs_sync_role role,
		       unsigned int mtu)
{
	unsigned int hlen = (c->af == AF_INET6 ? sizeof(struct ipv6hdr) :
			     sizeof(struct iphdr)) + sizeof(struct udphdr);
	/* A keyed master's entries leave room for the MAC (sync_auth.h). */
	unsigned int min = role == LBVS_SYNC_BACKUP ? SYNC_BACKUP_MIN_MAXLEN :
			   SYNC_MIN_MAXLEN + (c->auth.on ? LBVS_SYNC_AUTH_ROOM : 0);

	if (role == LBVS_SYNC_BACKUP)
		mtu = clamp(mtu, SYNC_MTU_DEFAULT, 65535U);
	else
		mtu = SYNC_MTU_DEFAULT;
	if (c->maxlen)
		c->maxlen = clamp_t(unsigned int, c->maxlen, min, 65535 - hlen);
	else
		c->maxlen = mtu - hlen;
}

/* The interface's index and MTU: 0, -ENODEV. */
static int cfg_dev(struct lbvs_net *ln, struct lbvs_sync_cfg *c, enum lbvs_sync_role role,
		   int *ifindex, struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	c->ifname[IFNAMSIZ - 1] = '\0';
	dev = c->ifname[0] ? dev_get_by_name(ln->net, c->ifname) : NULL;
	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such sync interface");
		return -ENODEV;
	}
	*ifindex = dev->ifindex;
	cfg_maxlen(c, role, READ_ONCE(dev->mtu));
	dev_put(dev);
	return 0;
}

static int group_addr(const struct lbvs_sync_cfg *c, struct sockaddr_storage *ss)
{
	return lbvs_sync_sockaddr(c->af, &c->group, c->port, ss);
}

/*
 * With peers, a master's requests' socket and a backup's both take the
 * port on every address: a unicast datagram would reach one of them only.
 */
static bool peers_port_taken(struct lbvs_net *ln, enum lbvs_sync_role role,
			     const struct lbvs_sync_cfg *c)
{
	struct lbvs_sync_master *ms = master_of(ln);
	const struct lbvs_sync_cfg *other = NULL;

	if (role == LBVS_SYNC_MASTER && ln->sync.backup)
		other = &ln->sync.backup->cfg;
	else if (role == LBVS_SYNC_BACKUP && ms)
		other = &ms->cfg;
	return c->npeers && other && other->npeers && other->port == c->port;
}

/* ---- master: the packet path's side ---- */

/*
 * As IPVS (ip_vs_sync_conn_needed()): a TCP flow goes in these states
 * only, on entering each but ESTABLISHED at once; UDP in its one state.
 */
#define SYNC_TCP_STATES	(BIT(LBVS_S_ESTABLISHED) | BIT(LBVS_S_FIN_WAIT) | \
			 BIT(LBVS_S_CLOSE) | BIT(LBVS_S_CLOSE_WAIT) | \
			 BIT(LBVS_S_TIME_WAIT))

/* Whether c ever goes to a backup in its present state. */
static bool syncs(const struct lbvs_conn *c, u8 state)
{
	if (c->tmpl)
		return true;
	switch (c->proto) {
	case IPPROTO_TCP:
		return BIT(state) & SYNC_TCP_STATES;
	case IPPROTO_UDP:
		return true;
	default:
		return false;
	}
}

/*
 * Besides IPVS's packet count (sync_threshold), lbvs sends a flow again
 * when its deadline, pushed on by a packet, enters another slot of half
 * its timeout, or of net.lbvs.sync_refresh_period seconds (refresh) if
 * set: the backup's copy never expires while packets flow, however few.
 * That is at most twice a timeout (once a period) while packets flow,
 * never for an idle flow.
 */
static bool refresh_due(const struct lbvs_conn *c, u32 old_expires, u32 refresh)
{
	u32 expires = READ_ONCE(c->expires);
	u32 period = refresh ? refresh * HZ : max_t(u32, (expires - (u32)jiffies) / 2, HZ);

	return lbvs_sync_slot_changed(old_expires, expires, period, ntohs(c->cport));
}

/* A client's packet: IPVS's count, kept only while a master runs. */
static bool pkts_due(struct lbvs_net *ln, struct lbvs_conn *c)
{
	int threshold = READ_ONCE(ln->sysctl.sync_threshold[0]);
	int period = READ_ONCE(ln->sysctl.sync_threshold[1]);
	u8 n = READ_ONCE(c->sync_pkts);
	bool due;

	/* Read while being written: as lbvs_sysctl_port_range(). */
	if (!lbvs_sync_threshold_valid(threshold, period))
		return false;
	due = lbvs_sync_pkts_step(&n, threshold, period);
	WRITE_ONCE(c->sync_pkts, n);
	return due;
}

static bool sync_needed(struct lbvs_net *ln, struct lbvs_conn *c, u8 old,
			u32 old_expires, unsigned int how)
{
	u8 state = lbvs_conn_state(c);
	bool due = (how & LBVS_SYNC_CLIENT) && pkts_due(ln, c);
	u32 refresh;

	if (!syncs(c, state))
		return false;
	if (c->tmpl)
		return how & LBVS_SYNC_FRESH;
	if (state != old)
		return due || state != LBVS_S_ESTABLISHED;
	if (due)
		return true;
	/* Its first packet is the count's, as IPVS's. */
	if (how & LBVS_SYNC_FRESH)
		return false;
	refresh = min_t(u32, READ_ONCE(ln->sysctl.sync_refresh_period), U32_MAX / HZ);
	return refresh_due(c, old_expires, refresh);
}

/* Seconds until c expires, rounded up; 0 once it has. */
static u32 seconds_left(const struct lbvs_conn *c)
{
	u32 left = READ_ONCE(c->expires) - (u32)jiffies;

	if ((s32)left <= 0)
		return 0;
	return DIV_ROUND_UP(left, HZ);
}

/*
 * c as IPVS would send it. A template is keyed as IPVS keys its own:
 * the service's protocol (IPPROTO_IP for a fwmark service) and no client
 * port, where lbvs keeps protocol 0 and the protocol in the client port.
 */
static bool encode(const struct lbvs_conn *c, struct lbvs_sync_conn *sc)
{
	const struct lbvs_service *svc = c->dest->svc;
	unsigned int alen = lbvs_conn_alen(c);
	u8 state = lbvs_conn_state(c);

	/*
	 * A SYN proxy's flow lives on its sequence deltas, which a peer
	 * cannot take over (synproxy.h): it does not survive a failover.
	 */
	if (lbvs_conn_fwd(c)->proxied)
		return false;
	memset(sc, 0, sizeof(*sc));
	sc->v6 = c->v6;
	sc->flags = lbvs_conn_fwd(c)->ipvs_fwd;
	sc->fwmark = svc->fwmark;
	sc->cport = ntohs(c->cport);
	sc->vport = ntohs(c->vport);
	sc->dport = ntohs(c->dport);
	sc->timeout = seconds_left(c);
	memcpy(sc->caddr, lbvs_conn_addr(c, LBVS_A_C), alen);
	memcpy(sc->vaddr, lbvs_conn_addr(c, LBVS_A_V), alen);
	memcpy(sc->daddr, lbvs_conn_addr(c, LBVS_A_D), alen);
	if (c->tmpl) {
		/*
		 * Its whole timeout, as IPVS sends it: while connections it
		 * placed live, its own deadline has no meaning.
		 */
		sc->timeout = READ_ONCE(svc->timeout);
		sc->flags |= LBVS_SYNC_F_TEMPLATE;
		sc->protocol = svc->fwmark ? IPPROTO_IP : sc->cport;
		sc->cport = 0;
		sc->state = 0;		/* IPVS's IP_VS_CTPL_S_NONE */
		return true;
	}
	/* An option IPVS skips: its backup makes what it makes of a NAT entry. */
	if (lbvs_conn_method(c) == LBVS_FWD_FULLNAT) {
		sc->has_fnat = true;
		memcpy(sc->laddr, lbvs_conn_addr(c, LBVS_A_L), alen);
		sc->lport = ntohs(c->lport);
	}
	sc->protocol = c->proto;
	sc->state = lbvs_sync_state_to_ipvs(c->proto, state);
	if (!lbvs_state_active(state))
		sc->flags |= IP_VS_CONN_F_INACTIVE;
	return sc->state != LBVS_SYNC_NO_STATE;
}

static struct sync_mbuf *mbuf_new(const struct lbvs_sync_cfg *cfg, gfp_t gfp)
{
	struct sync_mbuf *mb = kmalloc(struct_size(mb, data, cfg->maxlen), gfp);
	size_t room = cfg->auth.on ? LBVS_SYNC_AUTH_ROOM : 0;

	if (!mb)
		return NULL;
	mb->next_peer = 0;
	/* Entries leave room for the MAC (lbvs_sync_seal()). */
	lbvs_sync_msg_init(&mb->b, mb->data, cfg->maxlen - room, cfg->syncid);
	return mb;
}

/* cur onto the queue, for the thread: under ms->lock. */
static void master_queue_cur(struct lbvs_sync_master *ms)
{
	struct sync_mbuf *mb = ms->cur;

	ms->cur = NULL;
	if (!mb->b.nr_conns) {
		kfree(mb);
		return;
	}
	if (ms->qlen >= (unsigned int)READ_ONCE(ms->ln->sysctl.sync_qlen_max)) {
		atomic64_inc(&ms->tx_dropped);
		kfree(mb);
		return;
	}
	lbvs_sync_seal(&ms->cfg.auth, &mb->b, ms->cfg.maxlen, NULL);
	list_add_tail(&mb->list, &ms->queue);
	ms->qlen++;
	wake_up_process(ms->task);
}

static void master_add(struct lbvs_sync_master *ms, const struct lbvs_sync_conn *sc)
{
	int tries, err = -ENOSPC;

	spin_lock_bh(&ms->lock);
	/* A full message goes, and the entry starts the next one. */
	for (tries = 0; tries < 2 && err == -ENOSPC; tries++) {
		if (!ms->cur) {
			ms->cur = mbuf_new(&ms->cfg, GFP_ATOMIC);
			if (!ms->cur)
				break;
			ms->since = jiffies;
		}
		err = lbvs_sync_msg_add(&ms->cur->b, sc);
		if (err == -ENOSPC)
			master_queue_cur(ms);
	}
	if (err)
		atomic64_inc(&ms->tx_dropped);
	spin_unlock_bh(&ms->lock);
}

/*
 * As IPVS (ip_vs_sync_conn() goes on to cp->control): a persistent
 * service's connection takes its template along each time it is sent, so
 * that a backup that missed the template (it started later, or the
 * message was lost) still pins the client after a takeover. c->control
 * is not read here (once c is unlinked its space is the RCU head): the
 * template is looked up by its key.
 */
static void master_add_template(struct lbvs_net *ln, struct lbvs_sync_master *ms,
				const struct lbvs_conn *c)
{
	const struct lbvs_service *svc = c->dest->svc;
	struct lbvs_sync_conn sc;
	struct lbvs_tuple t, tt;
	struct lbvs_conn *tc;

	if (!(READ_ONCE(svc->flags) & LBVS_SVC_F_PERSISTENT))
		return;
	lbvs_conn_client_tuple(c, &t);
	lbvs_persist_key(svc, &t, &tt);
	tc = lbvs_conn_in_get(ln, &tt);
	if (tc && tc->tmpl && encode(tc, &sc))
		master_add(ms, &sc);
}

void lbvs_sync_conn_slow(struct lbvs_net *ln, struct lbvs_conn *c, u8 old_state,
			 u32 old_expires, unsigned int how)
{
	struct lbvs_sync_master *ms = rcu_dereference(ln->sync.master);
	struct lbvs_sync_conn sc;

	if (!ms || !sync_needed(ln, c, old_state, old_expires, how) || !encode(c, &sc))
		return;
	master_add(ms, &sc);
	if (!c->tmpl)
		master_add_template(ln, ms, c);
}

/* A full-table resync's entry (sync_resync.c): any one the master sends at all. */
bool lbvs_sync_master_conn(struct lbvs_sync_master *ms, struct lbvs_conn *c)
{
	struct lbvs_sync_conn sc;

	if (!syncs(c, lbvs_conn_state(c)) || !encode(c, &sc))
		return false;
	master_add(ms, &sc);
	return true;
}

int lbvs_sync_master_ctl(struct lbvs_sync_master *ms, u8 type, const u32 *ids,
			 unsigned int n, u32 count)
{
	struct sync_mbuf *mb = mbuf_new(&ms->cfg, GFP_KERNEL);
	struct lbvs_sync_ext_w w;
	unsigned int i;
	int err;

	if (!mb)
		return -ENOMEM;
	err = lbvs_sync_ext_open(&w, &mb->b);
	for (i = 0; !err && i < n; i++)
		err = lbvs_sync_ext_put_resync(&w, type, ids[i], count);
	if (err) {
		kfree(mb);
		return err;
	}
	lbvs_sync_seal(&ms->cfg.auth, &mb->b, ms->cfg.maxlen, &w);
	spin_lock_bh(&ms->lock);
	/* After every entry queued so far, the partial message's too. */
	if (ms->cur)
		master_queue_cur(ms);
	/* Past the limit by a few at most: one per walk and per request. */
	list_add_tail(&mb->list, &ms->queue);
	ms->qlen++;
	spin_unlock_bh(&ms->lock);
	return 0;
}

bool lbvs_sync_master_full(struct lbvs_sync_master *ms)
{
	int max = READ_ONCE(ms->ln->sysctl.sync_qlen_max);

	return READ_ONCE(ms->qlen) >= (unsigned int)DIV_ROUND_UP(max, 2);
}

/* ---- master: the thread ---- */

/*
 * The next message to send: the oldest queued, or the partial one once it
 * is SYNC_FLUSH old. NULL, and *wait: how long until the partial one is.
 */
static struct sync_mbuf *master_next(struct lbvs_sync_master *ms, long *wait)
{
	struct sync_mbuf *mb = NULL;

	*wait = SYNC_FLUSH;
	spin_lock_bh(&ms->lock);
	if (!list_empty(&ms->queue)) {
		mb = list_first_entry(&ms->queue, struct sync_mbuf, list);
		list_del(&mb->list);
		ms->qlen--;
	} else if (ms->cur && time_after_eq(jiffies, ms->since + SYNC_FLUSH)) {
		mb = ms->cur;
		ms->cur = NULL;
		lbvs_sync_seal(&ms->cfg.auth, &mb->b, ms->cfg.maxlen, NULL);
	} else if (ms->cur) {
		*wait = max_t(long, ms->since + SYNC_FLUSH - jiffies, 1);
	}
	spin_unlock_bh(&ms->lock);
	return mb;
}

/* The socket's buffer is full: mb goes first next time. */
static void master_requeue(struct lbvs_sync_master *ms, struct sync_mbuf *mb)
{
	struct sock *sk = ms->sock->sk;

	spin_lock_bh(&ms->lock);
	list_add(&mb->list, &ms->queue);
	ms->qlen++;
	spin_unlock_bh(&ms->lock);
	wait_event_interruptible_timeout(*sk_sleep(sk),
					 sock_writeable(sk) || kthread_should_stop(), HZ);
}

/* To the peers: each refusal is a copy lost, the message is sent. */
static int master_send_peers(struct lbvs_sync_master *ms, struct sync_mbuf *mb,
			     struct kvec *iov)
{
	unsigned int refused;
	int ret;

	ret = lbvs_sync_peers_send(ms->sock, &ms->cfg, iov, &mb->next_peer, &refused);
	atomic64_add(refused, &ms->tx_dropped);
	return ret;
}

static void master_send(struct lbvs_sync_master *ms, struct sync_mbuf *mb)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct kvec iov = { .iov_base = mb->data, .iov_len = mb->b.len };
	int ret;

	if (ms->cfg.npeers)
		ret = master_send_peers(ms, mb, &iov);
	else
		ret = kernel_sendmsg(ms->sock, &msg, &iov, 1, mb->b.len);
	if (ret == -EAGAIN) {
		master_requeue(ms, mb);
		return;
	}
	if (ret < 0) {
		/* As IPVS: the message is lost (no route, interface down). */
		net_warn_ratelimited("lbvs: sync master: send error %d\n", ret);
		atomic64_inc(&ms->tx_dropped);
	} else {
		atomic64_inc(&ms->tx_msgs);
		atomic64_add(mb->b.nr_conns, &ms->tx_conns);
	}
	kfree(mb);
}

static bool backup_readable(struct sock *sk)
{
	return !skb_queue_empty_lockless(&sk->sk_receive_queue) ||
	       !skb_queue_empty_lockless(&udp_sk(sk)->reader_queue);
}

/*
 * Resync requests from the group, or from the peers. The socket hears
 * every message there (a peer master's too, active/active): those are
 * cut short and ignored. A bounded round, so that sending is never starved.
 */
static void master_hear(struct lbvs_sync_master *ms)
{
	u8 buf[SYNC_CTL_MAX];
	struct kvec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct sockaddr_storage src;
	struct msghdr msg;
	int len, n;

	for (n = 0; n < 64; n++) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &src;
		msg.msg_namelen = sizeof(src);
		len = kernel_recvmsg(ms->rx, &msg, &iov, 1, sizeof(buf), MSG_DONTWAIT);
		if (len < 0)
			return;
		if (msg.msg_flags & MSG_TRUNC ||
		    (ms->cfg.npeers && !lbvs_sync_peer_from(&ms->cfg, &src)))
			continue;
		if (lbvs_sync_auth_ok(&ms->cfg.auth, buf, len))
			lbvs_resync_master_heard(ms->rs, buf, len);
	}
}

/* Queued messages, a request, a walk to go on with, or the end. */
static bool master_woken(struct lbvs_sync_master *ms)
{
	return kthread_should_stop() || READ_ONCE(ms->qlen) ||
	       backup_readable(ms->rx->sk) || lbvs_resync_master_busy(ms->rs);
}

static int master_thread(void *data)
{
	struct lbvs_sync_master *ms = data;
	struct sync_mbuf *mb;
	long wait;

	while (!kthread_should_stop()) {
		mb = master_next(ms, &wait);
		if (mb) {
			master_send(ms, mb);
			cond_resched();
			continue;
		}
		master_hear(ms);
		if (lbvs_resync_master_work(ms->rs))
			continue;
		/*
		 * On the requests' socket; master_queue_cur()'s wake-up ends
		 * the wait too, as the condition is tested after it.
		 */
		wait_event_interruptible_timeout(*sk_sleep(ms->rx->sk), master_woken(ms), wait);
	}
	return 0;
}

/* ---- sockets ---- */

/* As IPVS's set_mcast_if(), _loop(), _ttl(), _pmtudisc(): for sending. */
static void master_sock_opts(struct sock *sk, int ifindex, u8 ttl)
{
	struct inet_sock *inet = inet_sk(sk);

	lock_sock(sk);
	inet->mc_index = ifindex;
	inet->mc_loop = 0;
	inet->mc_ttl = ttl;
	inet->pmtudisc = IP_PMTUDISC_DONT;	/* fragment rather than drop */
	if (sk->sk_family == AF_INET6) {
		struct ipv6_pinfo *np = inet6_sk(sk);

		np->mcast_oif = ifindex;
		np->mc_loop = 0;
		np->mcast_hops = ttl;
		np->pmtudisc = IPV6_PMTUDISC_DONT;
	}
	release_sock(sk);
}

/* As bind_mcastif_addr(): IPv4 messages come from the interface's address. */
static int master_bind(struct lbvs_net *ln, struct socket *sock, int ifindex)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct net_device *dev;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(ln->net, ifindex);
	if (dev)
		sin.sin_addr.s_addr = inet_select_addr(dev, 0, RT_SCOPE_UNIVERSE);
	rcu_read_unlock();
	if (!sin.sin_addr.s_addr)
		return 0;	/* IPVS only warns: the route picks one */
	return kernel_bind(sock, (struct sockaddr *)&sin, sizeof(sin));
}

/*
 * Connected to the group, leaving by the interface, with IPVS's options;
 * with peers, bound to the interface and addressed per message.
 */
static int master_setup(struct lbvs_net *ln, struct socket *sock,
			const struct lbvs_sync_cfg *c, int ifindex)
{
	struct sockaddr_storage ss;
	int err, len;

	master_sock_opts(sock->sk, ifindex, c->ttl);
	err = c->af == AF_INET ? master_bind(ln, sock, ifindex) : 0;
	if (err)
		return err;
	if (c->npeers)
		return sock_bindtoindex(sock->sk, ifindex, true);
	len = group_addr(c, &ss);
	return kernel_connect(sock, (struct sockaddr *)&ss, len, 0);
}

/* As join_mcast_group(): ip_mc_join_group() and its IPv6 twin want RTNL. */
static int backup_join(struct socket *sock, const struct lbvs_sync_cfg *c, int ifindex)
{
	struct sock *sk = sock->sk;
	struct ip_mreqn mreq = {
		.imr_multiaddr.s_addr = c->group.ip,
		.imr_ifindex = ifindex,
	};
	int err;

	rtnl_lock();
	lock_sock(sk);
	if (c->af == AF_INET6)
		err = ipv6_sock_mc_join(sk, ifindex, &c->group.in6);
	else
		err = ip_mc_join_group(sk, &mreq);
	release_sock(sk);
	rtnl_unlock();
	return err;
}

/*
 * As IPVS: SO_REUSEADDR, and only the group's datagrams of ifindex. With
 * peers, no group: the port on any address of ifindex.
 */
static int backup_setup(struct lbvs_net *ln, struct socket *sock,
			const struct lbvs_sync_cfg *c, int ifindex)
{
	static const union nf_inet_addr any;
	struct sockaddr_storage ss;
	int err, len;

	/* A backup sends its resync requests from it. */
	master_sock_opts(sock->sk, ifindex, c->ttl);
	sock_set_reuseaddr(sock->sk);
	err = sock_bindtoindex(sock->sk, ifindex, true);
	if (err)
		return err;
	if (c->npeers)
		len = lbvs_sync_sockaddr(c->af, &any, c->port, &ss);
	else
		len = group_addr(c, &ss);
	err = kernel_bind(sock, (struct sockaddr *)&ss, len);
	if (err || c->npeers)
		return err;
	return backup_join(sock, c, ifindex);
}

/*
 * IPVS's sync_sock_size: the master's send buffer, the backup's receive
 * buffer, set as SO_SNDBUF/SO_RCVBUF would (the kernel doubles it).
 * Unset, a master keeps the system's and a backup takes room for a
 * resync.
 */
static void sync_sock_size(struct lbvs_net *ln, struct sock *sk, bool send)
{
	int size = READ_ONCE(ln->sysctl.sync_sock_size);

	if (!send) {
		sock_set_rcvbuf(sk, size ?: SYNC_BACKUP_RCVBUF);
		return;
	}
	if (!size)
		return;
	lock_sock(sk);
	sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
	WRITE_ONCE(sk->sk_sndbuf, max_t(int, min_t(int, size, INT_MAX / 2) * 2, SOCK_MIN_SNDBUF));
	release_sock(sk);
}

typedef int (*sock_setup_t)(struct lbvs_net *ln, struct socket *sock,
			    const struct lbvs_sync_cfg *c, int ifindex);

/* A UDP socket of c's family in the namespace, made ready by its role's setup. */
static int sync_sock(struct lbvs_net *ln, const struct lbvs_sync_cfg *c, int ifindex,
		     sock_setup_t setup, struct socket **res)
{
	struct socket *sock;
	int err;

	err = sock_create_kern(ln->net, c->af, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (err)
		return err;
	err = setup(ln, sock, c, ifindex);
	if (err) {
		/* Leaving the group takes RTNL: not held here. */
		sock_release(sock);
		return err;
	}
	*res = sock;
	return 0;
}

/* ---- backup: applying an entry ---- */

/* The entry's client -> virtual tuple, as the packet path would see it. */
static void entry_tuple(const struct lbvs_sync_conn *sc, struct lbvs_tuple *t)
{
	unsigned int alen = sc->v6 ? sizeof(struct in6_addr) : sizeof(__be32);

	memset(t, 0, sizeof(*t));
	t->af = sc->v6 ? AF_INET6 : AF_INET;
	t->proto = sc->protocol;
	t->sport = htons(sc->cport);
	t->dport = htons(sc->vport);
	memcpy(&t->saddr, sc->caddr, alen);
	memcpy(&t->daddr, sc->vaddr, alen);
}

/*
 * The entry's service: a fwmark entry's by its mark only (the lookup's
 * (protocol 0, no address) key matches no service), others by their
 * virtual address and port.
 */
static struct lbvs_service *entry_service(struct lbvs_net *ln,
					  const struct lbvs_sync_conn *sc,
					  const struct lbvs_tuple *t)
{
	static const union nf_inet_addr any;
	struct lbvs_service *svc;

	if (sc->fwmark)
		svc = lbvs_svc_lookup(ln, t->af, 0, &any, 0, sc->fwmark);
	else
		svc = lbvs_svc_lookup(ln, t->af, t->proto, &t->daddr, t->dport, 0);
	if (!svc || svc->fwmark != sc->fwmark)
		return NULL;
	return svc;
}

/*
 * svc's real server daddr that a flow to vport reaches on dport. The
 * scheduler's set lists every server of the service; svc->dests is the
 * configuration's (config_lock), which this thread cannot take: stop
 * waits for it under that lock. The set holds a reference on each, and
 * servers are freed through RCU, so the pointer stays good under
 * rcu_read_lock() after the lock is dropped (lbvs_conn_new_synced() takes
 * its own reference, if the server still has any).
 */
static struct lbvs_dest *entry_dest(struct lbvs_service *svc, u16 af,
				    const union nf_inet_addr *daddr, __be16 dport, __be16 vport)
{
	struct lbvs_sched *s = &svc->sched;
	struct lbvs_dest *d, *found = NULL;
	unsigned int i;

	spin_lock_bh(&s->lock);
	for (i = 0; s->set && i < s->set->n; i++) {
		d = s->set->dests[i];
		if (d->af == af && lbvs_conn_dest_port(d, vport) == dport &&
		    lbvs_addr_eq(af, &d->addr, daddr)) {
			found = d;
			break;
		}
	}
	spin_unlock_bh(&s->lock);
	return found;
}

/* A template of a persistent service: refresh it, or make it. */
static int apply_template(struct lbvs_net *ln, const struct lbvs_sync_conn *sc,
			  struct lbvs_service *svc, const struct lbvs_tuple *t)
{
	u32 timeout = sc->timeout ?: READ_ONCE(svc->timeout);
	union nf_inet_addr daddr = {};
	struct lbvs_conn *tc;
	struct lbvs_dest *dest;
	struct lbvs_tuple tt;

	if (!(READ_ONCE(svc->flags) & LBVS_SVC_F_PERSISTENT))
		return -EINVAL;
	lbvs_persist_key(svc, t, &tt);
	memcpy(&daddr, sc->daddr, lbvs_addr_len(t->af));
	dest = entry_dest(svc, t->af, &daddr, htons(sc->dport), tt.dport);
	if (!dest)
		return -ENOENT;
	tc = lbvs_conn_in_get(ln, &tt);
	if (tc && tc->dest == dest) {
		lbvs_conn_touch(tc, timeout);
		return 0;
	}
	if (tc)
		lbvs_conn_expire_now(ln, tc);
	return PTR_ERR_OR_ZERO(lbvs_conn_new_template(ln, &tt, dest, timeout));
}

/*
 * A FULLNAT entry's local address: one of the backup's pool for the
 * service, so that a peer cannot make it answer for any other address.
 */
static int entry_laddr(const struct lbvs_sync_conn *sc, struct lbvs_dest *dest, u16 af,
		       union nf_inet_addr *laddr)
{
	if (dest->fwd != LBVS_FWD_FULLNAT)
		return 0;
	memset(laddr, 0, sizeof(*laddr));
	memcpy(laddr, sc->laddr, lbvs_addr_len(af));
	if (!sc->has_fnat || !sc->lport || !lbvs_laddr_has(dest->svc, af, laddr))
		return -EADDRNOTAVAIL;
	return 0;
}

/* Ours is another flow than the peer's: another server or local port. */
static bool entry_moved(const struct lbvs_conn *c, const struct lbvs_dest *dest,
			const union nf_inet_addr *laddr, __be16 lport)
{
	if (c->dest != dest)
		return true;
	return lbvs_conn_method(c) == LBVS_FWD_FULLNAT &&
	       (c->lport != lport ||
		memcmp(lbvs_conn_addr(c, LBVS_A_L), laddr, lbvs_conn_alen(c)));
}

/* A connection entry, in state: update ours, or make it. */
static int apply_conn(struct lbvs_net *ln, const struct lbvs_sync_conn *sc,
		      struct lbvs_service *svc, const struct lbvs_tuple *t, u8 state)
{
	union nf_inet_addr daddr = {}, laddr;
	struct lbvs_conn *c, *control = NULL;
	__be16 lport = htons(sc->lport);
	struct lbvs_dest *dest;
	struct lbvs_tuple tt;

	memcpy(&daddr, sc->daddr, lbvs_addr_len(t->af));
	dest = entry_dest(svc, t->af, &daddr, htons(sc->dport), t->dport);
	if (!dest)
		return -ENOENT;
	if (entry_laddr(sc, dest, t->af, &laddr))
		return -EADDRNOTAVAIL;
	c = lbvs_conn_in_get(ln, t);
	if (c && entry_moved(c, dest, &laddr, lport)) {
		/* As ip_vs_proc_conn(): a closing one is the old flow's news. */
		if (sc->flags & IP_VS_CONN_F_INACTIVE)
			return 0;
		lbvs_conn_expire_now(ln, c);
		c = NULL;
	}
	if (c) {
		lbvs_conn_sync_update(ln, c, state, sc->timeout);
		return 0;
	}
	/* Held by its template, as on the master, so that it outlives it. */
	if (READ_ONCE(svc->flags) & LBVS_SVC_F_PERSISTENT) {
		lbvs_persist_key(svc, t, &tt);
		control = lbvs_conn_in_get(ln, &tt);
		/* Only templates have protocol 0; n_control is theirs alone. */
		if (control && !control->tmpl)
			control = NULL;
	}
	c = lbvs_conn_new_synced(ln, t, dest, control, state, sc->timeout,
				 dest->fwd == LBVS_FWD_FULLNAT ? &laddr : NULL, lport);
	if (IS_ERR(c))
		return PTR_ERR(c);
	lbvs_genl_conn_event(ln, c, LBVS_CMD_NEW_CONN);
	return 0;
}

/*
 * One entry: 0, or why it was refused. The codec has checked the framing
 * and that the state is one of the protocol's; lbvs checks the rest.
 */
static int sync_apply(struct lbvs_net *ln, const struct lbvs_sync_conn *sc)
{
	struct lbvs_service *svc;
	struct lbvs_tuple t;
	int state;

	/* Until the first service the tables do not exist. */
	if (!lbvs_net_started(ln))
		return -ENOENT;
	entry_tuple(sc, &t);
	if (sc->flags & LBVS_SYNC_F_TEMPLATE) {
		if (sc->fwmark ? sc->protocol != IPPROTO_IP :
		    sc->protocol != IPPROTO_TCP && sc->protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		svc = entry_service(ln, sc, &t);
		return svc ? apply_template(ln, sc, svc, &t) : -ENOENT;
	}
	/* Only TCP and UDP have a state here. */
	state = lbvs_sync_state_from_ipvs(sc->protocol, sc->state);
	if (state < 0)
		return -EPROTONOSUPPORT;
	svc = entry_service(ln, sc, &t);
	if (!svc || (svc->protocol && svc->protocol != sc->protocol))
		return -ENOENT;
	return apply_conn(ln, sc, svc, &t, state);
}

static void backup_entry(void *arg, const struct lbvs_sync_conn *sc)
{
	struct lbvs_sync_backup *bs = arg;

	if (sync_apply(bs->ln, sc))
		atomic64_inc(&bs->rx_refused);
}

/* ---- backup: the thread ---- */

static void backup_message(struct lbvs_sync_backup *bs, int len,
			   const struct sockaddr_storage *src)
{
	struct lbvs_sync_result res;

	atomic64_inc(&bs->rx_msgs);
	if (bs->cfg.npeers && !lbvs_sync_peer_from(&bs->cfg, src)) {
		atomic64_inc(&bs->rx_not_peer);
		return;
	}
	if (!lbvs_sync_auth_ok(&bs->cfg.auth, bs->buf, len)) {
		atomic64_inc(&bs->rx_auth_failed);
		return;
	}
	/* As the packet path: under RCU, with BH off for the table's locks. */
	local_bh_disable();
	rcu_read_lock();
	lbvs_sync_decode(bs->buf, len, bs->cfg.syncid, backup_entry, bs, &res);
	rcu_read_unlock();
	local_bh_enable();
	lbvs_resync_backup_heard(bs->rs, bs->buf, len, &res);
	atomic64_add(res.delivered + res.skipped, &bs->rx_conns);
	atomic64_add(res.skipped, &bs->rx_refused);
	/* Another group's messages are not errors: the group may be shared. */
	if (res.reason != LBVS_SYNC_OK && res.reason != LBVS_SYNC_E_SYNCID)
		atomic64_inc(&bs->rx_errors);
}

/* Read what is queued on the socket: stops at -EAGAIN or when told to. */
static void backup_drain(struct lbvs_sync_backup *bs)
{
	struct kvec iov = { .iov_base = bs->buf, .iov_len = bs->cfg.maxlen };
	struct sockaddr_storage src;
	struct msghdr msg;
	int len;

	while (!kthread_should_stop()) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &src;
		msg.msg_namelen = sizeof(src);
		len = kernel_recvmsg(bs->sock, &msg, &iov, 1, bs->cfg.maxlen, MSG_DONTWAIT);
		if (len < 0)
			return;
		if (msg.msg_flags & MSG_TRUNC) {
			/* Longer than maxlen: the codec would refuse it too. */
			atomic64_inc(&bs->rx_msgs);
			atomic64_inc(&bs->rx_errors);
		} else {
			backup_message(bs, len, &src);
		}
		cond_resched();
	}
}

/* A resync request, when one is due; a lost one is sent again. */
static void backup_ask(struct lbvs_sync_backup *bs)
{
	u8 buf[SYNC_CTL_MAX];
	struct sockaddr_storage ss;
	struct kvec iov = { .iov_base = buf };
	struct msghdr msg = { .msg_name = &ss, .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	unsigned int refused;
	u8 next = 0;

	iov.iov_len = lbvs_resync_backup_tick(bs->rs, buf, sizeof(buf));
	if (!iov.iov_len)
		return;
	if (bs->cfg.npeers) {
		lbvs_sync_peers_send(bs->sock, &bs->cfg, &iov, &next, &refused);
		return;
	}
	msg.msg_namelen = group_addr(&bs->cfg, &ss);
	kernel_sendmsg(bs->sock, &msg, &iov, 1, iov.iov_len);
}

static int backup_thread(void *data)
{
	struct lbvs_sync_backup *bs = data;
	struct sock *sk = bs->sock->sk;

	while (!kthread_should_stop()) {
		backup_ask(bs);
		wait_event_interruptible_timeout(*sk_sleep(sk),
						 backup_readable(sk) || kthread_should_stop(),
						 HZ);
		backup_drain(bs);
	}
	return 0;
}

/* ---- start and stop ---- */

static void master_free(struct lbvs_sync_master *ms)
{
	struct sync_mbuf *mb, *tmp;

	list_for_each_entry_safe(mb, tmp, &ms->queue, list)
		kfree(mb);
	kfree(ms->cur);
	lbvs_resync_master_free(ms->rs);
	if (ms->rx)
		sock_release(ms->rx);
	if (ms->sock)
		sock_release(ms->sock);
	kfree_sensitive(ms);
}

static int master_start(struct lbvs_net *ln, const struct lbvs_sync_cfg *c, int ifindex,
			struct netlink_ext_ack *extack)
{
	struct lbvs_sync_master *ms;
	int err;

	ms = kzalloc(sizeof(*ms), GFP_KERNEL);
	if (!ms)
		return -ENOMEM;
	ms->ln = ln;
	ms->cfg = *c;
	spin_lock_init(&ms->lock);
	INIT_LIST_HEAD(&ms->queue);
	ms->rs = lbvs_resync_master_new(ln, ms, c->syncid);
	if (!ms->rs) {
		err = -ENOMEM;
		goto err_free;
	}
	/*
	 * Requests come to the group: a receiving socket as a backup's,
	 * beside this namespace's backup if it runs (SO_REUSEADDR: each
	 * socket bound to the group gets its own copy of a datagram). With
	 * peers they come to the port (peers_port_taken()).
	 */
	err = sync_sock(ln, c, ifindex, master_setup, &ms->sock) ?:
	      sync_sock(ln, c, ifindex, backup_setup, &ms->rx);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot set up the sync master's socket");
		goto err_free;
	}
	sync_sock_size(ln, ms->sock->sk, true);
	ms->task = kthread_run(master_thread, ms, "lbvs-m:%d", c->syncid);
	if (IS_ERR(ms->task)) {
		err = PTR_ERR(ms->task);
		NL_SET_ERR_MSG(extack, "cannot start the sync master's thread");
		goto err_free;
	}
	/* Published whole: the packet path may queue from now on. */
	rcu_assign_pointer(ln->sync.master, ms);
	return 0;

err_free:
	master_free(ms);
	return err;
}

static void backup_free(struct lbvs_sync_backup *bs)
{
	if (bs->sock)
		sock_release(bs->sock);
	lbvs_resync_backup_free(bs->rs);
	kfree(bs->buf);
	kfree_sensitive(bs);
}

static int backup_start(struct lbvs_net *ln, const struct lbvs_sync_cfg *c, int ifindex,
			struct netlink_ext_ack *extack)
{
	struct lbvs_sync_backup *bs;
	int err = -ENOMEM;

	bs = kzalloc(sizeof(*bs), GFP_KERNEL);
	if (!bs)
		return -ENOMEM;
	bs->ln = ln;
	bs->cfg = *c;
	bs->buf = kmalloc(c->maxlen, GFP_KERNEL);
	bs->rs = lbvs_resync_backup_new(c->syncid, &bs->cfg.auth);
	if (!bs->buf || !bs->rs)
		goto err_free;
	err = sync_sock(ln, c, ifindex, backup_setup, &bs->sock);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot set up the sync backup's socket");
		goto err_free;
	}
	sync_sock_size(ln, bs->sock->sk, false);
	bs->task = kthread_run(backup_thread, bs, "lbvs-b:%d", c->syncid);
	if (IS_ERR(bs->task)) {
		err = PTR_ERR(bs->task);
		NL_SET_ERR_MSG(extack, "cannot start the sync backup's thread");
		goto err_free;
	}
	ln->sync.backup = bs;
	return 0;

err_free:
	backup_free(bs);
	return err;
}

int lbvs_sync_start(struct lbvs_net *ln, enum lbvs_sync_role role,
		    const struct lbvs_sync_cfg *cfg, struct netlink_ext_ack *extack)
{
	struct lbvs_sync_cfg c = *cfg;
	int ifindex, err;

	lockdep_assert_held(&ln->config_lock);
	if (role != LBVS_SYNC_MASTER && role != LBVS_SYNC_BACKUP)
		return -EINVAL;
	if (role_runs(ln, role)) {
		NL_SET_ERR_MSG(extack, "a sync daemon of this role already runs");
		return -EEXIST;
	}
	err = cfg_defaults(&c, extack) ?: cfg_dev(ln, &c, role, &ifindex, extack);
	if (err)
		return err;
	if (peers_port_taken(ln, role, &c)) {
		NL_SET_ERR_MSG(extack,
			       "the other sync daemon has peers on this port: give each its own");
		return -EADDRINUSE;
	}
	if (role == LBVS_SYNC_MASTER)
		return master_start(ln, &c, ifindex, extack);
	return backup_start(ln, &c, ifindex, extack);
}

static void master_stop(struct lbvs_net *ln)
{
	struct lbvs_sync_master *ms = master_of(ln);

	RCU_INIT_POINTER(ln->sync.master, NULL);
	/* No packet path is inside master_add() after this. */
	synchronize_rcu();
	kthread_stop(ms->task);
	master_free(ms);
}

static void backup_stop(struct lbvs_net *ln)
{
	struct lbvs_sync_backup *bs = ln->sync.backup;

	ln->sync.backup = NULL;
	kthread_stop(bs->task);
	backup_free(bs);
}

int lbvs_sync_stop(struct lbvs_net *ln, enum lbvs_sync_role role)
{
	lockdep_assert_held(&ln->config_lock);
	if (role != LBVS_SYNC_MASTER && role != LBVS_SYNC_BACKUP)
		return -EINVAL;
	if (!role_runs(ln, role))
		return -ESRCH;
	if (role == LBVS_SYNC_MASTER)
		master_stop(ln);
	else
		backup_stop(ln);
	return 0;
}

bool lbvs_sync_get(struct lbvs_net *ln, enum lbvs_sync_role role,
		   struct lbvs_sync_cfg *cfg)
{
	struct lbvs_sync_master *ms = master_of(ln);

	lockdep_assert_held(&ln->config_lock);
	if (role == LBVS_SYNC_MASTER && ms) {
		*cfg = ms->cfg;
		return true;
	}
	if (role == LBVS_SYNC_BACKUP && ln->sync.backup) {
		*cfg = ln->sync.backup->cfg;
		return true;
	}
	return false;
}

void lbvs_sync_net_exit(struct lbvs_net *ln)
{
	enum lbvs_sync_role role;

	/* -ESRCH for a role that does not run: nothing to stop. */
	for (role = 0; role < LBVS_SYNC_ROLES; role++)
		lbvs_sync_stop(ln, role);
}

void lbvs_sync_counters(struct lbvs_net *ln, struct lbvs_sync_counters *out)
{
	struct lbvs_sync_master *ms = master_of(ln);
	struct lbvs_sync_backup *bs = ln->sync.backup;

	lockdep_assert_held(&ln->config_lock);
	memset(out, 0, sizeof(*out));
	if (ms) {
		out->tx_msgs = atomic64_read(&ms->tx_msgs);
		out->tx_conns = atomic64_read(&ms->tx_conns);
		out->tx_dropped = atomic64_read(&ms->tx_dropped);
		lbvs_resync_master_counters(ms->rs, &out->resyncs, &out->resync_sent);
	}
	if (bs) {
		out->rx_msgs = atomic64_read(&bs->rx_msgs);
		out->rx_conns = atomic64_read(&bs->rx_conns);
		out->rx_refused = atomic64_read(&bs->rx_refused);
		out->rx_errors = atomic64_read(&bs->rx_errors);
		out->rx_auth_failed = atomic64_read(&bs->rx_auth_failed);
		lbvs_resync_backup_counters(bs->rs, &out->resync_state, &out->resync_entries,
					    &out->resync_msecs);
		out->rx_not_peer = atomic64_read(&bs->rx_not_peer);
	}
}
