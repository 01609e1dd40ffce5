// SPDX-License-Identifier: GPL-2.0
/*
 * lbvs_toa: the real-server side of FULLNAT.  A FULLNAT director replaces
 * the client's source address with one of its own and tells the real server
 * who the client is in a TCP option (kind LBVS_TOA_KIND, include/uapi/
 * linux/lbvs.h) on the client's first packets.  With this module loaded,
 * getpeername() and accept() on TCP sockets (IPv4 and IPv6) return the
 * client's address and port from that option instead of the director's.
 *
 * How, on a stock kernel whose proto_ops are const:
 *   - kretprobes on tcp_v4_syn_recv_sock / tcp_v6_syn_recv_sock, which
 *     create the new socket from the packet completing the handshake (the
 *     ACK, the first data packet, or the SYN for Fast Open): the entry
 *     handler parses the option from that skb, the return handler files it
 *     under the new socket when the socket was really created and owned;
 *   - kretprobes on inet_getname / inet6_getname: on return, a peer name of
 *     a socket that has an entry gets the option's address and port;
 *   - a kprobe on tcp_v4_destroy_sock, the sk_prot->destroy of both
 *     tcp_prot and tcpv6_prot: drops the socket's entry.
 *
 * Storage.  The entries live in this module's own hash table keyed by the
 * socket pointer, not in the socket: sk_user_data belongs to whoever owns
 * the socket (sockmap, kTLS, ULPs, the application's kernel users), and the
 * socket has no spare field, so nothing here can collide with another user.
 * Every full TCP socket goes through sk_prot->destroy exactly once before
 * it is freed (inet_csk_destroy_sock, reached from close, from a listener's
 * unaccepted children, and from a lost ehash insertion) and it is only ever
 * called through that pointer, so it is never inlined away and the probe
 * sees every destruction.  The one way an entry could outlive its socket is
 * a missed probe (kprobe recursion): then a later socket at the same
 * address must not inherit it, so each entry also remembers the connection
 * it was made for (ports and peer address) and a lookup checks them; an
 * insertion for a socket replaces whatever was filed under its pointer.
 * Readers are lockless (RCU); writers take a per-bucket spinlock with
 * interrupts off, since probe handlers may run in any context.
 *
 * Trust.  Anybody can put an option of that kind in a packet, so it is
 * believed only when the packet comes from a source listed in the module
 * parameter "trusted" (the directors' FULLNAT pool addresses or prefixes,
 * e.g. trusted=198.51.100.0/24,2001:db8:3::/64); until it is set, none is.
 * The directors blank whatever option of that kind their clients send,
 * but a client that can reach the server without a director, or through
 * another path, must not speak for itself.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/inet.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/kprobes.h>
#include <linux/lbvs.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/tcp.h>

#define TOA_HASH_BITS	10
#define TOA_HASH_SIZE	BIT(TOA_HASH_BITS)

/* The client address carried in the option. */
struct toa_addr {
	sa_family_t family;		/* AF_INET or AF_INET6 */
	__be16 port;
	union {
		__be32 ip;
		struct in6_addr in6;
	};
};

struct toa_entry {
	struct hlist_node node;
	struct rcu_head rcu;
	const struct sock *sk;		/* key, never dereferenced */
	/* The connection the entry was made for. */
	__be16 sport, dport;
	__be32 daddr;
	bool v6;			/* compare daddr6, not daddr */
	struct in6_addr daddr6;
	struct toa_addr addr;
};

static struct toa_bucket {
	spinlock_t lock;		/* writers of head */
	struct hlist_head head;
} toa_table[TOA_HASH_SIZE];

static atomic_t toa_entries = ATOMIC_INIT(0);

static struct toa_bucket *toa_bucket(const struct sock *sk)
{
	return &toa_table[hash_ptr(sk, TOA_HASH_BITS)];
}

/* Is ENTRY still about the connection SK is? */
static bool toa_entry_match(const struct toa_entry *e, const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);

	if (e->sk != sk || e->sport != inet->inet_sport || e->dport != inet->inet_dport)
		return false;
