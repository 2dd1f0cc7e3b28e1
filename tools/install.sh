#!/bin/sh
# tools/install.sh — `make install`: dangjian on a shared server (DESIGN.md §8).
#
#   $PREFIX/lib/dangjian/            0750 root:dangjian-users  only operators reach the program
#   $PREFIX/lib/dangjian/dangjian    2755 root:dangjian        setgid: the program alone opens the data
#   $PREFIX/bin/dangjian             symbolic link to the above
#   /etc/dangjian/dangjian.ini       0644, written once and never overwritten; the setgid
#                                    program reads no other configuration (src/admin/user_priv.h)
#   $DATADIR (/var/lib/dangjian)     2770 root:dangjian        operators are NOT in this group
#   $DATADIR/dangjian.db             0660 root:dangjian, WAL mode, created here, never replaced
#   $DATADIR/dangjian.db-lock        0660 root:dangjian, the writers' queue (src/core/db_queue.h);
#                                    repaired on every install (-wal and -shm too, when there)
#   $DATADIR/dangjian.db-key         0640 root:dangjian, the audit log's key (src/core/audit_chain.h):
#                                    the group reads it, nobody but root writes it; created here
#                                    once (32 random bytes in hex), never replaced
#   $PREFIX/share/man/man1/dangjian.1          0644  man dangjian
#   $PREFIX/share/doc/dangjian/使用手册.md     0644  the Chinese manual
#
# tools/uninstall.sh (`make uninstall`) takes away all of this but the
# configuration, the data and the groups, which only PURGE=1 removes.
#
# With DESTDIR (building a package) everything goes under it, with the same
# modes, but no group is created or assigned: the package's own post-install
# step must do that (see README, 管理员).  Only root may install without DESTDIR.
#
# usage: PREFIX=/usr/local DESTDIR= DATADIR=/var/lib/dangjian sh tools/install.sh BINARY
set -eu

BIN=${1:?"用法：sh tools/install.sh 程序文件"}
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
DATADIR=${DATADIR:-/var/lib/dangjian}
# The groups and the configuration's folder are fixed for a real server;
# tests/e2e/test_e2e_installed.c installs a whole layout as root with
# groups and a folder of its own (its program reads that folder's
# dangjian.ini, PRIV_SYSTEM_CONFIG), leaving the machine's alone.
DATA_GROUP=${DATA_GROUP:-dangjian}
USER_GROUP=${USER_GROUP:-dangjian-users}
CONFDIR=${CONFDIR:-/etc/dangjian}
HERE=$(cd "$(dirname "$0")/.." && pwd)

libdir=$DESTDIR$PREFIX/lib/dangjian
bindir=$DESTDIR$PREFIX/bin
confdir=$DESTDIR$CONFDIR
datadir=$DESTDIR$DATADIR
db=$datadir/dangjian.db

say() { printf '%s\n' "$*"; }
fail() { printf 'make install：%s\n' "$*" >&2; exit 1; }

