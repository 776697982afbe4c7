// Where an installed kiosk finds its files (kiosk/install_layout.hpp).
#include "kiosk/install_layout.hpp"

#include <climits>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

InstallLayout LayoutFor(const std::string& exe, const std::string& build_tree_content,
                        const std::function<bool(const std::string&)>& exists) {
    InstallLayout l;
    l.ContentDir = build_tree_content;
    const size_t slash = exe.rfind('/');
    if (slash == std::string::npos)
        return l;
    const std::string bin = exe.substr(0, slash);
    const size_t up = bin.rfind('/');
    const std::string prefix = up == std::string::npos ? "." : bin.substr(0, up);
    const std::string packed = prefix + "/share/wijkstem/packs/gronings-model";
    if (exists(packed + "/pack.json"))
        l.ContentDir = packed;
    if (exe == "/usr/bin/wijkstem") { // the package: systemd's StateDirectory and the admin's /etc
        l.DataDir = "/var/lib/wijkstem";
        l.OpeningHours = "/etc/wijkstem/opening-hours";
    }
    return l;
}

InstallLayout CurrentLayout(const std::string& build_tree_content) {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    std::string exe = n > 0 ? std::string(buf, size_t(n)) : std::string();
    return LayoutFor(exe, build_tree_content, [](const std::string& p) {
        struct stat st;
        return stat(p.c_str(), &st) == 0;
    });
}

} // namespace kiosk
