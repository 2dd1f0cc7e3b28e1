#!/bin/sh
# tools/uninstall.sh — `make uninstall`: takes away what tools/install.sh
# put in place — the program, its directory, the command, the man page and
# the manual — and says what it kept:
#   /etc/dangjian/dangjian.ini     the office's settings
#   $DATADIR (/var/lib/dangjian)   the database, its backups before a restore
#   the groups dangjian and dangjian-users
# PURGE=1 removes those too: the database files by name (dangjian.db and
# its -wal, -shm, -lock and .before-restore-* copies), then the directory
# only when nothing else is left in it.
#
# usage: PREFIX=/usr/local DESTDIR= DATADIR=/var/lib/dangjian PURGE= sh tools/uninstall.sh
set -eu

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
DATADIR=${DATADIR:-/var/lib/dangjian}
PURGE=${PURGE:-}
CONFDIR=/etc/dangjian

libdir=$DESTDIR$PREFIX/lib/dangjian
bindir=$DESTDIR$PREFIX/bin
mandir=$DESTDIR$PREFIX/share/man/man1
docdir=$DESTDIR$PREFIX/share/doc/dangjian
confdir=$DESTDIR$CONFDIR
datadir=$DESTDIR$DATADIR

say() { printf '%s\n' "$*"; }
fail() { printf 'make uninstall：%s\n' "$*" >&2; exit 1; }

case $DATADIR in /*) ;; *) fail "DATADIR 须为绝对路径：$DATADIR" ;; esac
if [ -z "$DESTDIR" ] && [ "$(id -u)" != 0 ]; then
	fail "需要 root 权限：sudo make uninstall"
fi

gone() {   # gone PATH SHOWN: removes a file that is there, and says so
	if [ -e "$1" ] || [ -L "$1" ]; then
		rm -f "$1"
		say "已删除 $2"
	fi
}

# The command only when it is our link, not another program of that name.
if [ -L "$bindir/dangjian" ] && [ "$(readlink "$bindir/dangjian")" = ../lib/dangjian/dangjian ]; then
	gone "$bindir/dangjian" "$PREFIX/bin/dangjian"
fi
gone "$libdir/dangjian" "$PREFIX/lib/dangjian/dangjian"
rmdir "$libdir" 2>/dev/null || true
gone "$mandir/dangjian.1" "$PREFIX/share/man/man1/dangjian.1"
gone "$docdir/使用手册.md" "$PREFIX/share/doc/dangjian/使用手册.md"
rmdir "$docdir" 2>/dev/null || true

if [ "$PURGE" != 1 ]; then
	[ -e "$confdir/dangjian.ini" ] && say "保留配置文件 $CONFDIR/dangjian.ini"
	[ -e "$datadir" ] && say "保留数据目录 $DATADIR（数据库及恢复前的副本都在其中）"
	[ -z "$DESTDIR" ] && say "保留组 dangjian 和 dangjian-users"
	say "以上各项连同数据一并删除请用：sudo make uninstall PURGE=1（删除前请先备份）"
	exit 0
fi

gone "$confdir/dangjian.ini" "$CONFDIR/dangjian.ini"
rmdir "$confdir" 2>/dev/null || true
for f in "$datadir"/dangjian.db "$datadir"/dangjian.db-wal "$datadir"/dangjian.db-shm \
         "$datadir"/dangjian.db-lock "$datadir"/dangjian.db-key "$datadir"/dangjian.db.before-restore-*; do
	gone "$f" "$DATADIR/${f##*/}"
done
if [ -d "$datadir" ]; then
	if rmdir "$datadir" 2>/dev/null; then
		say "已删除数据目录 $DATADIR"
	else
		say "保留数据目录 $DATADIR：其中还有不是本程序的文件"
	fi
fi
if [ -z "$DESTDIR" ]; then
	for g in dangjian-users dangjian; do
		if getent group "$g" >/dev/null; then
			groupdel "$g"
			say "已删除组 $g"
		fi
	done
fi
