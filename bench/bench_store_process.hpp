// The store process the sync bench runs against (bench_sync.cpp, bench_sync_scale.cpp):
// `wijkstem-store serve` on a free loopback port, started and stopped; Ctrl-C stops it.
#pragma once
#include "bench_util.hpp"
#include "store/db.hpp"

#include <chrono>
#include <csignal>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {

using Clock = std::chrono::steady_clock;

inline volatile sig_atomic_t g_store_pid = 0;
inline volatile sig_atomic_t g_stop = 0;

inline void OnInterrupt(int) {
    g_stop = 1;
    if (g_store_pid > 0)
        kill(pid_t(g_store_pid), SIGTERM); // requests then fail fast; main cleans up
}

inline double SecondsSince(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }
//-----------------------------------------------------------------------------
// Where a store keeps its data: a SQLite file, or with --pg a PostgreSQL schema
//-----------------------------------------------------------------------------

// Set by --pg: the PostgreSQL every store of the run lives in ($WIJKSTEM_PG_URL, from
// tests/pg_cluster.sh run), a schema each.
inline std::string g_pg_url;

inline bool Postgres() { return !g_pg_url.empty(); }

// A new, empty store database named name: tmp/name.db, or a schema name_N in g_pg_url.
inline std::string NewStoreDb(const std::string& tmp, const std::string& name) {
    if (!Postgres())
        return tmp + "/" + name + ".db";
    static int n = 0;
    const std::string schema = Fmt("%s_%d_%d", name.c_str(), int(getpid()), ++n);
    std::string error;
    auto admin = store::db::Open(g_pg_url, false, &error);
    if (!admin || !admin->Exec("CREATE SCHEMA " + schema, &error))
        Progress("cannot make the schema " + schema + ": " + error);
    return g_pg_url + (g_pg_url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

//-----------------------------------------------------------------------------
// The store process
//-----------------------------------------------------------------------------

struct StoreProcess {
    pid_t Pid = 0;
    std::string Url, Log;
};

inline bool StartStore(const std::string& binary, const std::string& db, const std::string& log,
                const std::vector<std::string>& more_args, StoreProcess* out) {
    std::mt19937 rng(std::random_device{}());
    for (int attempt = 0; attempt < 5 && !g_stop; attempt++) {
        const int port = 20000 + int(rng() % 20000);
        const std::string listen = Fmt("127.0.0.1:%d", port);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        // Parts 2, 4 and 5 speak for hundreds of kiosks from 127.0.0.1: no rate or connection
        // cap per address here (in a deployment each kiosk has its own).
        std::vector<std::string> args = {binary, "serve", "--db", db, "--listen", listen,
                                         "--rate-per-addr", "0", "--max-conns-per-addr", "4000"};
        args.insert(args.end(), more_args.begin(), more_args.end());
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        int rc = posix_spawn(&pid, binary.c_str(), &fa, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) {
            Progress(Fmt("cannot start %s: %s", binary.c_str(), strerror(rc)));
            return false;
        }
        g_store_pid = pid;
        auto t0 = Clock::now();
        while (SecondsSince(t0) < 10 && !g_stop) { // a loaded machine starts slowly
            if (ReadFileText(log).find("listening") != std::string::npos) {
                *out = {pid, "http://" + listen, log};
                return true;
            }
            int status;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                pid = 0;
                break;
            }
            usleep(20000);
        }
        if (pid) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        g_store_pid = 0;
        Progress("the store did not start on " + listen + ": " + ReadFileText(log));
    }
    return false;
}

inline void StopStore(StoreProcess& s) {
    if (!s.Pid)
        return;
    kill(s.Pid, SIGTERM);
    auto t0 = Clock::now();
    while (SecondsSince(t0) < 5) {
        if (waitpid(s.Pid, nullptr, WNOHANG) == s.Pid) {
            s.Pid = 0;
            g_store_pid = 0;
            return;
        }
        usleep(20000);
    }
    kill(s.Pid, SIGKILL);
    waitpid(s.Pid, nullptr, 0);
    s.Pid = 0;
    g_store_pid = 0;
}

// TcpExt ListenOverflows from /proc/net/netstat: connections the kernel dropped because
// a listen queue was full (the whole machine, not only our store). -1 when unreadable.
inline long long ListenOverflows() {
    std::istringstream in(ReadFileText("/proc/net/netstat"));
    std::string names, values;
    while (std::getline(in, names) && std::getline(in, values)) {
        if (names.rfind("TcpExt:", 0) != 0)
            continue;
        std::istringstream n(names), v(values);
        std::string name, value;
        while (n >> name && v >> value)
            if (name == "ListenOverflows")
                return atoll(value.c_str());
    }
    return -1;
}

// CPU time a process has used (user + system, all its threads), in seconds; -1 when
// unreadable. Under a loaded machine wall time says little about a server's own cost.
inline double CpuSeconds(pid_t pid) {
    std::string st = ReadFileText(Fmt("/proc/%d/stat", int(pid)));
    size_t paren = st.rfind(')');
    if (paren == std::string::npos)
        return -1;
    std::istringstream in(st.substr(paren + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; i++) { // fields 14 and 15: utime, stime
        if (i == 14)
            utime = std::stoull(field);
        if (i == 15)
            stime = std::stoull(field);
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

} // namespace bench
