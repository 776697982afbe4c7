#include "kiosk/log.hpp"

#include <cstdio>
#include <ctime>

namespace kiosk {

static std::string g_log_path;

void SetLogFile(const std::string& path) { g_log_path = path; }

void Log(const std::string& message) {
    char stamp[32];
    time_t now = time(nullptr);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(stderr, "wijkstem: %s\n", message.c_str());
    if (g_log_path.empty())
        return;
    // Opened per line: the log is rare, and a full disk must not take the kiosk down.
    if (FILE* f = fopen(g_log_path.c_str(), "a")) {
        fprintf(f, "%s %s\n", stamp, message.c_str());
        fclose(f);
    }
}

} // namespace kiosk