#if IS_ENABLED(CONFIG_IPV6)
	if (e->v6)
		return ipv6_addr_equal(&e->daddr6, &sk->sk_v6_daddr);
#endif
	return e->daddr == inet->inet_daddr;
}

static void toa_unlink(struct toa_entry *e)
{
	hlist_del_rcu(&e->node);
	atomic_dec(&toa_entries);
	kfree_rcu(e, rcu);
}

static void toa_forget(const struct sock *sk)
{
	struct toa_bucket *b = toa_bucket(sk);
	struct hlist_node *tmp;
	struct toa_entry *e;
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	hlist_for_each_entry_safe(e, tmp, &b->head, node)
		if (e->sk == sk)
			toa_unlink(e);
	spin_unlock_irqrestore(&b->lock, flags);
}

/* File ADDR under the new socket SK (V6: SK was made by the IPv6 code). */
static void toa_remember(const struct sock *sk, const struct toa_addr *addr, bool v6)
{
	const struct inet_sock *inet = inet_sk(sk);
	struct toa_entry *e, *old;
	struct hlist_node *tmp;
	struct toa_bucket *b;
	unsigned long flags;

	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	if (!e)
		return;		/* getpeername() then shows the director */
	e->sk = sk;
	e->sport = inet->inet_sport;
	e->dport = inet->inet_dport;
	e->daddr = inet->inet_daddr;
#if IS_ENABLED(CONFIG_IPV6)
	e->v6 = v6;
	if (v6)
		e->daddr6 = sk->sk_v6_daddr;
#endif
	e->addr = *addr;

	b = toa_bucket(sk);
	spin_lock_irqsave(&b->lock, flags);
	/* Whatever is still filed under SK is a leftover of a missed destroy. */
	hlist_for_each_entry_safe(old, tmp, &b->head, node)
		if (old->sk == sk)
			toa_unlink(old);
	hlist_add_head_rcu(&e->node, &b->head);
	atomic_inc(&toa_entries);
	spin_unlock_irqrestore(&b->lock, flags);
}

