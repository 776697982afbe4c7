// A campfire summary as files: the CSV's parts and fields, the careful writer, the
// folders that look like USB sticks.
#include "campfire_states.hpp"
#include "kiosk/campfire_export.hpp"
#include "sync/atomic_file.hpp"
#include "sync/csv.hpp"
#include "test_packs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>

using namespace kiosk;
namespace fs = std::filesystem;

TEST_CASE("the campfire CSV: session, counts with their method, the outcome, the agreements") {
    CampfireHarness h(BundledPack());
    h.Pick("Buurtavond, \"De Linde\"");
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    h.TapVotes({1, 3});                   // stem-iedereen: nee, a witte vlek
    h.Do(CampfireKind::Mode, "hands");
    h.Do(CampfireKind::HandUp, "weet-niet");
    h.Do(CampfireKind::Back);
    h.Do(CampfireKind::OpenPoll, "rolverdeling"); // the wijk decides: verdelen, and so nee above is a witte vlek
    h.Do(CampfireKind::Mode, "taps");
    REQUIRE(CampfireQuestion(h.Ctx, h.S)->Id == "hoeveel-zeggenschap");
    h.TapVotes({0, 0, 2});
    h.Do(CampfireKind::Back);
    h.Do(CampfireKind::OpenAgreements);
    h.Do(CampfireKind::AgreementNew, h.NewId());
    h.Do(CampfireKind::Edit, "what");
    h.Type("=Een wijkpanel");
    h.Do(CampfireKind::AgreementWho, "samen");
    h.Do(CampfireKind::AgreementSave);

    const std::string csv = CampfireCsv(h.Ctx, h.S.Campfire, "nl");
    std::istringstream in(csv);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    REQUIRE(lines.size() >= 17);
    CHECK(lines[0] == "session,wijk,held_on,present,pack_id,pack_version");
    CHECK(lines[1] == "\"Buurtavond, \"\"De Linde\"\"\",Oosterpark,2026-11-28,10,gronings-model," +
                          BundledPack().Version);
    CHECK(lines[2].empty());
    CHECK(lines[3] == "question_id,question,option_id,option,count,method");
    CHECK(lines[4] == "stem-iedereen,Kan iedereen in de wijk meepraten over plannen voor de wijk?,ja,Ja,1,taps");
    CHECK(lines[5] == "stem-iedereen,Kan iedereen in de wijk meepraten over plannen voor de wijk?,nee,Nee,3,taps");
    CHECK(lines[6] == "stem-iedereen,Kan iedereen in de wijk meepraten over plannen voor de wijk?,weet-niet,"
                      "Weet ik niet,1,hands");
    CHECK(lines[7] == "hoeveel-zeggenschap,Hoeveel moet de wijk zelf te zeggen hebben?,advies,"
                      "\"De wijk geeft advies, de gemeente beslist\",0,"); // never counted: no method
    CHECK(lines[9] == "hoeveel-zeggenschap,Hoeveel moet de wijk zelf te zeggen hebben?,besluiten,"
                      "De wijk beslist zelf over een deel van de zaken,2,taps");
    CHECK(lines[11].empty());
    CHECK(lines[12] == "outcome,id,text");
    CHECK(lines[13] == "archetype,verdelen,De wijk beslist en verdeelt");
    CHECK(lines[14] == "witte_vlek,stem-iedereen,Kan iedereen in de wijk meepraten over plannen voor de wijk?");
    CHECK(lines[15].empty());
    CHECK(lines[16] == "agreement_id,what,who,due,answers,status");
    REQUIRE(lines.size() == 18);
    CHECK(lines[17] == h.S.Campfire.Agreements[0].Id + ",'=Een wijkpanel,samen,,,open"); // never a formula
    CHECK(wsync::CsvField("-3") == "-3");
    CHECK(wsync::CsvField("a\nb") == "\"a\nb\"");
}