[ -x "$BIN" ] || fail "找不到程序 $BIN，请先 make"
case $DATADIR in /*) ;; *) fail "DATADIR 须为绝对路径：$DATADIR" ;; esac
if [ -z "$DESTDIR" ] && [ "$(id -u)" != 0 ]; then
	fail "需要 root 权限：sudo make install（打包时可用 DESTDIR=目录）"
fi

# Groups: the data group has no members; the users' group is who may run it.
if [ -z "$DESTDIR" ]; then
	for g in "$DATA_GROUP" "$USER_GROUP"; do
		if ! getent group "$g" >/dev/null; then
			groupadd --system "$g"
			say "已创建组 $g"
		fi
	done
fi

# A mode given after the group: chgrp clears the setgid bit of a file.
place() {   # place MODE GROUP PATH
	if [ -z "$DESTDIR" ]; then
		chgrp "$2" "$3"
	fi
	chmod "$1" "$3"
}

mandir=$DESTDIR$PREFIX/share/man/man1
docdir=$DESTDIR$PREFIX/share/doc/dangjian
mkdir -p "$libdir" "$bindir" "$confdir" "$datadir" "$mandir" "$docdir"
cp "$BIN" "$libdir/dangjian.new"
place 2755 "$DATA_GROUP" "$libdir/dangjian.new"
mv -f "$libdir/dangjian.new" "$libdir/dangjian"
place 0750 "$USER_GROUP" "$libdir"
ln -sfn ../lib/dangjian/dangjian "$bindir/dangjian"
say "已安装程序 $PREFIX/lib/dangjian/dangjian（setgid $DATA_GROUP），命令 $PREFIX/bin/dangjian"

# Replaced on every install, like the program: they describe it.
copy_doc() {   # copy_doc FROM TO
	cp "$1" "$2.new"
	chmod 0644 "$2.new"
	mv -f "$2.new" "$2"
}
copy_doc "$HERE/man/dangjian.1" "$mandir/dangjian.1"
copy_doc "$HERE/docs/使用手册.md" "$docdir/使用手册.md"
say "已安装手册页 $PREFIX/share/man/man1/dangjian.1（man dangjian）和使用手册 $PREFIX/share/doc/dangjian/使用手册.md"

if [ -e "$confdir/dangjian.ini" ]; then
	say "保留已有的配置文件 $CONFDIR/dangjian.ini"
else
	{
		printf '; 服务器安装版：程序只读取本文件（忽略 --config 和当前目录的 dangjian.ini）。\n'
		sed -e "s#^path = .*#path = $DATADIR/dangjian.db#" -e '/^; 程序按顺序查找/d' \
		    -e 's#^; 数据库文件路径（dangjian.db）。相对路径相对于启动程序时的当前目录。#; 数据库文件路径，须为绝对路径。#' \
		    "$HERE/dangjian.ini"
	} > "$confdir/dangjian.ini.new"
	chmod 0644 "$confdir/dangjian.ini.new"
	mv "$confdir/dangjian.ini.new" "$confdir/dangjian.ini"
	say "已写入配置文件 $CONFDIR/dangjian.ini（请修改 [unit] name 为本单位名称）"
fi

place 2770 "$DATA_GROUP" "$datadir"
# The audit log's key, before the database: init and every later write chain
# the log with it.  Made on the server it serves, never in a package: every
# installation has its own.
key=$db-key
if [ -n "$DESTDIR" ]; then
	:
elif [ -e "$key" ]; then
	say "保留已有的操作日志密钥 $DATADIR/dangjian.db-key"
else
	(umask 077 && { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; printf '\n'; } > "$key.new")
	[ "$(wc -c < "$key.new")" -eq 65 ] || fail "无法生成操作日志密钥 $key"
	place 0640 "$DATA_GROUP" "$key.new"
	mv "$key.new" "$key"
	say "已创建操作日志密钥 $DATADIR/dangjian.db-key（0640 root:$DATA_GROUP；请与数据库一同备份，切勿泄露）"
fi
if [ -e "$db" ]; then
	say "保留已有的数据库 $DATADIR/dangjian.db（新版程序首次打开时自动升级结构）"
else
	ini=$(mktemp)
	trap 'rm -f "$ini"' EXIT
	printf '[database]\npath = %s\n' "$db" > "$ini"
	# init switches the file to WAL mode, which is kept in the file itself.
	# umask 007: the database and its lock file are born group-writable
	# (a lock file of 0644 root turned every operator's queue off).
	(umask 007; "$BIN" --config "$ini" init >/dev/null) || fail "创建数据库 $db 失败"
	say "已创建数据库 $DATADIR/dangjian.db（WAL 模式）"
fi
place 0660 "$DATA_GROUP" "$db"
# A package carries no key (init made one beside the database under DESTDIR).
[ -z "$DESTDIR" ] || rm -f "$key"

# The files beside the database get its owner, group and mode, whoever made
# them: an operator who cannot write the lock file writes unqueued.
[ -e "$db-lock" ] || [ -L "$db-lock" ] || (umask 007; : > "$db-lock")
for f in "$db-lock" "$db-wal" "$db-shm"; do
	[ -f "$f" ] && [ ! -L "$f" ] || continue
	was=$(stat -c %a "$f")
	if [ -z "$DESTDIR" ]; then
		chown "$(stat -c %u "$db")" "$f"
	fi
	place 0660 "$DATA_GROUP" "$f"
	if [ "$was" != 660 ]; then
		say "已修复 ${f#"$DESTDIR"} 的权限（原为 0$was，现为 0660，与数据库文件相同）"
	fi
done

if [ -n "$DESTDIR" ]; then
	say "DESTDIR 安装：未创建组，也未设置属组。在目标系统上请执行："
	say "  groupadd --system $DATA_GROUP; groupadd --system $USER_GROUP"
	say "  chgrp $USER_GROUP $PREFIX/lib/dangjian && chmod 0750 $PREFIX/lib/dangjian"
	say "  chgrp $DATA_GROUP $PREFIX/lib/dangjian/dangjian && chmod 2755 $PREFIX/lib/dangjian/dangjian"
	say "  chgrp $DATA_GROUP $DATADIR $DATADIR/dangjian.db $DATADIR/dangjian.db-lock && chmod 2770 $DATADIR"
	say "  chmod 0660 $DATADIR/dangjian.db $DATADIR/dangjian.db-lock"
	say "  (umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \\n' > $DATADIR/dangjian.db-key; echo >> $DATADIR/dangjian.db-key)"
	say "  chgrp $DATA_GROUP $DATADIR/dangjian.db-key && chmod 0640 $DATADIR/dangjian.db-key   # 操作日志密钥，每台服务器各自生成"
else
	say "下一步：把本单位名称写入 $CONFDIR/dangjian.ini；用 usermod -aG $USER_GROUP 登录名 让操作员能运行程序；"
	say "        先登记自己为管理员：dangjian user add 您的登录名 --role admin --name 姓名"
fi
