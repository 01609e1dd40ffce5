# SPDX-License-Identifier: GPL-2.0
#
# lbvs top-level build.  The module is built against Debian 12's packaged
# kernel headers, never against the running kernel (the host is not the
# target): the newest /lib/modules/*/build wins unless KDIR= is given.

KDIR ?= $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)
PREFIX ?= /usr/local
DESTDIR ?=
# systemd looks here for the units of /usr/local, and in /lib/systemd/system
UNITDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,$(PREFIX)/lib/systemd/system)

.PHONY: all module lbadm unit e2e e2e-debug e2e-pair check check-extended demo bench deps \
	sparse checkpatch install install-scripts dkms-src dkms deb clean

all: module lbadm

module:
	@test -n "$(KDIR)" || { echo "no kernel headers: run scripts/install-deps.sh" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

lbadm:
	$(MAKE) -C tools/lbadm

# Userspace unit tests (check): lbadm parsing, schedulers, state tables.
unit:
	$(MAKE) -C tests/unit check

# End-to-end tests in a QEMU guest: Debian's stock kernel, then the debug kernel.
e2e: all
	tests/qemu/run.sh --kernel stock

e2e-debug: all
	tests/qemu/run.sh --kernel debug

# Two guests on one LAN: a keepalived pair migrating between IPVS and lbvs.
e2e-pair: all
	tests/qemu/run.sh --pair tests/pair/340-rolling-migration.sh

check:
	scripts/check.sh

# What is too slow for `make check`: e2e 152's sweep over every
# configuration command with each allocation failing (debug kernel).
check-extended: deps all
	LBVS_EXTENDED=1 tests/qemu/run.sh --kernel debug --filter '^152' --timeout 3000

demo:
	scripts/demo.sh

bench: all
	scripts/bench.sh

deps:
	scripts/install-deps.sh

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 CF=-D__CHECK_ENDIAN__ modules

checkpatch:
	scripts/checkpatch.sh

# Kbuild skips depmod without a System.map, which Debian's headers lack:
# without it modprobe does not find lbvs, nor load nf_defrag_* before it.
install: all install-scripts
	$(MAKE) -C tools/lbadm install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) modules_install
	depmod $(if $(DESTDIR),-b $(DESTDIR)) $$(modinfo -F vermagic kmod/lbvs.ko | cut -d' ' -f1)

# The scripts and the unit, also for the lbadm package (debian/rules).
# /etc/default/lbvs is the operator's: an install never overwrites it.
install-scripts:
	install -D -m 0755 scripts/lbvs-healthcheck $(DESTDIR)$(PREFIX)/sbin/lbvs-healthcheck
	install -D -m 0755 scripts/lbvs-rules $(DESTDIR)$(PREFIX)/sbin/lbvs-rules
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)/etc/lbvs
	sed 's|@SBINDIR@|$(PREFIX)/sbin|' scripts/systemd/lbvs.service.in \
		>$(DESTDIR)$(UNITDIR)/lbvs.service
	test -e $(DESTDIR)/etc/default/lbvs || \
		install -D -m 0644 scripts/systemd/lbvs.default $(DESTDIR)/etc/default/lbvs

# Debian packages lbadm and lbvs-dkms (debian/), into out/deb/.
deb:
	scripts/make-deb.sh

# DKMS: the module's sources and dkms.conf in /usr/src/lbvs-VERSION, then
# built and installed for the running kernel, and by DKMS for every kernel
# installed later. `make install` is then only needed for the tools.
VERSION := $(shell sed -n 's/^\#define LBVS_VERSION[[:space:]]*"\(.*\)"/\1/p' kmod/version.h)
DKMS_SRC := $(DESTDIR)/usr/src/lbvs-$(VERSION)
KSRCS := Kbuild include/uapi/linux/lbvs.h kmod/Kbuild kmod/toa/Kbuild \
	$(filter-out %.mod.c,$(wildcard kmod/*.[ch] kmod/toa/*.[ch]))

dkms-src:
	rm -rf $(DKMS_SRC)
	for f in $(KSRCS); do install -D -m 0644 $$f $(DKMS_SRC)/$$f || exit 1; done
	sed 's/@VERSION@/$(VERSION)/' scripts/dkms/dkms.conf.in >$(DKMS_SRC)/dkms.conf

dkms: dkms-src
	-dkms remove -m lbvs -v $(VERSION) --all
	dkms add -m lbvs -v $(VERSION)
	dkms install -m lbvs -v $(VERSION)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/lbadm clean
	$(MAKE) -C tests/unit clean
