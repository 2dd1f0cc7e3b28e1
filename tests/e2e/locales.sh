#!/bin/sh
# Generates the locales the end-to-end tests run the program in, without
# root, into build/locale/ (the harness points LOCPATH there):
#   zh_CN.UTF-8    zh_CN.GB18030
# Input comes from Debian's `locales` package (/usr/share/i18n).
# Each locale is built in a temporary directory and moved into place, so a
# half-written one is never used and two runs at once do not collide.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/locale"
mkdir -p "$out" || exit 1

if ! command -v localedef >/dev/null 2>&1; then
    echo "locales.sh: 找不到 localedef，请安装 locales 软件包（apt-get install locales）" >&2
    exit 1
fi

status=0
for charset in UTF-8 GB18030; do
    name="zh_CN.$charset"
    [ -f "$out/$name/LC_CTYPE" ] && continue
    tmp="$out/.tmp-$name-$$"
    rm -rf "$tmp"
    # -c: exit status 1 only reports warnings (e.g. characters a charmap
    # lacks); the locale is still written and usable.
    localedef -c -i zh_CN -f "$charset" "$tmp" >"$tmp.log" 2>&1
    rc=$?
    if [ "$rc" -le 1 ] && [ -f "$tmp/LC_CTYPE" ]; then
        # -T: if another run got there first, its copy stays and ours goes.
        mv -T "$tmp" "$out/$name" 2>/dev/null || rm -rf "$tmp"
        rm -f "$tmp.log"
    else
        echo "locales.sh: 无法生成区域设置 $name（localedef 退出码 $rc）：" >&2
        cat "$tmp.log" >&2
        rm -rf "$tmp" "$tmp.log"
        status=1
    fi
done
exit $status
