// What the two benchmarks (bench_kiosk, bench_sync) share: percentiles, the result table
// they print, the machine line above it, their temporary folder, their command line and
// their Ctrl-C handling. Header only: each benchmark is one program of its own.
#pragma once
#include "sync/iso_time.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace bench {

struct Stats {
    size_t N = 0;
    double P50 = NAN, P99 = NAN, Max = NAN, Mean = NAN;
};

// Nearest-rank percentiles.
inline Stats Summarize(std::vector<double> v) {
    Stats s;
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    auto pct = [&](double p) {
        size_t rank = size_t(std::ceil(p / 100.0 * double(v.size())));
        return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
    };
    s.N = v.size();
    s.P50 = pct(50);
    s.P99 = pct(99);
    s.Max = v.back();
    double sum = 0;
    for (double x : v)
        sum += x;
    s.Mean = sum / double(v.size());
    return s;
}

std::string Fmt(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
inline std::string Fmt(const char* fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

// 12345678 -> "12,345,678"
inline std::string Thousands(double x) {
    std::string digits = Fmt("%.0f", x), out;
    int n = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (n && n % 3 == 0 && *it != '-')
            out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
        n++;
    }
    return out;
}

// --- the result table ---

struct Row {
    std::string Figure, Value, Target, Verdict;
};

inline std::vector<Row>& Rows() {
    static std::vector<Row> rows;
    return rows;
}

inline void AddRow(std::string figure, std::string value, std::string target = "", std::string verdict = "") {
    Rows().push_back({std::move(figure), std::move(value), std::move(target), std::move(verdict)});
}

inline const char* Verdict(bool pass) { return pass ? "PASS" : "FAIL"; }

// The rows as a table on stdout, columns as wide as their widest cell.
inline void PrintTable() {
    size_t w0 = 6, w1 = 5, w2 = 6;
    for (const Row& r : Rows()) {
        w0 = std::max(w0, r.Figure.size());
        w1 = std::max(w1, r.Value.size());
        w2 = std::max(w2, r.Target.size());
    }
    printf("%-*s  %-*s  %-*s  %s\n", int(w0), "figure", int(w1), "value", int(w2), "target", "verdict");
    printf("%s\n", std::string(w0 + w1 + w2 + 6 + 7, '-').c_str());
    for (const Row& r : Rows())
        printf("%-*s  %-*s  %-*s  %s\n", int(w0), r.Figure.c_str(), int(w1), r.Value.c_str(), int(w2),
               r.Target.c_str(), r.Verdict.c_str());
}

inline void Progress(const std::string& line) {
    fprintf(stderr, "bench: %s\n", line.c_str());
    fflush(stderr);
}

// --- the machine ---

inline std::string ReadFileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string CpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) {
            size_t colon = line.find(':');
            return colon == std::string::npos ? line : line.substr(colon + 2);
        }
    return "unknown";
}

// "2026-12-04 19:00 UTC, 2 cores, CPU model, load 0.41 1.18 0.81": a run's circumstances.
inline std::string MachineLine() {
    const std::string now = wsync::IsoNowSeconds(); // "2026-12-04T19:00:00Z"
    const std::string when = now.substr(0, 10) + " " + now.substr(11, 5) + " UTC";
    std::string load = ReadFileText("/proc/loadavg");
    load = load.substr(0, load.find(' ', load.find(' ', load.find(' ') + 1) + 1));
    return Fmt("%s, %ld cores, %s, load %s", when.c_str(), sysconf(_SC_NPROCESSORS_ONLN), CpuModel().c_str(),
               load.c_str());
}

// The folder this benchmark's binary is in (the other binaries are built next to it).
inline std::string SelfDir() {
    std::error_code ec;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? "." : self.parent_path().string();
}

// $NAME when set and not empty, else fallback.
inline std::string EnvOr(const char* name, const std::string& fallback) {
    const char* v = getenv(name);
    return v && *v ? v : fallback;
}

// A new folder root/PREFIX.XXXXXX; false (and a message) when it cannot be made.
inline bool MakeTempDir(const std::string& root, const std::string& prefix, std::string* out) {
    std::string tmpl = root + "/" + prefix + ".XXXXXX";
    if (!mkdtemp(tmpl.data())) {
        fprintf(stderr, "bench: cannot make a temporary folder in %s: %s\n", root.c_str(), strerror(errno));
        return false;
    }
    *out = tmpl;
    return true;
}

// Ctrl-C and SIGTERM call on_signal (no SA_RESTART: poll() and read() return EINTR); a
// closed pipe is an error to handle, not a death.
inline void HandleInterrupts(void (*on_signal)(int)) {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);
}

// The value after option argv[*i]; with none, the usage and exit 2.
inline const char* OptionValue(int argc, char** argv, int* i, const char* program, void (*usage)()) {
    if (*i + 1 >= argc) {
        fprintf(stderr, "%s: %s needs a value\n", program, argv[*i]);
        usage();
        exit(2);
    }
    return argv[++*i];
}

} // namespace bench