/* Copy out SK's client address; false if it has none. */
static bool toa_lookup(const struct sock *sk, struct toa_addr *addr)
{
	struct toa_entry *e;
	bool found = false;

	rcu_read_lock();
	hlist_for_each_entry_rcu(e, &toa_bucket(sk)->head, node) {
		if (toa_entry_match(e, sk)) {
			*addr = e->addr;
			found = true;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/*
 * The client address in SKB's TCP options.  Everything is read through
 * skb_header_pointer(), bounded by the skb and by the header length
 * (doff): a short or odd packet cannot make it read out of bounds.  The
 * walk stops at the end of the list, at a malformed option (length < 2 or
 * running past the header) or at the first well-formed LBVS_TOA_KIND option
 * of length LBVS_TOA_LEN4 or LBVS_TOA_LEN6; a kind-254 option of any other
 * length (experimental options share the kind) is skipped.
 */
static bool toa_parse(const struct sk_buff *skb, struct toa_addr *addr)
{
	u8 buf[MAX_TCP_OPTION_SPACE];
	struct tcphdr _th;
	const struct tcphdr *th;
	const u8 *opt;
	int off, len;

	if (!skb_transport_header_was_set(skb))
		return false;
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (skb_network_header_len(skb) < sizeof(struct iphdr) ||
		    ip_hdr(skb)->version != 4 || ip_hdr(skb)->protocol != IPPROTO_TCP)
			return false;
		break;
	case htons(ETH_P_IPV6):
		if (skb_network_header_len(skb) < sizeof(struct ipv6hdr) ||
		    ipv6_hdr(skb)->version != 6)
			return false;
		break;
	default:
		return false;
	}
	off = skb_transport_offset(skb);
	if (off < 0)
		return false;
	th = skb_header_pointer(skb, off, sizeof(_th), &_th);
	if (!th)
		return false;
	len = th->doff * 4 - (int)sizeof(*th);
	if (len <= 0)
		return false;
	opt = skb_header_pointer(skb, off + sizeof(*th), len, buf);
	if (!opt)
		return false;

	while (len > 0) {
		u8 kind = opt[0], size;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			opt++;
			len--;
			continue;
		}
		if (len < 2)
			break;
		size = opt[1];
		if (size < 2 || size > len)
			break;
		if (kind == LBVS_TOA_KIND && size == LBVS_TOA_LEN4) {
			addr->family = AF_INET;
			memcpy(&addr->port, opt + 2, 2);
			memcpy(&addr->ip, opt + 4, 4);
			return true;
		}
		if (kind == LBVS_TOA_KIND && size == LBVS_TOA_LEN6) {
			addr->family = AF_INET6;
			memcpy(&addr->port, opt + 2, 2);
			memcpy(&addr->in6, opt + 4, 16);
			return true;
		}
		opt += size;
		len -= size;
	}
	return false;
}

/* --- trusted sources ------------------------------------------------------ */

struct toa_prefix {
	struct in6_addr addr;		/* IPv4 as ::ffff:a.b.c.d */
	u8 plen;			/* of the 128 bits */
};

/*
 * The list, replaced whole by a write of the parameter (under kernel_param_
 * lock, which serialises writers) and read under RCU by the probes.
 */
struct toa_trust {
	struct rcu_head rcu;
	unsigned int n;
	struct toa_prefix p[];
};

static struct toa_trust __rcu *toa_trusted;

#define TOA_TRUST_MAX	64

/* One "addr" or "addr/plen", IPv4 or IPv6. */
static int toa_prefix_parse(char *tok, struct toa_prefix *p)
{
	char *slash = strchr(tok, '/');
	unsigned int max = 128, plen;
	struct in6_addr addr;
	__be32 a4;

	if (slash)
		*slash++ = '\0';
	if (in4_pton(tok, -1, (u8 *)&a4, -1, NULL)) {
		ipv6_addr_set_v4mapped(a4, &addr);
		max = 32;
	} else if (!in6_pton(tok, -1, addr.s6_addr, -1, NULL)) {
		return -EINVAL;
	}
	plen = max;
	if (slash && (kstrtouint(slash, 10, &plen) || plen > max))
		return -EINVAL;
	p->plen = plen + 128 - max;
	/* Not in place: ipv6_addr_prefix() clears its destination first. */
	ipv6_addr_prefix(&p->addr, &addr, p->plen);
	return 0;
}

static int toa_trusted_set(const char *val, const struct kernel_param *kp)
{
	struct toa_trust *t, *old;
	char *buf, *cur, *tok;
	int err = 0;

	t = kzalloc(struct_size(t, p, TOA_TRUST_MAX), GFP_KERNEL);
	buf = kstrdup(val, GFP_KERNEL);
	if (!t || !buf) {
		err = -ENOMEM;
		goto out;
	}
	cur = strim(buf);
	while (!err && (tok = strsep(&cur, " ,\n"))) {
		if (!*tok)
			continue;
		if (t->n == TOA_TRUST_MAX)
			err = -E2BIG;
		else
			err = toa_prefix_parse(tok, &t->p[t->n++]);
	}
	if (err) {
		pr_err("trusted: bad list \"%s\" (addresses or prefixes, comma-separated, at most %d)\n",
		       val, TOA_TRUST_MAX);
		goto out;
	}
	old = rcu_replace_pointer(toa_trusted, t, true);
	t = NULL;
	if (old)
		kfree_rcu(old, rcu);
out:
	kfree(buf);
	kfree(t);
	return err;
}

static int toa_trusted_get(char *buf, const struct kernel_param *kp)
{
	const struct toa_trust *t;
	const struct toa_prefix *p;
	int len = 0;
	unsigned int i;

	rcu_read_lock();
	t = rcu_dereference(toa_trusted);
	for (i = 0; t && i < t->n; i++) {
		p = &t->p[i];
		if (ipv6_addr_v4mapped(&p->addr))
			len += scnprintf(buf + len, PAGE_SIZE - len, "%s%pI4/%u", i ? "," : "",
					 &p->addr.s6_addr32[3], p->plen - 96);
		else
			len += scnprintf(buf + len, PAGE_SIZE - len, "%s%pI6c/%u", i ? "," : "",
					 &p->addr, p->plen);
	}
	rcu_read_unlock();
	buf[len++] = '\n';
	return len;
}

static const struct kernel_param_ops toa_trusted_ops = {
	.set = toa_trusted_set,
	.get = toa_trusted_get,
};

module_param_cb(trusted, &toa_trusted_ops, NULL, 0644);
MODULE_PARM_DESC(trusted,
		 "sources whose client-address option is believed: addresses or prefixes, comma-separated (default: none)");

/* Does SKB (parsed by toa_parse()) come from a trusted source? */
static bool toa_trusted_source(const struct sk_buff *skb)
{
	const struct toa_trust *t;
	struct in6_addr src;
	bool ok = false;
	unsigned int i;

	if (skb->protocol == htons(ETH_P_IP))
		ipv6_addr_set_v4mapped(ip_hdr(skb)->saddr, &src);
	else
		src = ipv6_hdr(skb)->saddr;
	rcu_read_lock();
	t = rcu_dereference(toa_trusted);
	for (i = 0; t && i < t->n && !ok; i++)
		ok = ipv6_prefix_equal(&src, &t->p[i].addr, t->p[i].plen);
	rcu_read_unlock();
	return ok;
}

/* --- socket creation ------------------------------------------------------ */

struct toa_syn_recv_data {
	struct toa_addr addr;
	bool *own_req;
};

/*
 * struct sock *tcp_v{4,6}_syn_recv_sock(const struct sock *sk,
 *	struct sk_buff *skb, struct request_sock *req, struct dst_entry *dst,
 *	struct request_sock *req_unhash, bool *own_req, ...)
 */
static int toa_syn_recv_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct toa_syn_recv_data *d = (struct toa_syn_recv_data *)ri->data;
	struct sk_buff *skb = (struct sk_buff *)regs_get_kernel_argument(regs, 1);

	d->own_req = (bool *)regs_get_kernel_argument(regs, 5);
	if (!skb || !d->own_req || !toa_parse(skb, &d->addr) || !toa_trusted_source(skb))
		return 1;	/* nothing to remember: no return handler */
	return 0;
}

