// e2e_watchdog's stand-in for systemd's watchdog (systemd is not PID 1 on the test machines).
// It plays the part of a Type=notify unit with WatchdogSec and Restart=always: it runs a
// command with NOTIFY_SOCKET (a unix datagram socket it reads), WATCHDOG_USEC and
// WATCHDOG_PID set, prints each READY=1 and WATCHDOG=1 it receives, and when no WATCHDOG=1
// comes for WATCHDOG_USEC (counted from the first READY=1 or WATCHDOG=1) it kills the process (SIGABRT, as systemd does) and starts it again.
//
// Usage: watchdog_supervisor DIR USEC SECONDS -- COMMAND...
//   runs for SECONDS in all, then stops the command (SIGTERM) and prints a summary:
//   "summary: starts=N ready=N feeds=N timeouts=N"
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

double Now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

pid_t Start(char** argv, const std::string& sock, long long usec) {
    pid_t pid = fork();
    if (pid == 0) {
        setenv("NOTIFY_SOCKET", sock.c_str(), 1);
        setenv("WATCHDOG_USEC", std::to_string(usec).c_str(), 1);
        setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
        execvp(argv[0], argv);
        perror("exec");
        _exit(127);
    }
    return pid;
}

void Stop(pid_t pid, int sig) {
    kill(pid, sig);
    for (int i = 0; i < 50; i++) { // up to 5 s, then for good
        if (waitpid(pid, nullptr, WNOHANG) == pid)
            return;
        usleep(100000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 6 || strcmp(argv[4], "--") != 0) {
        fprintf(stderr, "usage: watchdog_supervisor DIR USEC SECONDS -- COMMAND...\n");
        return 2;
    }
    const std::string sock = std::string(argv[1]) + "/notify.sock";
    const long long usec = atoll(argv[2]);
    const double seconds = atof(argv[3]);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
    unlink(sock.c_str());
    if (fd < 0 || bind(fd, (sockaddr*)&addr, sizeof addr) != 0) {
        perror("notify socket");
        return 1;
    }
    const double t0 = Now(), limit = double(usec) / 1e6;
    int starts = 0, ready = 0, feeds = 0, timeouts = 0;
    pid_t child = Start(argv + 5, sock, usec);
    starts++;
    // The watchdog is armed by the first READY=1 or WATCHDOG=1; before that a start may take
    // up to 60 s (TimeoutStartSec; a loaded test machine starts a kiosk slowly).
    double last = Now();
    bool armed = false;
    while (Now() - t0 < seconds) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 50) > 0) {
            char buf[4096];
            ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
            if (n > 0) {
                buf[n] = 0;
                std::string msg(buf);
                if (msg.find("READY=1") != std::string::npos) {
                    ready++;
                    armed = true;
                    last = Now();
                    printf("%.2f ready\n", Now() - t0);
                }
                if (msg.find("WATCHDOG=1") != std::string::npos) {
                    feeds++;
                    armed = true;
                    last = Now();
                    printf("%.2f watchdog\n", Now() - t0);
                }
                fflush(stdout);
            }
        }
        int status = 0;
        bool exited = waitpid(child, &status, WNOHANG) == child;
        if (!exited && Now() - last > (armed ? limit : 60.0)) {
            timeouts++;
            printf("%.2f watchdog timeout: killing %d (SIGABRT) and starting again\n", Now() - t0, int(child));
            fflush(stdout);
            Stop(child, SIGABRT);
            exited = true;
        } else if (exited) {
            printf("%.2f exited (status %d): starting again\n", Now() - t0, status);
        }
        if (exited) { // Restart=always
            child = Start(argv + 5, sock, usec);
            starts++;
            last = Now();
            armed = false;
        }
    }
    Stop(child, SIGTERM);
    printf("summary: starts=%d ready=%d feeds=%d timeouts=%d\n", starts, ready, feeds, timeouts);
    close(fd);
    unlink(sock.c_str());
    return 0;
}
