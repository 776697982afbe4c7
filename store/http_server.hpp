// The store on the network: HTTP (or HTTPS) routes over a Store. docs/sync-protocol.md
// is the contract.
#pragma once
#include "store/console/console.hpp"
#include "store/store.hpp"

#include <functional>
#include <string>

namespace store {

struct ServeOptions {
    std::string Host = "127.0.0.1";
    int Port = 8480;
    std::string TlsCert, TlsKey; // both or neither
    double RatePerSecond = 20.0; // per device, with a burst of twice that
    // The gebiedsteam's console under /console/ (store/console/); unset: not served.
    std::function<void(const console::ConsoleRequest&, console::ConsoleResponse*)> Console;
};

// Serves until SIGINT or SIGTERM. Returns the exit status.
int Serve(Store& store, const ServeOptions& opts);

} // namespace store