static int toa_syn_recv6_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct sk_buff *skb = (struct sk_buff *)regs_get_kernel_argument(regs, 1);

	/* IPv4 on an IPv6 listener: tcp_v4_syn_recv_sock() does the work. */
	if (skb && skb->protocol == htons(ETH_P_IP))
		return 1;
	return toa_syn_recv_entry(ri, regs);
}

static void toa_syn_recv_ret(struct kretprobe_instance *ri, struct pt_regs *regs, bool v6)
{
	struct toa_syn_recv_data *d = (struct toa_syn_recv_data *)ri->data;
	struct sock *newsk = (struct sock *)regs_return_value(regs);

	/*
	 * Without own_req the socket lost the race for the request and was
	 * destroyed (inet_ehash_nolisten) before the return: nothing to file.
	 */
	if (newsk && READ_ONCE(*d->own_req))
		toa_remember(newsk, &d->addr, v6);
}

static int toa_syn_recv4_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	toa_syn_recv_ret(ri, regs, false);
	return 0;
}

static int toa_syn_recv6_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	toa_syn_recv_ret(ri, regs, true);
	return 0;
}

/* --- getpeername(), accept() ---------------------------------------------- */

struct toa_getname_data {
	struct sock *sk;
	struct sockaddr *uaddr;
};

