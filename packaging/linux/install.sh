#!/bin/sh
# Install the built folder (make package) for one user, with its menu entry,
# icons and the .jkproj file type, so that double-clicking a project opens it.
#
#   packaging/linux/install.sh [FOLDER]          # FOLDER defaults to dist/jiaokan
#   packaging/linux/install.sh --uninstall
#
# PREFIX (default ~/.local) decides where: the folder goes to $PREFIX/opt/jiaokan,
# a link to $PREFIX/bin/jiaokan, the desktop files under $PREFIX/share.  Nothing
# needs root; PREFIX=/usr/local with sudo installs for every user.
set -eu

PREFIX=${PREFIX:-"$HOME/.local"}
APP_ID=io.github.jiaokan.Jiaokan
OPT="$PREFIX/opt/jiaokan"
SHARE="$PREFIX/share"

# Refresh the desktop's caches; each tool is optional (a desktop runs them at login too).
refresh() {
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$SHARE/mime"
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$SHARE/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor"
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$OPT"
    rm -f "$PREFIX/bin/jiaokan" \
        "$SHARE/applications/$APP_ID.desktop" \
        "$SHARE/metainfo/$APP_ID.metainfo.xml" \
        "$SHARE/mime/packages/$APP_ID.xml" \
        "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
    rm -f "$SHARE"/icons/hicolor/*/apps/"$APP_ID.png"
    refresh
    echo "removed Jiaokan from $PREFIX"
    exit 0
fi

FOLDER=${1:-dist/jiaokan}
if [ ! -x "$FOLDER/jiaokan" ] || [ ! -d "$FOLDER/share" ]; then
    echo "install.sh: $FOLDER is not a built Jiaokan folder (run make package)" >&2
    exit 2
fi

mkdir -p "$PREFIX/opt" "$PREFIX/bin"
rm -rf "$OPT.new"
cp -a "$FOLDER" "$OPT.new"
rm -rf "$OPT"
mv "$OPT.new" "$OPT"
ln -sf "$OPT/jiaokan" "$PREFIX/bin/jiaokan"

# share/ of the folder mirrors $PREFIX/share; the menu entry gets the full path,
# since a desktop's launcher need not have $PREFIX/bin on its PATH
(cd "$OPT/share" && find . -type f) | while read -r rel; do
    mkdir -p "$(dirname "$SHARE/$rel")"
    cp "$OPT/share/$rel" "$SHARE/$rel"
done
case "$OPT" in
    *" "*) exec_line="Exec=\"$OPT/jiaokan\" %F" ;;
    *) exec_line="Exec=$OPT/jiaokan %F" ;;
esac
sed -i "s|^Exec=jiaokan %F\$|$exec_line|" "$SHARE/applications/$APP_ID.desktop"
refresh
echo "installed Jiaokan in $OPT; run it as $PREFIX/bin/jiaokan or from the menu"
