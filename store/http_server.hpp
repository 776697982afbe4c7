// The store on the network: the kiosk API (docs/sync-protocol.md is the contract) as
// routes on the HTTP layer (store/http.hpp), over a Store.
#pragma once
#include "store/console/console.hpp"
#include "store/http.hpp"
#include "store/rate_limiter.hpp"
#include "store/store.hpp"

#include <functional>
#include <string>

namespace store {

struct ServeOptions {
    std::string Host = "127.0.0.1";
    int Port = 8480;
    std::string TlsCert, TlsKey; // both or neither
    double RatePerSecond = 20.0; // per device (and enrolments per address), with a burst of twice that
    http::Limits Limit;          // deadlines, sizes, connection caps, the rate per address
    int Workers = 2;             // threads that run the handlers (SQLite)
    // The gebiedsteam's console under /console/ (store/console/); unset: not served.
    std::function<void(const console::ConsoleRequest&, console::ConsoleResponse*)> Console;
    // The public page of a wijk, /wijk/NAME (store/console/public_page.hpp); unset: not served.
    std::function<void(const console::ConsoleRequest&, console::ConsoleResponse*)> Public;
};

// Adds /v1/health, /v1/enroll, /v1/content, /v1/answers and /v1/group to router. store and
// limiter must outlive the server.
void AddKioskRoutes(http::Router& router, Store& store, RateLimiter& limiter);

// The store's own refusal: JSON with "error" and the store marker.
http::Response JsonError(int status, const std::string& why);

// Serves until SIGINT or SIGTERM. Returns the exit status.
int Serve(Store& store, const ServeOptions& opts);

} // namespace store
