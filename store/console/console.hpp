// The gebiedsteam's console (docs/console.md): every page and download under /console/,
// server-rendered Dutch HTML. It knows no HTTP library: the server hands it a plain
// ConsoleRequest and sends back the ConsoleResponse (store/http_server.cpp wires it).
#pragma once
#include "store/console/auth.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace console {

struct ConsoleRequest {
    std::string Method; // "GET", "POST"
    std::string Path;   // "/console/kiosks", not decoded
    std::string Query;  // after the '?', not decoded
    std::string Body;
    std::string RemoteAddr;
    std::map<std::string, std::string> Headers; // lowercase names
    bool Tls = false;
};

struct ConsoleResponse {
    int Status = 200;
    std::string ContentType = "text/html; charset=utf-8";
    std::string Body;
    std::vector<std::pair<std::string, std::string>> Headers; // Set-Cookie, Location, ...
};

struct Console {
    Console(store::Store& store, std::string db_path);
    ~Console();
    store::Store& Store;
    std::string DbPath;                    // the report reads the store by path, read-only
    std::string WorkDir;                   // report folders are made here (a private temp folder)
    std::function<int64_t()> Now;          // unix seconds; tests set their own clock
    LoginThrottle Throttle;
    std::mutex ReportMu;                   // one report made at a time
};

// Everything under /console/. Never throws.
void HandleConsole(Console& console, const ConsoleRequest& req, ConsoleResponse* res);

} // namespace console
