/* SPDX-License-Identifier: GPL-2.0 */
/*
 * -L --prometheus: the table in Prometheus' text exposition format (0.0.4),
 * for node_exporter's textfile collector or any scraper.
 *
 * Names and labels follow node_exporter's node_ipvs_* where the meaning is
 * the same (prefix lbvs_ instead of node_ipvs_, so both can be scraped from
 * one host):
 *  lbvs_{connections,incoming_packets,outgoing_packets,incoming_bytes,
 *  outgoing_bytes}_total                 the whole table (as node_ipvs_*)
 *  lbvs_service_<same>_total             per service
 *  lbvs_backend_<same>_total             per real server
 *  lbvs_backend_connections_{active,inactive,persistent}, lbvs_backend_weight
 *  lbvs_{service,backend}_{connections,incoming_packets,outgoing_packets,
 *  incoming_bytes,outgoing_bytes}_per_second   the kernel's rate estimates
 *  lbvs_service_backends                 real servers configured
 *  lbvs_connection_table_{entries,max,buckets}, lbvs_drops_total{reason}
 *  lbvs_info{version}
 * Service labels: local_address, local_port, local_mark, proto (as
 * node_exporter: "TCP"/"UDP", or "FWM" with local_mark set and local_address
 * empty); real servers add remote_address, remote_port. Addresses bare.
 * The table-wide families are printed only when info is given (the whole
 * table is listed).
 */
#ifndef LBADM_PROM_H
#define LBADM_PROM_H

#include <stdio.h>
#include "lbadm.h"

void lbadm_print_prom(FILE *f, const struct lbadm_info *info,
		      const struct lbadm_svc_entry *v, size_t n);

#endif /* LBADM_PROM_H */
