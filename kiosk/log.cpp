#include "kiosk/log.hpp"
#include "sync/iso_time.hpp"

#include <cstdio>
#include <ctime>

namespace kiosk {

static std::string g_log_path;

void SetLogFile(const std::string& path) { g_log_path = path; }

void Log(const std::string& message) {
    const std::string stamp = wsync::IsoNowSeconds();
    fprintf(stderr, "wijkstem: %s\n", message.c_str());
    if (g_log_path.empty())
        return;
    // Opened per line: the log is rare, and a full disk must not take the kiosk down.
    if (FILE* f = fopen(g_log_path.c_str(), "a")) {
        fprintf(f, "%s %s\n", stamp.c_str(), message.c_str());
        fclose(f);
    }
}

} // namespace kiosk
