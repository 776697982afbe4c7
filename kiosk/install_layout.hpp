// Where an installed kiosk finds its pack, its data and its opening hours (docs/install.md).
// A kiosk run from the build tree uses the source tree's pack and the user's own data folder;
// the packaged one (/usr/bin/wijkstem) the files the package put in place.
#pragma once

#include <functional>
#include <string>

namespace kiosk {

struct InstallLayout {
    std::string ContentDir;   // the bundled pack
    std::string DataDir;      // empty: the user's ($XDG_DATA_HOME/wijkstem)
    std::string OpeningHours; // empty: always open unless --opening-hours is given
};

// Pure: the layout for an executable at EXE. A pack at EXE/../../share/wijkstem/packs/
// gronings-model (an installed tree, also one unpacked with dpkg-deb -x) wins over the
// source tree's BUILD_TREE_CONTENT; /usr/bin/wijkstem itself, the real package, also gets
// /var/lib/wijkstem and /etc/wijkstem/opening-hours.
InstallLayout LayoutFor(const std::string& exe, const std::string& build_tree_content,
                        const std::function<bool(const std::string&)>& exists);

// The layout of the running binary (/proc/self/exe).
InstallLayout CurrentLayout(const std::string& build_tree_content);

} // namespace kiosk
