#include "kiosk/log.hpp"
#include "sync/iso_time.hpp"

#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace kiosk {

static std::string g_log_path;

void SetLogFile(const std::string& path) { g_log_path = path; }

void Log(const std::string& message) {
    const std::string stamp = wsync::IsoNowSeconds();
    fprintf(stderr, "wijkstem: %s\n", message.c_str());
    if (g_log_path.empty())
        return;
    // Opened per line: the log is rare, and a full disk must not take the kiosk down.
    // 0600 and never through a planted link: the log can name the store and its errors.
    const int fd = open(g_log_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (FILE* f = fd >= 0 ? fdopen(fd, "a") : nullptr) {
        fprintf(f, "%s %s\n", stamp.c_str(), message.c_str());
        fclose(f);
    } else if (fd >= 0) {
        close(fd);
    }
}

} // namespace kiosk
