// kiosk/install_layout: the packaged kiosk finds its pack, data and opening hours.
#include "kiosk/install_layout.hpp"

#include <doctest/doctest.h>

#include <set>

TEST_CASE("install layout: the package's files win over the build tree's") {
    std::set<std::string> files = {"/usr/share/wijkstem/packs/gronings-model/pack.json",
                                   "/tmp/root/usr/share/wijkstem/packs/gronings-model/pack.json"};
    auto exists = [&](const std::string& p) { return files.count(p) > 0; };

    kiosk::InstallLayout l = kiosk::LayoutFor("/usr/bin/wijkstem", "/src/content/packs/gronings-model", exists);
    CHECK(l.ContentDir == "/usr/share/wijkstem/packs/gronings-model");
    CHECK(l.DataDir == "/var/lib/wijkstem");
    CHECK(l.OpeningHours == "/etc/wijkstem/opening-hours");

    SUBCASE("a package unpacked elsewhere (dpkg-deb -x) finds its pack, not the machine's data") {
        l = kiosk::LayoutFor("/tmp/root/usr/bin/wijkstem", "/src/content/packs/gronings-model", exists);
        CHECK(l.ContentDir == "/tmp/root/usr/share/wijkstem/packs/gronings-model");
        CHECK(l.DataDir.empty());
        CHECK(l.OpeningHours.empty());
    }
    SUBCASE("the build tree keeps the source tree's pack") {
        l = kiosk::LayoutFor("/src/build/wijkstem", "/src/content/packs/gronings-model", exists);
        CHECK(l.ContentDir == "/src/content/packs/gronings-model");
        CHECK(l.DataDir.empty());
    }
}