TEST_CASE("writing an export file: whole or not at all, with a reason") {
    char tmpl[] = "/tmp/wijkstem-export-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    std::string error;
    REQUIRE_MESSAGE(WriteFileAtomic(dir + "/a.csv", "x,y\n", &error), error);
    std::ifstream f(dir + "/a.csv");
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    CHECK(text == "x,y\n");
    CHECK(WriteFileAtomic(dir + "/a.csv", "new\n", &error)); // replaced whole
    for (const auto& e : fs::directory_iterator(dir))
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos); // no temporary left
    CHECK_FALSE(WriteFileAtomic(dir + "/no-such-folder/a.csv", "x", &error));
    CHECK(error.find("cannot write in") != std::string::npos);

    // Folders that look like USB sticks: two levels under a root, writable ones.
    fs::create_directories(dir + "/media/kiosk/STICK");
    fs::create_directories(dir + "/media/kiosk/GEMEENTE");
    fs::create_directories(dir + "/media/other/READONLY");
    chmod((dir + "/media/other/READONLY").c_str(), 0500);
    std::vector<std::string> sticks = UsbFolders({dir + "/media", dir + "/nothing-here"});
    const bool root = geteuid() == 0; // root may write anywhere
    REQUIRE(sticks.size() == (root ? 3u : 2u));
    CHECK(sticks[0] == dir + "/media/kiosk/GEMEENTE");
    CHECK(sticks[1] == dir + "/media/kiosk/STICK");
    chmod((dir + "/media/other/READONLY").c_str(), 0700);
    fs::remove_all(dir);
}

namespace {
std::vector<std::string> g_export_calls; // "op path" per call through the FileOps seam
std::map<int, std::string> g_export_fds;
int XOpen(const char* path, int flags, mode_t mode) {
    int fd = open(path, flags, mode);
    g_export_fds[fd] = path;
    return fd;
}
ssize_t XWrite(int fd, const void* p, size_t n) {
    g_export_calls.push_back("write " + g_export_fds[fd]);
    return write(fd, p, n);
}
int XFsync(int fd) {
    g_export_calls.push_back("fsync " + g_export_fds[fd]);
    return fsync(fd);
}
int XRename(const char* from, const char* to) {
    g_export_calls.push_back(std::string("rename ") + from + " " + to);
    return rename(from, to);
}
} // namespace

TEST_CASE("writing an export file: write, fsync, rename, fsync the folder, in that order (issue 17)") {
    char tmpl[] = "/tmp/wijkstem-export-order-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    const wsync::FileOps recording = {XOpen, XWrite, XFsync, ::close, XRename, ::unlink};
    wsync::SetFileOpsForTest(&recording);
    std::string error;
    const bool ok = WriteFileAtomic(dir + "/kampvuur.csv", "question,value,count\n", &error);
    wsync::SetFileOpsForTest(nullptr);
    REQUIRE_MESSAGE(ok, error);
    REQUIRE(!g_export_calls.empty());
    const std::string tmp = g_export_calls[0].substr(6); // "write PATH": its random temporary name
    CHECK(tmp.rfind(dir + "/.kampvuur.csv.tmp-", 0) == 0);
    CHECK(g_export_calls == std::vector<std::string>{"write " + tmp, "fsync " + tmp,
                                                      "rename " + tmp + " " + dir + "/kampvuur.csv", "fsync " + dir});
    std::filesystem::remove_all(dir);
}

TEST_CASE("security 10: a campfire export never writes through a planted symlink") {
    char tmpl[] = "/tmp/wijkstem-export-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    {
        std::ofstream v(dir + "/victim.txt");
        v << "precious\n";
    }
    // The old temporary name: .NAME.tmp-PID.
    fs::create_symlink(dir + "/victim.txt", dir + "/.kampvuur.csv.tmp-" + std::to_string(getpid()));
    std::string error;
    REQUIRE_MESSAGE(WriteFileAtomic(dir + "/kampvuur.csv", "a,b\n", &error), error);
    std::ifstream v(dir + "/victim.txt");
    std::string text((std::istreambuf_iterator<char>(v)), std::istreambuf_iterator<char>());
    CHECK(text == "precious\n");
    struct stat st {};
    REQUIRE(stat((dir + "/kampvuur.csv").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    fs::remove_all(dir);
}