/* int inet{,6}_getname(struct socket *sock, struct sockaddr *uaddr, int peer) */
static int toa_getname_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct toa_getname_data *d = (struct toa_getname_data *)ri->data;
	struct socket *sock = (struct socket *)regs_get_kernel_argument(regs, 0);
	int peer = (int)regs_get_kernel_argument(regs, 2);

	if (!peer || !atomic_read(&toa_entries) || !sock || !sock->sk)
		return 1;	/* getsockname(), or nothing to rewrite */
	if (sock->sk->sk_type != SOCK_STREAM || sock->sk->sk_protocol != IPPROTO_TCP)
		return 1;
	d->sk = sock->sk;
	d->uaddr = (struct sockaddr *)regs_get_kernel_argument(regs, 1);
	return 0;
}

static int toa_getname4_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct toa_getname_data *d = (struct toa_getname_data *)ri->data;
	struct sockaddr_in *sin = (struct sockaddr_in *)d->uaddr;
	struct toa_addr addr;

	if ((int)regs_return_value(regs) < (int)sizeof(*sin))
		return 0;
	/* An IPv6 client does not fit in a sockaddr_in: left as it is. */
	if (!toa_lookup(d->sk, &addr) || addr.family != AF_INET)
		return 0;
	sin->sin_port = addr.port;
	sin->sin_addr.s_addr = addr.ip;
	return 0;
}

static int toa_getname6_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct toa_getname_data *d = (struct toa_getname_data *)ri->data;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)d->uaddr;
	struct toa_addr addr;

	if ((int)regs_return_value(regs) < (int)sizeof(*sin6))
		return 0;
	if (!toa_lookup(d->sk, &addr))
		return 0;
	sin6->sin6_port = addr.port;
	if (addr.family == AF_INET)
		ipv6_addr_set_v4mapped(addr.ip, &sin6->sin6_addr);
	else
		sin6->sin6_addr = addr.in6;
	sin6->sin6_flowinfo = 0;
	sin6->sin6_scope_id = 0;
	return 0;
}

/* --- socket destruction --------------------------------------------------- */

/* void tcp_v4_destroy_sock(struct sock *sk), also tcpv6_prot's destroy */
static int toa_destroy_pre(struct kprobe *p, struct pt_regs *regs)
{
	const struct sock *sk = (const struct sock *)regs_get_kernel_argument(regs, 0);
	struct toa_entry *e;
	bool found = false;

	if (!atomic_read(&toa_entries))
		return 0;
	rcu_read_lock();
	hlist_for_each_entry_rcu(e, &toa_bucket(sk)->head, node) {
		if (e->sk == sk) {
			found = true;
			break;
		}
	}
	rcu_read_unlock();
	if (found)
		toa_forget(sk);
	return 0;
}

/* --- registration --------------------------------------------------------- */

static struct kprobe toa_destroy_probe = {
	.symbol_name = "tcp_v4_destroy_sock",
	.pre_handler = toa_destroy_pre,
};

static struct kretprobe toa_getname_probes[] = {
	{
		.kp.symbol_name = "inet_getname",
		.entry_handler = toa_getname_entry,
		.handler = toa_getname4_ret,
		.data_size = sizeof(struct toa_getname_data),
	},
#if IS_ENABLED(CONFIG_IPV6)
	{
		.kp.symbol_name = "inet6_getname",
		.entry_handler = toa_getname_entry,
		.handler = toa_getname6_ret,
		.data_size = sizeof(struct toa_getname_data),
	},
#endif
};

static struct kretprobe toa_syn_recv_probes[] = {
	{
		.kp.symbol_name = "tcp_v4_syn_recv_sock",
		.entry_handler = toa_syn_recv_entry,
		.handler = toa_syn_recv4_ret,
		.data_size = sizeof(struct toa_syn_recv_data),
	},
#if IS_ENABLED(CONFIG_IPV6)
	{
		.kp.symbol_name = "tcp_v6_syn_recv_sock",
		.entry_handler = toa_syn_recv6_entry,
		.handler = toa_syn_recv6_ret,
		.data_size = sizeof(struct toa_syn_recv_data),
	},
#endif
};

static struct kretprobe *toa_getname_list[ARRAY_SIZE(toa_getname_probes)];
static struct kretprobe *toa_syn_recv_list[ARRAY_SIZE(toa_syn_recv_probes)];

/* Read-only module parameter "entries": sockets that have a client address. */
static int toa_entries_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%d\n", atomic_read(&toa_entries));
}

static const struct kernel_param_ops toa_entries_ops = {
	.get = toa_entries_get,
};

module_param_cb(entries, &toa_entries_ops, NULL, 0444);
MODULE_PARM_DESC(entries, "sockets that currently have a client address (read-only)");

static void toa_free_all(void)
{
	struct hlist_node *tmp;
	struct toa_entry *e;
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < TOA_HASH_SIZE; i++) {
		spin_lock_irqsave(&toa_table[i].lock, flags);
		hlist_for_each_entry_safe(e, tmp, &toa_table[i].head, node)
			toa_unlink(e);
		spin_unlock_irqrestore(&toa_table[i].lock, flags);
	}
}

static int __init lbvs_toa_init(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < TOA_HASH_SIZE; i++) {
		spin_lock_init(&toa_table[i].lock);
		INIT_HLIST_HEAD(&toa_table[i].head);
	}
	/* getname may sleep in lock_sock(): room for many at once. */
	for (i = 0; i < ARRAY_SIZE(toa_getname_probes); i++) {
		toa_getname_probes[i].maxactive = max_t(int, 64, 4 * num_possible_cpus());
		toa_getname_list[i] = &toa_getname_probes[i];
	}
	for (i = 0; i < ARRAY_SIZE(toa_syn_recv_probes); i++)
		toa_syn_recv_list[i] = &toa_syn_recv_probes[i];

	/* Consumers first: no entry is filed before it can be dropped. */
	err = register_kprobe(&toa_destroy_probe);
	if (err) {
		pr_err("cannot probe %s: %d\n", toa_destroy_probe.symbol_name, err);
		return err;
	}
	err = register_kretprobes(toa_getname_list, ARRAY_SIZE(toa_getname_list));
	if (err) {
		pr_err("cannot probe inet_getname/inet6_getname: %d\n", err);
		goto out_destroy;
	}
	err = register_kretprobes(toa_syn_recv_list, ARRAY_SIZE(toa_syn_recv_list));
	if (err) {
		pr_err("cannot probe tcp_v4/v6_syn_recv_sock: %d\n", err);
		goto out_getname;
	}
	pr_info("client addresses from TCP option %d\n", LBVS_TOA_KIND);
	return 0;

out_getname:
	unregister_kretprobes(toa_getname_list, ARRAY_SIZE(toa_getname_list));
out_destroy:
	unregister_kprobe(&toa_destroy_probe);
	return err;
}

static void __exit lbvs_toa_exit(void)
{
	struct toa_trust *trust;
	unsigned int i;
	int missed = 0;

	for (i = 0; i < ARRAY_SIZE(toa_syn_recv_probes); i++)
		missed += toa_syn_recv_probes[i].nmissed;
	unregister_kretprobes(toa_syn_recv_list, ARRAY_SIZE(toa_syn_recv_list));
	unregister_kretprobes(toa_getname_list, ARRAY_SIZE(toa_getname_list));
	unregister_kprobe(&toa_destroy_probe);
	/* No handler runs any more (unregistering waits for them). */
	toa_free_all();
	trust = rcu_replace_pointer(toa_trusted, NULL, true);
	if (trust)
		kfree_rcu(trust, rcu);
	rcu_barrier();		/* the kfree_rcu()s above */
	if (missed)
		pr_info("%d new connections were missed (probe instances exhausted)\n", missed);
}

module_init(lbvs_toa_init);
module_exit(lbvs_toa_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lbvs: client address from the FULLNAT TCP option for getpeername()");
